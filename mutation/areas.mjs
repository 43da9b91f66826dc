/**
 * What `pnpm mutation` mutates, and which tests may kill the mutants, per area. The only place to
 * edit when source files move (paths relative to the repository root).
 */
export const AREAS = {
  'core-expr': {
    mutate: ['packages/core/src/expr/**/*.ts'],
    tests: ['packages/core/test/**/*.test.ts'],
  },
  'core-model': {
    mutate: ['packages/core/src/model/**/*.ts'],
    tests: ['packages/core/test/**/*.test.ts'],
  },
  'core-rng': {
    // Host random streams: seedrandom's doubles computed in blocks (must stay bit-identical to seedrandom).
    mutate: ['packages/core/src/rng/arc4-doubles.ts', 'packages/core/src/rng/host.ts'],
    tests: ['packages/core/test/**/*.test.ts'],
  },
  'printer-js': {
    mutate: ['packages/backend-cpu/src/js/printer.ts'],
    tests: ['packages/backend-cpu/test/printer*.test.ts'],
  },
  'printer-wasm': {
    // The IR → WebAssembly printers: SIMD expressions of neuron kernels, scalar ones of propagation,
    // and the Philox generator they call.
    mutate: ['packages/backend-cpu/src/wasm/simd-body.ts', 'packages/backend-cpu/src/wasm/propagate.ts', 'packages/backend-cpu/src/wasm/philox.ts'],
    tests: ['packages/backend-cpu/test/printer*.test.ts', 'packages/backend-cpu/test/philox-wasm.test.ts', 'packages/backend-cpu/test/wasm.test.ts'],
  },
  'printer-wgsl': {
    mutate: ['packages/backend-webgpu/src/printer.ts'],
    tests: ['packages/backend-webgpu/test/printer*.test.ts'],
  },
};
