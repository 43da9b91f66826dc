/**
 * A model is one declarative definition — data and expressions, no code. Neuron models,
 * post-synaptic models and current sources are all written this way, and every backend runs
 * them through the same compiler.
 *
 * Units are checked when a model compiles (docs/concepts/units.md). Internal units: time ms, voltage
 * mV, current nA, resistance MΩ, capacitance nF, conductance µS (rates 1/ms). States, inputs and
 * derived values are declared in internal units; a parameter may be declared in any unit (`Hz`,
 * `nS`), and its values — bare numbers in that unit, or strings such as `"6 nS"` — are converted.
 * Synapse models and current sources may write `target` for "the unit of the input they feed".
 *
 * @example
 * const R: ParameterSpec = { unit: 'MΩ', default: 1, positive: true, doc: 'membrane resistance' };
 */
export interface ParameterSpec {
  /** The parameter's unit, e.g. `'mV'`, `'MΩ'`, `'ms'` (see the units convention above). */
  readonly unit: string;
  /** Value used when a population does not set the parameter; without one, setting it is required. */
  readonly default?: number;
  /** One line saying what the parameter is, shown in docs and in `spikeflow models`. */
  readonly doc?: string;
  /** Must be > 0 (e.g. a resistance). */
  readonly positive?: boolean;
  /** Must be ≥ 0 (e.g. a rate): a negative value is a `ConfigError` (code `negative-rate` for a parameter in Hz, else `negative-value`) naming the parameter and neuron. */
  readonly nonNegative?: boolean;
  /** A time constant: must be > 0, and dt larger than it draws a warning. */
  readonly timeConstant?: boolean;
  /** Largest allowed value, inclusive, in internal units (e.g. 1 for a probability); a larger one is a `ConfigError` naming the parameter. */
  readonly maximum?: number;
}

/**
 * A named expression of parameters (and `dt`), computed once on the host, e.g. `tau_m = R*C`.
 *
 * @example
 * const tau_m: DerivedSpec = { expr: 'R * C', unit: 'ms', timeConstant: true, doc: 'membrane time constant' };
 */
export interface DerivedSpec {
  /** The expression, of parameters, other derived values and `dt` (checked when the model compiles). */
  readonly expr: string;
  /** The unit of the result. */
  readonly unit: string;
  /** One line saying what the value is. */
  readonly doc?: string;
  /** The value is a time constant: it must come out > 0, and dt larger than it draws a warning. */
  readonly timeConstant?: boolean;
  /** The value must come out > 0 (a `ConfigError` naming it otherwise), e.g. `wmax - wmin`. */
  readonly positive?: boolean;
}

/**
 * A state variable: integrated by `equations`, changed by `update`, `reset` and `onPre`.
 *
 * @example
 * const v: StateSpec = { unit: 'mV', initial: 'u_rest', doc: 'membrane potential' };
 */
export interface StateSpec {
  /** The variable's unit. */
  readonly unit: string;
  /** A number or an expression of parameters, e.g. `'u_rest'`. */
  readonly initial: number | string;
  /** One line saying what the variable is. */
  readonly doc?: string;
}

/**
 * A named input of a neuron model: every step, the currents of the stimuli and synapses that
 * target it are summed into it before integration.
 *
 * @example
 * const I: InputSpec = { unit: 'nA', doc: 'total input current (stimuli and synapses)' };
 */
export interface InputSpec {
  /** The input's unit (what stimuli and synapses deliver into it). */
  readonly unit: string;
  /**
   * A parameter this input adds to, whose sum must stay ≥ 0 (PoissonNeuron: `rate + r`, a rate).
   * Array and given-event stimuli into the input are checked when the network is built (a
   * `ConfigError`, code `negative-rate`, naming the step and neuron); model sources and synapses
   * are not known before the run.
   */
  readonly nonNegativeWith?: string;
  /** One line saying what the input is. */
  readonly doc?: string;
}

/**
 * How `equations` are advanced by one step: `exact` (exponential Euler; exact for equations linear
 * in their variable with inputs constant over the step), `euler`, `rk2` (midpoint) or `rk4`.
 * Integrators are rewrites of the model's IR in core; no backend has its own.
 *
 * @example
 * net.population('exc', { model: LIF, size: 10, integrator: 'rk4' });
 */
export type IntegratorName = 'exact' | 'euler' | 'rk2' | 'rk4';

/**
 * A spike trace of a plastic synapse model (pair-based STDP), kept per presynaptic (`side: 'pre'`)
 * or per postsynaptic (`side: 'post'`) neuron: between spikes it decays exactly,
 * `x ← x·exp(−Δt/tau)`; when its neuron spikes it first decays to that step, then jumps by
 * `jump`, then the synapse statements of that spike (`onPre` or `onPost`) run and may read it.
 * This is Brian2's `dApre/dt = -Apre/taupre : 1 (event-driven)` with `Apre += dApre` in on_pre,
 * for the common case where every synapse of a neuron holds the same trace.
 *
 * @example
 * const apre: TraceSpec = { side: 'pre', unit: 'µS', tau: 'taupre', jump: 'Apre', doc: 'presynaptic trace' };
 */
