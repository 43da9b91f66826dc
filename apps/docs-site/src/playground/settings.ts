/**
 * Playground settings: what a visitor may change about the decision network, how the settings
 * travel in a shareable link, and their validation.
 *
 * Everything here is data. A link or a form is parsed field by field into numbers from fixed
 * ranges and names from fixed lists; anything else is rejected with a message naming the field.
 * Nothing a visitor types is ever evaluated.
 */
import { SCENARIOS, SCENARIO_NAMES, type InputKind, type Scenario } from '@spikeflow/experiments';

export type ConnectivityName = 'random-normal' | 'random-uniform' | 'full';
export const CONNECTIVITIES: readonly ConnectivityName[] = ['random-normal', 'random-uniform', 'full'];

export type InputName = InputKind['kind'];
export const INPUT_KINDS: readonly InputName[] = ['incremental', 'step-noise', 'random-walk', 'zero'];

export type BackendChoice = 'cpu' | 'webgpu';
export const BACKENDS: readonly BackendChoice[] = ['cpu', 'webgpu'];

export const POPULATIONS = ['ep1', 'ep2', 'ip1'] as const;
export type PopulationName = (typeof POPULATIONS)[number];

/** One population's input current. `gap` only matters for `incremental`. */
export interface InputSetting {
  readonly kind: InputName;
  readonly gap: number;
}

/** Everything that determines a playground run of the decision network. */
export interface DecisionSettings {
  readonly scenario: string;
  readonly seed: number;
  readonly steps: number;
  /** Neurons per population. */
  readonly size: number;
  /** Time step, ms. */
  readonly dt: number;
  /** Steps per ramp and per analysis bin (the seed's `scale`). */
  readonly scale: number;
  /** Base current I_value, nA. */
  readonly current: number;
  readonly inputs: Readonly<Record<PopulationName, InputSetting>>;
  /** All populations draw the same random numbers (the report's `torch.clone`). */
  readonly sharedInput: boolean;
  /** Extra current to ep2 from the middle of the run on, nA (0: none). */
  readonly ep2Boost: number;
  readonly connectivity: ConnectivityName;
  /** Random-normal weights: mean and standard deviation (before the J/Σc normalisation). */
  readonly wmean: number;
  readonly wstd: number;
  /** Random-uniform weights: bounds. */
  readonly wmin: number;
  readonly wmax: number;
  /** Total coupling J of every connection. */
  readonly J: number;
  /** Synaptic and spike-trace decay time constant, ms. */
  readonly tau: number;
  readonly backend: BackendChoice;
}

/** A number field: its range, whether it must be whole, and a label for messages and the form. */
export interface NumberField {
  readonly key: keyof DecisionSettings;
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly integer?: boolean;
  readonly unit?: string;
}

/** Bounds keep a shared link from asking a visitor's browser for an hour-long run. */
export const NUMBER_FIELDS: readonly NumberField[] = [
  { key: 'seed', label: 'seed', min: 0, max: 2 ** 31 - 1, integer: true },
  { key: 'steps', label: 'steps', min: 1, max: 20_000, integer: true },
  { key: 'size', label: 'neurons per population', min: 1, max: 2_000, integer: true },
  { key: 'dt', label: 'dt', min: 0.01, max: 10, unit: 'ms' },
  { key: 'scale', label: 'scale (steps per ramp and bin)', min: 1, max: 10_000, integer: true },
  { key: 'current', label: 'I_value', min: -1_000, max: 1_000, unit: 'nA' },
  { key: 'ep2Boost', label: 'ep2 boost from the middle', min: -1_000, max: 1_000, unit: 'nA' },
  { key: 'wmean', label: 'wmean', min: -1_000, max: 1_000 },
  { key: 'wstd', label: 'wstd', min: 0, max: 1_000 },
  { key: 'wmin', label: 'wmin', min: -1_000, max: 1_000 },
  { key: 'wmax', label: 'wmax', min: -1_000, max: 1_000 },
  { key: 'J', label: 'J (total coupling)', min: -1_000, max: 1_000 },
  { key: 'tau', label: 'tau (synapse and trace)', min: 0.01, max: 10_000, unit: 'ms' },
];

