import { SpikeflowError } from '@spikeflow/core';

/** How to get a WebGPU adapter where none is found; part of {@link NoWebGpuAdapterError}'s message. */
export const NO_ADAPTER_HELP = [
  'In a browser: use one with WebGPU enabled (Chrome/Edge 113+, Firefox 141+, Safari 26+), or Chromium with --enable-unsafe-webgpu.',
  "In Node: install the npm package 'webgpu' (Dawn) next to @spikeflow/backend-webgpu.",
  'With a GPU, Dawn uses Vulkan: install the GPU driver and the Vulkan loader (Debian: apt-get install -y libvulkan1).',
  'Without a GPU, Dawn runs on Mesa\'s llvmpipe through OpenGL ES: apt-get install -y libegl1 libgles2 libegl-mesa0 libgl1-mesa-dri,',
  'and run with EGL_PLATFORM=surfaceless (set automatically when unset). Or pass your own device: createWebGpuBackend({ device }).',
].join('\n  ');

/** No WebGPU adapter could be found: nothing to run the backend on. */
export class NoWebGpuAdapterError extends SpikeflowError {
  constructor(detail: string) {
    super('no-webgpu-adapter', `no WebGPU adapter found (${detail}). To fix:\n  ${NO_ADAPTER_HELP}`);
    this.name = 'NoWebGpuAdapterError';
  }
}

/** Where the device came from, for reports and benchmark tables. */
export interface AdapterDescription {
  /** `navigator.gpu`, `dawn (vulkan)`, `dawn (opengles)`, or `given` for a caller's device. */
  readonly source: string;
  /** The adapter's vendor, e.g. `nvidia` or `mesa` (empty when the platform hides it). */
  readonly vendor: string;
  /** The adapter's architecture, e.g. `ampere` (may be empty). */
  readonly architecture: string;
  /** The adapter's device name or id (may be empty). */
  readonly device: string;
  /** The driver's description of the adapter (may be empty). */
  readonly description: string;
  /** `core` or `compatibility`. */
  readonly featureLevel: string;
}

/** What {@link acquireDevice} found: the device and where it came from. */
export interface AcquiredDevice {
  /** The device to run on. */
  readonly device: GPUDevice;
  /** Where it came from. */
  readonly adapter: AdapterDescription;
  /** True when the device was created here (the backend may destroy it). */
  readonly owned: boolean;
}

/** Where {@link acquireDevice} looks for a device; by default `navigator.gpu`, else Dawn in Node. */
export interface AcquireOptions {
  /** Use this device (from `navigator.gpu` or Dawn); the backend never destroys it. */
  readonly device?: GPUDevice;
  /** Use this `GPU` object instead of `navigator.gpu` or Dawn (e.g. `create([...])` from 'webgpu'). */
  readonly gpu?: GPU;
  /** Node only: Dawn's options for the first try (default: the platform's native backend). */
  readonly dawnOptions?: readonly string[];
  /** `high-performance` (default) or `low-power`. */
  readonly powerPreference?: GPUPowerPreference;
}

type DawnModule = { create(options: string[]): GPU };

const describe = (source: string, adapter: GPUAdapter, featureLevel: string): AdapterDescription => {
  const info = adapter.info;
  return {
    source,
    vendor: info?.vendor ?? '',
    architecture: info?.architecture ?? '',
    device: info?.device ?? '',
    description: info?.description ?? '',
    featureLevel,
  };
};

/**
 * The limits this backend asks for: as large as the adapter allows for buffer sizes (big
 * networks), and the few storage buffers per stage it needs (it fits compatibility mode's 4).
 */
function requiredLimits(adapter: GPUAdapter): Record<string, number> {
  const l = adapter.limits;
  return {
    maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
    maxBufferSize: l.maxBufferSize,
    maxStorageBuffersPerShaderStage: Math.min(l.maxStorageBuffersPerShaderStage, 8),
  };
}

/**
 * Dawn's GPU and adapter objects must outlive their devices: if the garbage collector takes them,
 * Dawn for Node aborts the process at a later call. Devices created here keep them referenced.
 */
const keepAlive = new WeakMap<GPUDevice, readonly unknown[]>();

async function deviceFrom(gpu: GPU, source: string, power: GPUPowerPreference): Promise<AcquiredDevice | undefined> {
  for (const featureLevel of ['core', 'compatibility'] as const) {
    const adapter = await gpu.requestAdapter({ powerPreference: power, featureLevel } as GPURequestAdapterOptions);
    if (!adapter) continue;
    const device = await adapter.requestDevice({ requiredLimits: requiredLimits(adapter) });
    keepAlive.set(device, [gpu, adapter]);
    return { device, adapter: describe(source, adapter, featureLevel), owned: true };
  }
  return undefined;
}

/**
 * Finds a device: the caller's, else `navigator.gpu` (browsers, Deno), else Dawn from the npm
 * package `webgpu` (Node): first its native backend (Vulkan/Metal/D3D12), then OpenGL ES in
 * compatibility mode, which runs on Mesa's llvmpipe without a GPU.
 */
export async function acquireDevice(options: AcquireOptions = {}): Promise<AcquiredDevice> {
  const power = options.powerPreference ?? 'high-performance';
  if (options.device) {
    return {
      device: options.device,
      adapter: { source: 'given', vendor: '', architecture: '', device: '', description: '', featureLevel: 'unknown' },
      owned: false,
    };
  }
  if (options.gpu) {
    const got = await deviceFrom(options.gpu, 'given gpu', power);
    if (!got) throw new NoWebGpuAdapterError('the given GPU object returned no adapter');
    return got;
  }
  const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
  if (nav?.gpu) {
    const got = await deviceFrom(nav.gpu, 'navigator.gpu', power);
    if (got) return got;
    if (!isNode()) throw new NoWebGpuAdapterError('navigator.gpu.requestAdapter() returned null');
  }
  if (!isNode()) throw new NoWebGpuAdapterError('this environment has no navigator.gpu');
  let dawn: DawnModule;
  try {
    const name = 'webgpu';
    dawn = (await import(/* @vite-ignore */ name)) as DawnModule;
  } catch (e) {
    throw new NoWebGpuAdapterError(`the npm package 'webgpu' could not be loaded: ${(e as Error).message}`);
  }
  const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env;
  if (env && env.EGL_PLATFORM === undefined) env.EGL_PLATFORM = 'surfaceless';
  const tries: [string, string[]][] = [
    ['dawn (native)', [...(options.dawnOptions ?? [])]],
    ['dawn (opengles)', ['backend=opengles']],
  ];
  for (const [source, flags] of tries) {
    let gpu: GPU;
    try {
      gpu = dawn.create(flags);
    } catch {
      continue;
    }
    const got = await deviceFrom(gpu, source, power).catch(() => undefined);
    if (got) return got;
  }
  throw new NoWebGpuAdapterError("Dawn found neither a native GPU backend nor OpenGL ES (Mesa's EGL)");
}

const isNode = (): boolean => typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string';