export interface TraceSpec {
  /** Whose spikes bump it and where it is kept: one value per presynaptic or per postsynaptic neuron. */
  readonly side: 'pre' | 'post';
  /** The trace's unit (an internal unit, like a state's). */
  readonly unit: string;
  /** Decay time constant: an expression of parameters and derived values, in ms (one value per connection). */
  readonly tau: string;
  /** Amount added on each spike of its neuron: an expression of parameters and derived values, in the trace's unit. */
  readonly jump: string;
  /** One line saying what the trace is. */
  readonly doc?: string;
}

/**
 * A per-synapse variable of a synapse model (besides the weight `w`): one value per synapse, with
 * an initial value and optionally an ODE integrated lazily and exactly at the synapse's events —
 * Brian2's `(event-driven)` — or, with {@link SynapseVariableSpec.clockDriven | clockDriven},
 * every step by the model's integrator. An event-driven variable is advanced, before a synapse's
 * `onPre` (presynaptic spike), `onPost` (postsynaptic spike) or reward statements run, over the
 * time Δ since its last event: for `dx/dt = a + b·x` (a, b free of x: expressions of parameters
 * and derived values), x ← x∞ + (x − x∞)·exp(b·Δ) with x∞ = −a/b (x ← x + a·Δ when b = 0). An
 * event-driven equation not linear in its variable, or reading anything but parameters, derived
 * values and the variable itself, is an `ExpressionError` (code `not-linear`) naming the model,
 * variable and expression. Synapse statements read and assign it by name.
 *
 * @example
 * const u: SynapseVariableSpec = { unit: '1', initial: 'U', equation: '(U - u) / tau_f', doc: 'release probability' };
 */
export interface SynapseVariableSpec {
  /** The variable's unit (an internal unit, like a state's). */
  readonly unit: string;
  /** Initial value of every synapse: a number or an expression of parameters and derived values. */
  readonly initial: number | string;
  /** Right-hand side of `d<name>/dt`: linear in the variable and integrated exactly at the synapse's events, or (with `clockDriven`) any equation, integrated every step. Without one, the variable only changes in statements. */
  readonly equation?: string;
  /**
   * Integrate `equation` every step instead of at events: Brian2's `(clock-driven)`. Every step,
   * before any neuron integrates, every synapse's clock-driven variables advance by one step of
   * dt — all together, by the model's integrator (the IR rewrites neuron equations go through:
   * `exact` is exponential Euler and needs each equation linear in its own variable, `euler`,
   * `rk2` and `rk4` take any), each right-hand side reading the values at the start of the step.
   * Clock-driven equations may be coupled and nonlinear, and read the other clock-driven
   * variables, `w`, parameters, derived values, `t`, `dt` and the postsynaptic neuron's state as
   * `<variable>_post` (at the start of the step). A `summed` expression reads them as they were
   * before the step's advance (Brian2 runs summed-variable updates just before the groups' state
   * updates); `onPre` (propagation, after the neurons) reads and assigns them. An equation reading
   * an event-driven variable (stale between its events) is an `ExpressionError`
   * (`event-driven-read`); `exact` with an equation not linear in its variable is one too
   * (`not-linear`), naming the model, equation and variable.
   *
   * @example
   * // Saturating NMDA (Brian2's examples/synapses/nonlinear.py): x jumps on each spike, g_syn saturates at 1.
   * const g_syn: SynapseVariableSpec = { unit: '1', initial: 0, equation: '-g_syn / tau_decay + alpha * x * (1 - g_syn)', clockDriven: true };
   */
  readonly clockDriven?: boolean;
  /** One line saying what the variable is. */
  readonly doc?: string;
}

/**
 * Reward modulation of a plastic synapse model: the user delivers a reward to a connection during
 * a run (`CpuSimulation.deliverReward(connection, value)`), and `statements` run once for every
 * synapse of that connection at that moment (after its per-synapse variables are advanced to
 * it), reading the delivered value as `reward`. Between deliveries nothing happens.
 *
 * @example
 * const reward: RewardSpec = { unit: '1', statements: ['w = clip(w + reward * c, wmin, wmax)'] };
 */
export interface RewardSpec {
  /** Unit of the delivered value `reward` (usually `'1'`). */
  readonly unit: string;
  /** Statements run per synapse on each delivery; may assign `w` and the per-synapse variables. */
  readonly statements: readonly string[];
  /** One line saying what the reward is. */
  readonly doc?: string;
}

