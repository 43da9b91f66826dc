import type { TopLevelSpec } from 'vega-lite';
import { plotConfig } from './theme.js';
import type { InnerSpec } from './vl-types.js';

/**
 * Vega-Lite schema the builders target.
 *
 * @example
 * spec.$schema === VEGA_LITE_SCHEMA; // true for every spec built here
 */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/**
 * Makes a standalone figure of a view: adds the schema (a name only; nothing is fetched), the
 * figure {@link plotConfig} and, when given, a title.
 *
 * @example
 * const spec = topLevel({ mark: 'point', data: { values: [] } }, 'empty');
 */
export function topLevel(spec: InnerSpec, title?: string, subtitle?: string): TopLevelSpec {
  const out: Record<string, unknown> = { $schema: VEGA_LITE_SCHEMA, config: plotConfig(), ...spec };
  if (title !== undefined) out.title = subtitle === undefined ? { text: title } : { text: title, subtitle };
  return out as unknown as TopLevelSpec;
}
