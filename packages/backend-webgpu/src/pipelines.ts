import type { GpuKernel } from './wgsl.js';

/** GPUBufferUsage / GPUShaderStage / GPUMapMode values (numbers, so no globals are needed in Node). */
export const USAGE = { MAP_READ: 0x1, COPY_SRC: 0x4, COPY_DST: 0x8, UNIFORM: 0x40, STORAGE: 0x80, INDIRECT: 0x100 } as const;
export const COMPUTE_STAGE = 0x4;
export const MAP_READ = 0x1;

export interface Layouts {
  readonly main: GPUBindGroupLayout;
  readonly finalize: GPUBindGroupLayout;
  readonly mainPipeline: GPUPipelineLayout;
  readonly finalizePipeline: GPUPipelineLayout;
}

interface DeviceCache {
  readonly layouts: Layouts;
  /** By layout and WGSL source, least recently used first. */
  readonly pipelines: Map<string, Promise<GPUComputePipeline>>;
  /** Compilations saved by reusing a held pipeline. */
  hits: number;
}

/** Pipelines held per device; the least recently used goes first. */
const MAX_PIPELINES = 256;

const caches = new WeakMap<GPUDevice, DeviceCache>();

function cacheFor(device: GPUDevice): DeviceCache {
  let c = caches.get(device);
  if (!c) {
    const storage = (binding: number, type: GPUBufferBindingType): GPUBindGroupLayoutEntry => ({ binding, visibility: COMPUTE_STAGE, buffer: { type } });
    const step: GPUBindGroupLayoutEntry = { binding: 0, visibility: COMPUTE_STAGE, buffer: { type: 'uniform', hasDynamicOffset: true } };
    const params: GPUBindGroupLayoutEntry = { binding: 1, visibility: COMPUTE_STAGE, buffer: { type: 'uniform' } };
    const main = device.createBindGroupLayout({
      label: 'spikeflow main',
      entries: [step, params, storage(2, 'storage'), storage(3, 'storage'), storage(4, 'storage'), storage(5, 'read-only-storage')],
    });
    const finalize = device.createBindGroupLayout({ label: 'spikeflow finalize', entries: [step, params, storage(3, 'storage'), storage(5, 'read-only-storage'), storage(6, 'storage')] });
    c = {
      layouts: {
        main,
        finalize,
        mainPipeline: device.createPipelineLayout({ bindGroupLayouts: [main] }),
        finalizePipeline: device.createPipelineLayout({ bindGroupLayouts: [finalize] }),
      },
      pipelines: new Map(),
      hits: 0,
    };
    caches.set(device, c);
  }
  return c;
}

export const layoutsFor = (device: GPUDevice): Layouts => cacheFor(device).layouts;

/** Number of distinct compiled pipelines held for `device` (for tests of the cache). */
export const pipelineCacheSize = (device: GPUDevice): number => cacheFor(device).pipelines.size;

/** Pipeline cache statistics of `device`: pipelines held (at most 256) and reuses so far. */
export const pipelineCache = (
  device: GPUDevice,
): {
  /** Compiled pipelines held (one per distinct kernel source). */
  readonly pipelines: number;
  /** Compilations saved by reusing a held pipeline. */
  readonly hits: number;
} => {
  const c = cacheFor(device);
  return { pipelines: c.pipelines.size, hits: c.hits };
};

/**
 * Compute pipelines keyed by their WGSL source, which is a pure function of model IR and layout
 * shape (values, offsets and sizes live in uniforms): equal models in equal layouts share one
 * pipeline, and a second simulation of a network compiles nothing. Bounded per device (256,
 * least recently used out); a simulation keeps the pipelines it holds.
 */
export function pipelineFor(device: GPUDevice, kernel: GpuKernel): Promise<GPUComputePipeline> {
  const cache = cacheFor(device);
  const key = `${kernel.layout}\n${kernel.source}`;
  let p = cache.pipelines.get(key);
  if (p) {
    cache.hits++;
    cache.pipelines.delete(key);
  } else {
    p = compile(device, kernel, cache.layouts);
    p.catch(() => {
      if (cache.pipelines.get(key) === p) cache.pipelines.delete(key);
    });
    if (cache.pipelines.size >= MAX_PIPELINES) cache.pipelines.delete(cache.pipelines.keys().next().value!);
  }
  cache.pipelines.set(key, p);
  return p;
}

async function compile(device: GPUDevice, kernel: GpuKernel, layouts: Layouts): Promise<GPUComputePipeline> {
  const module = device.createShaderModule({ label: kernel.label, code: kernel.source });
  const info = await module.getCompilationInfo();
  const errors = info.messages.filter((m) => m.type === 'error');
  let pipeline: GPUComputePipeline | undefined;
  let failure: string | undefined;
  if (errors.length === 0) {
    try {
      pipeline = await device.createComputePipelineAsync({
        label: kernel.label,
        layout: kernel.layout === 'main' ? layouts.mainPipeline : layouts.finalizePipeline,
        compute: { module, entryPoint: 'main' },
      });
    } catch (e) {
      failure = (e as Error).message;
    }
  }
  if (errors.length > 0 || failure || !pipeline) {
    const lines = kernel.source.split('\n').map((l, k) => `${String(k + 1).padStart(4)}: ${l}`);
    const why = [...errors.map((m) => `line ${m.lineNum}:${m.linePos}: ${m.message}`), failure].filter(Boolean).join('\n');
    throw new Error(`internal: the WGSL kernel for ${kernel.label} did not compile:\n${why}\n${lines.join('\n')}`);
  }
  return pipeline;
}
