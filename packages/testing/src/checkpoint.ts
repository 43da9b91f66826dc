import { decodeCheckpoint, encodeCheckpoint, Network, withSpikeTrace, type Backend } from '@spikeflow/core';
import { LIF } from '@spikeflow/neurons';
import { ExpCurrent, fixedProbabilityConnect, randomNormalConnect } from '@spikeflow/connectivity';
import { incrementalStepNoise, stepNoise } from '@spikeflow/stimuli';
import { SpikeMonitor, StateMonitor } from '@spikeflow/monitors';

/** What a checkpoint test compares: every spike, recorded values and the final state, as plain numbers. */
export interface CheckpointRecord {
  /** Every spike of each population (`ep`, `ip`), as parallel arrays. */
  readonly spikes: Readonly<
    Record<
      string,
      {
        /** Step of each spike. */
        steps: number[];
        /** Neuron of each spike. */
        neurons: number[];
      }
    >
  >;
  /** State monitors' rows, flattened: ep.v every step, ip.trace every 7 steps, ip spike flags. */
  readonly recorded: Readonly<Record<string, number[]>>;
  /** Final state of every variable of every population. */
  readonly final: Readonly<Record<string, number[]>>;
  /** The simulation's step at the end. */
  readonly step: number;
}

/** The network of {@link checkpointNetwork} with its monitors. */
export interface CheckpointInstance {
  /** The configured network (not yet run). */
  readonly net: Network;
  /** Spike monitors of `ep` and `ip`. */
  readonly spikes: {
    /** Spikes of the excitatory population `ep`. */
    readonly ep: SpikeMonitor;
    /** Spikes of the inhibitory population `ip`. */
    readonly ip: SpikeMonitor;
  };
  /** State monitors: `ep.v` every step, `ip.trace` every 7 steps, `ip.spike` of four neurons. */
  readonly states: {
    /** `ep`'s v, every neuron, every step. */
    readonly 'ep.v': StateMonitor;
    /** `ip`'s spike trace, every 7 steps. */
    readonly 'ip.trace': StateMonitor;
    /** `ip`'s spike flags of neurons 0, 1, 2 and the last. */
    readonly 'ip.spike': StateMonitor;
  };
}

/** Result of {@link checkpointRoundTrip}: identical records mean the backend resumes exactly. */
export interface CheckpointRoundTrip {
  /** The uninterrupted run of 2N steps. */
  readonly whole: CheckpointRecord;
  /** N steps, checkpoint, restore in a fresh network, N more steps (records of both halves joined). */
  readonly resumed: CheckpointRecord;
  /** Size of the encoded checkpoint in bytes. */
  readonly bytes: number;
}

/**
 * A network that exercises every kind of state a checkpoint must hold: per-step random draws
 * (noise stimuli, whose random numbers depend on the step), refractoriness, spike traces, dense
 * and sparse synapses with their post-synaptic currents, an array stimulus indexed by step, and
 * state monitors recording every k steps (positions depend on the global step).
 */
export function checkpointNetwork(seed: number, steps: number, n = 40): CheckpointInstance {
  const net = new Network({ dt: 1, seed });
  const neuron = withSpikeTrace(LIF, { additive: true, tau: 10 });
  const params = { R: 1, C: 20, threshold: -40, t_ref: 2 };
  const ep = net.population('ep', { model: neuron, size: n, parameters: params, initial: { v: { uniform: { min: -70, max: -45 } } } });
  const ip = net.population('ip', { model: neuron, size: n / 2, parameters: params, sign: 'inhibitory' });
  net.connect(ep, ip, { connector: randomNormalConnect({ wmean: 20, wstd: 5 }), synapse: ExpCurrent });
  net.connect(ip, ep, { connector: fixedProbabilityConnect({ p: 0.3, weight: 15 }), synapse: ExpCurrent, storage: 'csr' });
  net.connect(ep, ep, { connector: fixedProbabilityConnect({ p: 0.2, weight: { normal: { mean: 8, std: 2 } } }), synapse: ExpCurrent, parameters: { tau: 7 } });
  net.stimulate(ep, stepNoise({ I_value: 45 }));
  net.stimulate(ip, incrementalStepNoise({ I_value: 20, scale: 100, gap: 5 }));
  net.stimulate(ip, { kind: 'array', steps, size: n / 2, data: Float64Array.from({ length: (steps * n) / 2 }, (_, k) => (k % 13) * 0.5) });
  const spikes = { ep: net.monitor(new SpikeMonitor(ep)), ip: net.monitor(new SpikeMonitor(ip)) };
  const states = {
    'ep.v': net.monitor(new StateMonitor(ep, 'v')),
    'ip.trace': net.monitor(new StateMonitor(ip, 'trace', { every: 7 })),
    'ip.spike': net.monitor(new StateMonitor(ip, 'spike', { indices: [0, 1, 2, n / 2 - 1] })),
  };
  return { net, spikes, states };
}

type Instance = CheckpointInstance;

function record(inst: Instance, parts: readonly Instance[] = [inst]): CheckpointRecord {
  const spikes = Object.fromEntries(
    Object.keys(inst.spikes).map((name) => {
      const ms = parts.map((p) => p.spikes[name as keyof Instance['spikes']]);
      return [name, { steps: ms.flatMap((m) => Array.from(m.steps)), neurons: ms.flatMap((m) => Array.from(m.neurons)) }];
    }),
  );
  const recorded = Object.fromEntries(Object.keys(inst.states).map((name) => [name, parts.flatMap((p) => Array.from(p.states[name as keyof Instance['states']].values().data))]));
  const sim = inst.net.compiled!;
  const final: Record<string, number[]> = {};
  for (const p of inst.net.populations) for (const v of ['v', 'trace']) final[`${p.name}.${v}`] = Array.from(sim.getState(p.name, v));
  return { spikes, recorded, final, step: sim.currentStep };
}

/**
 * Runs the checkpoint network 2N steps in one go, and N steps, a checkpoint (encoded to bytes and
 * decoded again, as a file would be), a fresh network restored from it and N more steps. A backend
 * is right when both records are identical. `backend` is called once per network, so each run has
 * its own simulation (pass a factory that makes fresh backends where a backend holds a device).
 */
export async function checkpointRoundTrip(backend: () => Backend | Promise<Backend>, options: { seed: number; steps: number }): Promise<CheckpointRoundTrip> {
  const { seed, steps: n } = options;
  const whole = checkpointNetwork(seed, 2 * n);
  await whole.net.run({ steps: 2 * n }, await backend());

  const first = checkpointNetwork(seed, 2 * n);
  await first.net.run({ steps: n }, await backend());
  const bytes = encodeCheckpoint(await first.net.checkpoint());
  first.net.compiled!.dispose();

  const second = checkpointNetwork(seed, 2 * n);
  await second.net.restore(decodeCheckpoint(bytes), await backend());
  await second.net.run({ steps: n }, await backend());
  const resumed = record(second, [first, second]);
  const result = { whole: record(whole), resumed, bytes: bytes.length };
  whole.net.compiled!.dispose();
  second.net.compiled!.dispose();
  return result;
}
