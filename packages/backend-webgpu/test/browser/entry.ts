// The page's script: runs the conformance suite with the WebGPU backend on navigator.gpu.
import { checkConformance, REFERENCE_NETWORKS, type ConformanceOptions } from '@spikeflow/testing';
import { createWebGpuBackend } from '@spikeflow/backend-webgpu';

async function run(options: { networks?: string[]; seeds?: number[]; steps?: number } = {}) {
  const backend = await createWebGpuBackend();
  try {
    const networks = REFERENCE_NETWORKS.filter((n) => !options.networks || options.networks.includes(n.name));
    const opts: ConformanceOptions = { networks, ...(options.seeds ? { seeds: options.seeds } : {}), ...(options.steps ? { steps: options.steps } : {}) };
    const report = await checkConformance(backend, opts);
    return { adapter: backend.adapter, report };
  } finally {
    backend.destroy();
  }
}

(globalThis as { spikeflowConformance?: typeof run }).spikeflowConformance = run;
