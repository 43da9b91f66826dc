import type { SpikeMonitor } from '@spikeflow/monitors';

/** One CSV of all populations' spikes: `population,step,time_ms,neuron`, ordered by population then step. */
export function spikesCsv(monitors: Readonly<Record<string, SpikeMonitor>>, dt: number): string {
  const lines = ['population,step,time_ms,neuron'];
  for (const [name, m] of Object.entries(monitors)) {
    const { steps, neurons } = m;
    for (let k = 0; k < m.count; k++) lines.push(`${name},${steps[k]},${+(steps[k]! * dt).toFixed(9)},${neurons[k]}`);
  }
  return `${lines.join('\n')}\n`;
}
