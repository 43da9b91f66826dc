export { main } from './main.js';
export { createProgram } from './program.js';
export { spikesCsv } from './spikes-csv.js';