/**
 * Makes a synapse model plastic: its weight `w` becomes a per-synapse variable that `onPre` and
 * `onPost` may assign, read by the traces declared here (docs/concepts/model-language.md,
 * "Plastic synapses"). Order within a step, as in Brian2: every presynaptic spike's traces and
 * `onPre` statements, then every postsynaptic spike's traces and `onPost` statements.
 *
 * @example
 * const plasticity: PlasticitySpec = {
 *   traces: { apre: { side: 'pre', unit: 'µS', tau: 'taupre', jump: 'Apre' }, apost: { side: 'post', unit: 'µS', tau: 'taupost', jump: 'Apost' } },
 *   onPost: ['w = clip(w + apre, wmin, wmax)'],
 * };
 */
export interface PlasticitySpec {
  /** Spike traces by name; `onPre`, `onPost` (and nothing else) may read them. */
  readonly traces?: Readonly<Record<string, TraceSpec>>;
  /** Statements run per synapse when its postsynaptic neuron spikes; may assign `w` and the model's states. Required when there are traces. */
  readonly onPost?: readonly string[];
  /** Per-synapse variables besides `w`, by name, with event-driven linear or clock-driven ODEs (see {@link SynapseVariableSpec}). */
  readonly synapseState?: Readonly<Record<string, SynapseVariableSpec>>;
  /** Reward modulation: statements run per synapse when the user delivers a reward (see {@link RewardSpec}). */
  readonly reward?: RewardSpec;
  /**
   * Right-hand side of `dw/dt` for the weight itself, linear in `w` (e.g. `'-w / tau_w'`: weight
   * decay), integrated exactly at the synapse's events like a per-synapse variable's equation
   * (see {@link SynapseVariableSpec}); in the weight's unit per ms.
   */
  readonly weightEquation?: string;
}

/**
 * The definition of a model — the one interface every model contributor writes: a neuron, a
 * post-synaptic (synapse) model or a current source, as data and expressions only. Expressions
 * are parsed once into a checked IR (unknown names, functions and anything that is not
 * arithmetic are rejected with the model, the expression and the token), integrated by an
 * {@link IntegratorName | integrator} and printed by each backend; a model has no backend code.
 *
 * Names an expression may use: the model's `parameters`, `derived` values, `state` variables and
 * (neurons) `inputs`, `dt`, the functions of the model language (`exp`, `expm1`, `sqrt`, …) and,
 * in `update` statements and outputs, `rand()` and `randn()` (one counter-based stream per model
 * instance: the same numbers on every backend; a synapse model's stream is its connection's, drawn
 * per postsynaptic neuron, and its per-synapse code — `onPre`, `onPost`, `summed`, reward
 * statements — may not draw). Equations may add Gaussian white noise `xi`
 * (`xi_<suffix>` for several independent ones; unit 1/sqrt(ms), as in Brian2), integrated by
 * Euler–Maruyama from the same stream: `dv/dt = -(v - u_rest)/tau + sigma*sqrt(2/tau)*xi`.
 * Synapse models may also read their postsynaptic neuron's state variables as `<variable>_post`
 * (Brian2's convention; e.g. `v_post`) in `output`, `equations` and `update`: the value at the
 * start of the step, before the neuron integrates (docs/concepts/model-language.md,
 * "Conductance synapses"). `onPre` may read and write them: `v_post += w` is a voltage jump
 * (a delta synapse, which needs no `output`; "Voltage-jump synapses" on the same page).
 *
 * @example
 * // A leaky integrate-and-fire neuron (this is `LIF` of @spikeflow/neurons).
 * const LIF: ModelDefinition = {
 *   name: 'LIF',
 *   kind: 'neuron',
 *   doc: 'Leaky integrate-and-fire neuron (tau_m = R·C).',
 *   parameters: {
 *     R: { unit: 'MΩ', default: 1, positive: true, doc: 'membrane resistance' },
 *     C: { unit: 'nF', default: 20, positive: true, doc: 'membrane capacitance' },
 *     u_rest: { unit: 'mV', default: -70, doc: 'resting potential' },
 *     u_reset: { unit: 'mV', default: -70, doc: 'potential after a spike' },
 *     threshold: { unit: 'mV', default: -40, doc: 'spike threshold' },
 *     t_ref: { unit: 'ms', default: 0, doc: 'absolute refractory period' },
 *   },
 *   derived: { tau_m: { expr: 'R * C', unit: 'ms', timeConstant: true, doc: 'membrane time constant' } },
 *   state: { v: { unit: 'mV', initial: 'u_rest', doc: 'membrane potential' } },
 *   inputs: { I: { unit: 'nA', doc: 'total input current' } },
 *   equations: { v: '(-(v - u_rest) + R * I) / tau_m' },
 *   threshold: 'v >= threshold',
 *   reset: ['v = u_reset'],
 *   refractory: { period: 't_ref', clamp: ['v'] },
 *   integrator: 'exact',
 * };
 * const model = compileModel(LIF); // throws a ModelError naming the expression and token if it is wrong
 */
