import type { TopLevelSpec } from 'vega-lite';

/**
 * Vega-Lite's composable spec types, derived from `TopLevelSpec` (the package exports only the top
 * level): `InnerSpec` is anything that may sit inside `hconcat`/`vconcat`, `LayerSpec` a layered
 * view, `UnitSpec` one of its layers and `SizedUnitSpec` a single-mark view with a size.
 *
 * @example
 * const panel: UnitSpec = { mark: 'bar', encoding: { x: { field: 't', type: 'quantitative' } } };
 */
export type InnerSpec = Extract<TopLevelSpec, { hconcat: unknown }>['hconcat'][number];

/**
 * A layered view (`{ layer: [...] }`), usable inside a concatenation.
 *
 * @example
 * const l: LayerSpec = { layer: [{ mark: 'line' }, { mark: 'rule' }] };
 */
export type LayerSpec = Extract<InnerSpec, { layer: unknown }>;

/**
 * A view with one mark as a layer of a {@link LayerSpec} (no size of its own).
 *
 * @example
 * const u: UnitSpec = { mark: { type: 'tick' }, encoding: {} };
 */
export type UnitSpec = Extract<LayerSpec['layer'][number], { mark: unknown }>;

/**
 * A view with one mark and its own size, usable on its own or inside a concatenation.
 *
 * @example
 * const v: SizedUnitSpec = { width: 300, height: 120, mark: 'tick', encoding: {} };
 */
export type SizedUnitSpec = Extract<InnerSpec, { mark: unknown }>;

/**
 * One row of inline data: field name → number or string.
 *
 * @example
 * const row: Datum = { t: 1.5, n: 3 }; // a spike at 1.5 ms of neuron 3
 */
export type Datum = Record<string, number | string>;
