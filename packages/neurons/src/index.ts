export { LIF } from './lif.js';