const GAP = { min: 1, max: 1_000, integer: true };

/** An invalid setting: the field and what was wrong. */
export class SettingsError extends Error {
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`${field}: ${detail}`);
    this.name = 'SettingsError';
  }
}

const inputOf = (k: InputKind): InputSetting => ({ kind: k.kind, gap: k.kind === 'incremental' ? k.gap : 5 });

/** The settings of a built-in scenario, with the seed report's defaults for everything else. */
export function scenarioDefaults(name: string): DecisionSettings {
  const s = lookupScenario(name);
  return {
    scenario: s.name,
    seed: 1,
    steps: 1000,
    size: 100,
    dt: 1,
    scale: 100,
    current: 20,
    inputs: { ep1: inputOf(s.input.ep1), ep2: inputOf(s.input.ep2), ip1: inputOf(s.input.ip1) },
    sharedInput: s.sharedInput ?? false,
    ep2Boost: s.ep2BoostFromMiddle ?? 0,
    connectivity: s.connectivity,
    wmean: 20,
    wstd: 5,
    wmin: 5,
    wmax: 20,
    J: 1,
    tau: 10,
    backend: 'cpu',
  };
}

function lookupScenario(name: string): Scenario {
  const s = Object.hasOwn(SCENARIOS, name) ? SCENARIOS[name] : undefined;
  if (!s) throw new SettingsError('scenario', `unknown scenario ${JSON.stringify(name)}; known: ${SCENARIO_NAMES.join(', ')}`);
  return s;
}

type Range = Pick<NumberField, 'min' | 'max' | 'integer'>;

function checkNumber(name: string, range: Range, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new SettingsError(name, `expected a number, got ${describe(value)}`);
  if (range.integer && !Number.isInteger(value)) throw new SettingsError(name, `expected a whole number, got ${value}`);
  if (value < range.min || value > range.max) throw new SettingsError(name, `expected ${range.min} to ${range.max}, got ${value}`);
  return value;
}

function checkChoice<T extends string>(field: string, value: unknown, choices: readonly T[]): T {
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    throw new SettingsError(field, `expected one of ${choices.join(', ')}, got ${describe(value)}`);
  }
  return value as T;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 39)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  return typeof value;
}

/**
 * Checks a settings object from anywhere (a form, a link, a worker message) and returns a fresh,
 * plain copy holding only the known fields. Throws a `SettingsError` naming the first bad field.
 */
export function validateSettings(input: unknown): DecisionSettings {
  if (typeof input !== 'object' || input === null) throw new SettingsError('settings', 'expected an object');
  const o = input as Record<string, unknown>;
  const scenario = lookupScenario(typeof o.scenario === 'string' ? o.scenario : String(o.scenario)).name;
  const numbers = Object.fromEntries(NUMBER_FIELDS.map((f) => [f.key, checkNumber(f.key, f, o[f.key])]));
  const rawInputs = o.inputs;
  if (typeof rawInputs !== 'object' || rawInputs === null) throw new SettingsError('inputs', 'expected an object with ep1, ep2 and ip1');
  const inputs = {} as Record<PopulationName, InputSetting>;
  for (const p of POPULATIONS) {
    const i = (rawInputs as Record<string, unknown>)[p];
    if (typeof i !== 'object' || i === null) throw new SettingsError(`inputs.${p}`, 'expected {kind, gap}');
    const kind = checkChoice(`inputs.${p}.kind`, (i as Record<string, unknown>).kind, INPUT_KINDS);
    const gap = checkNumber(`inputs.${p}.gap`, GAP, (i as Record<string, unknown>).gap);
    inputs[p] = { kind, gap };
  }
  if (typeof o.sharedInput !== 'boolean') throw new SettingsError('sharedInput', `expected true or false, got ${describe(o.sharedInput)}`);
  const settings = {
    scenario,
    ...numbers,
    inputs,
    sharedInput: o.sharedInput,
    connectivity: checkChoice('connectivity', o.connectivity, CONNECTIVITIES),
    backend: checkChoice('backend', o.backend, BACKENDS),
  } as DecisionSettings;
  if (settings.wmax < settings.wmin) throw new SettingsError('wmax', `expected wmax >= wmin (${settings.wmin}), got ${settings.wmax}`);
  return settings;
}

