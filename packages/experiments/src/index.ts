export * from './scenarios.js';
export * from './decision.js';
export * from './analysis.js';
export * from './run.js';
export * from './cuba.js';
