export { LIF } from './lif.js';
export { CubaLIF } from './cuba-lif.js';