// ---------------------------------------------------------------------------------------------
// Shareable links: the settings as `key=value` pairs in the URL hash, scenario first. Only values
// that differ from the scenario's defaults are written, so links stay short and readable.

/** Encodes settings as a URL hash body (without `#`), e.g. `scenario=random-noise&seed=3`. */
export function encodeSettings(settings: DecisionSettings): string {
  const s = validateSettings(settings);
  const d = scenarioDefaults(s.scenario);
  const params = new URLSearchParams();
  params.set('scenario', s.scenario);
  for (const f of NUMBER_FIELDS) {
    if (s[f.key] !== d[f.key]) params.set(f.key, String(s[f.key]));
  }
  for (const p of POPULATIONS) {
    const i = s.inputs[p];
    const di = d.inputs[p];
    if (i.kind !== di.kind || (i.kind === 'incremental' && i.gap !== di.gap)) params.set(p, i.kind === 'incremental' ? `incremental:${i.gap}` : i.kind);
  }
  if (s.sharedInput !== d.sharedInput) params.set('shared', s.sharedInput ? '1' : '0');
  if (s.connectivity !== d.connectivity) params.set('connectivity', s.connectivity);
  if (s.backend !== d.backend) params.set('backend', s.backend);
  return params.toString();
}

const LINK_KEYS = new Set<string>(['scenario', 'shared', 'connectivity', 'backend', ...POPULATIONS, ...NUMBER_FIELDS.map((f) => f.key)]);

/**
 * Parses a URL hash (with or without `#`) into settings. Unknown keys, malformed numbers and
 * out-of-range values are errors naming the key; an empty hash gives the default scenario.
 */
export function decodeSettings(hash: string): DecisionSettings {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (text.length > 2000) throw new SettingsError('link', 'too long');
  const params = new URLSearchParams(text);
  for (const key of params.keys()) {
    if (!LINK_KEYS.has(key)) throw new SettingsError(key, `unknown setting; known: ${[...LINK_KEYS].join(', ')}`);
  }
  const base = scenarioDefaults(params.get('scenario') ?? 'default');
  const out: Record<string, unknown> = { ...base, inputs: { ...base.inputs } };
  for (const f of NUMBER_FIELDS) {
    const raw = params.get(f.key);
    if (raw === null) continue;
    // Plain decimal notation only: no hex, no blanks, nothing but a number.
    if (!/^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(raw)) throw new SettingsError(f.key, `expected a number, got ${describe(raw)}`);
    out[f.key] = Number(raw);
  }
  for (const p of POPULATIONS) {
    const raw = params.get(p);
    if (raw === null) continue;
    const [kind, gap, ...rest] = raw.split(':');
    if (rest.length > 0) throw new SettingsError(p, `expected <kind> or incremental:<gap>, got ${describe(raw)}`);
    const current = (out.inputs as Record<PopulationName, InputSetting>)[p];
    const g = gap === undefined ? current.gap : /^\d+$/.test(gap) ? Number(gap) : NaN;
    (out.inputs as Record<PopulationName, InputSetting>)[p] = { kind: kind as InputName, gap: g };
  }
  const shared = params.get('shared');
  if (shared !== null) {
    if (shared !== '0' && shared !== '1') throw new SettingsError('shared', `expected 0 or 1, got ${describe(shared)}`);
    out.sharedInput = shared === '1';
  }
  if (params.has('connectivity')) out.connectivity = params.get('connectivity');
  if (params.has('backend')) out.backend = params.get('backend');
  return validateSettings(out);
}