export interface ModelDefinition {
  /** The model's name, used in errors (`model LIF: …`), in experiment files and by `spikeflow models`. */
  readonly name: string;
  /** `neuron` (spikes), `synapse` (post-synaptic state fed by presynaptic spikes), `current` (a source). */
  readonly kind: 'neuron' | 'synapse' | 'current';
  /** One or two sentences saying what the model is, shown in docs and by `spikeflow models`. */
  readonly doc?: string;
  /** Parameters by name: constants per population (one number) or per neuron (an array or a distribution). */
  readonly parameters: Readonly<Record<string, ParameterSpec>>;
  /** Values computed once on the host from parameters and `dt`, by name (e.g. `tau_m = R*C`). */
  readonly derived?: Readonly<Record<string, DerivedSpec>>;
  /** State variables by name, each with its unit and initial value. */
  readonly state: Readonly<Record<string, StateSpec>>;
  /** Inputs summed each step from stimuli and synapses (neurons only), e.g. `I`. */
  readonly inputs?: Readonly<Record<string, InputSpec>>;
  /** `{ v: '(-(v - u_rest) + R*I) / tau_m' }` reads `dv/dt = (-(v - u_rest) + R*I) / tau_m`; a term `g*xi` adds white noise (additive: g free of states and time). */
  readonly equations?: Readonly<Record<string, string>>;
  /** Discrete statements run every step after integration; may use `rand()`, `randn()`. */
  readonly update?: readonly string[];
  /** Spike condition (neurons). */
  readonly threshold?: string;
  /** Statements run on a spike (neurons). */
  readonly reset?: readonly string[];
  /** Refractory period (an expression of parameters, ms) and the state variables held during it. */
  readonly refractory?: {
    /** How long after a spike the variables are held: an expression of parameters, in ms (e.g. `'t_ref'`). */
    readonly period: string;
    /** The state variables not integrated during the period (e.g. `['v']`). */
    readonly clamp: readonly string[];
  };
  /** Statements run per synapse when its presynaptic neuron spikes; `w` is the weight (synapses). */
  readonly onPre?: readonly string[];
  /** Makes the weight plastic (synapses): spike traces and `onPost` statements; `onPre` and `onPost` may then assign `w`. */
  readonly plasticity?: PlasticitySpec;
  /** Unit of the weight `w` (synapses); default `target`, the unit of the input the synapse feeds. */
  readonly weight?: {
    /**
     * The weight's unit, e.g. `'nS'`; `target` means the unit of the input fed. A connection's
     * weights are numbers in this unit, converted to the internal unit (nS → µS) when it is built.
     */
    readonly unit: string;
    /** One line saying what the weight is. */
    readonly doc?: string;
    /**
     * The weight is a conductance (a conductance synapse, output `g·(E_rev − v_post)`): weights must
     * be ≥ 0 (a negative one is a `ConfigError` naming the connection) and the presynaptic
     * population's sign is not applied: inhibition comes from the reversal potential. Without it,
     * weights are signed and an inhibitory population's synapses deliver −w (current synapses).
     */
    readonly conductance?: boolean;
  };
  /** Value delivered each step: a synapse's contribution to its target input, or a source's current. */
  readonly output?: string;
  /**
   * A per-synapse expression (synapse models) evaluated every step for every synapse of the
   * connection and summed into the input the connection feeds — Brian2's `(summed)` flag: a gap
   * junction is `w * (v_pre - v_post)`. It may read `w` (the synapse's weight, with the sign rule
   * of {@link ModelDefinition.weight}), the model's parameters, derived values and states (one
   * value per postsynaptic neuron), `t`, `dt`, `step`, and the presynaptic and postsynaptic
   * neurons' state variables as `<variable>_pre` and `<variable>_post`, and (plastic models) the
   * per-synapse variables that are clock-driven or have no equation, all at the start of the
   * step (before any neuron integrates, as Brian2's summed-variable updaters run just before the
   * target group's state update). Each postsynaptic neuron's terms are added in the connection's
   * CSR order (by presynaptic neuron, then table position), so every backend and thread count
   * gets the same sum bit for bit. A model with `summed` needs no `onPre` and has no `output`
   * (docs/concepts/model-language.md, "Summed synapse expressions").
   */
  readonly summed?: string;
  /** Integrator used unless the population asks for another; default `exact`, or `euler` when an equation has white noise `xi` (which only `euler` integrates). */
  readonly integrator?: IntegratorName;
}
