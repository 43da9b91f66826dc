/**
 * @spikeflow/monitors — spike, state and synapse monitors with bounded memory and ndarray result views,
 * weights as ndarrays (`weightArray`) and CSR arrays (`weightCsr`),
 * CSV writers, and the analysis a Brian2/NEST user expects (population rate, ISI CV, Fano factor).
 *
 * @example
 * import { SpikeMonitor, StateMonitor, populationRate, isiCv, spikesToCsv } from '@spikeflow/monitors';
 * const spikes = net.monitor(new SpikeMonitor(exc));
 * const v = net.monitor(new StateMonitor(exc, 'v', { indices: [0, 1], every: 10 }));
 * await net.run({ duration: 1000 }, backend);
 * populationRate(spikes, exc.size, 100, net.dt); // Hz per 100-step bin
 * isiCv(spikes);
 * spikesToCsv(spikes, { dt: net.dt });
 */
export { SpikeMonitor, DEFAULT_MAX_SPIKES, type SpikeMonitorOptions } from './spike-monitor.js';
export { SpikeCounter, type SpikeCounterOptions, type SpikeCounts } from './spike-counter.js';
export { StateMonitor, DEFAULT_MAX_STATE_BYTES, type StateMonitorOptions } from './state-monitor.js';
export { SynapseMonitor, DEFAULT_MAX_SYNAPSE_BYTES, csrOf, type SynapseMonitorOptions } from './synapse-monitor.js';
export { checkSelection, pairIndices, type SynapseSelection } from './synapse-selection.js';
export { weightArray, weightCsr, type WeightArrayOptions, type CsrArrays } from './weights.js';
export { SpikeEvents } from './spike-events.js';
export { spikesToCsv, stateToCsv, timeMs, type CsvOptions } from './csv.js';
export { populationRate } from './population-rate.js';
export { isiCv } from './isi.js';
export { fanoFactor } from './fano.js';
export { StepMonitor, type Recordable } from './step-monitor.js';
export { type ByteSink, MemoryByteSink } from './writers/byte-sink.js';
export { npyHeader, NPY_HEADER_BYTES, type NpyDtype } from './writers/npy.js';
export { SpikeWriter, SPIKES_CSV_HEADER, type DataFormat, type SpikeWriterOptions, type WriterPosition } from './writers/spike-writer.js';
export { StateWriter } from './writers/state-writer.js';
export { SynapseWriter, type SynapseWriterOptions } from './writers/synapse-writer.js';
export { readSynapses, type SynapseData } from './writers/synapse-reader.js';
export { JsonTail, type Flushable } from './writers/flushable.js';
export { parseNpy, readSpikes, readState, type SpikeData, type StateData } from './writers/readers.js';
