#!/usr/bin/env bash
# GPU benchmark: steps/s and synaptic events/s for growing E/I networks (10^4 … 10^6 LIF
# neurons, fixed in-degree 100), CPU (f64, f32) vs WebGPU, printed as one markdown table; the
# rows also go to packages/backend-webgpu/bench/results/gpu-<date>.json.
#
#   bash bench/gpu.sh                                  # 10^4, 10^5, 10^6 neurons (a few minutes on a GPU)
#   bash bench/gpu.sh --sizes 1000,4000 --steps 200    # quick check, e.g. on Mesa without a GPU
#   bash bench/gpu.sh --require-gpu                    # fail instead of timing a software adapter
#
# Other options: --k (in-degree), --cpu-steps, --cpu-max-size, --backends cpu-f64,cpu-f32,webgpu.
# On a machine with an NVIDIA GPU, Dawn uses Vulkan: the driver and the Vulkan loader (Debian:
# libvulkan1) must be installed. Without a GPU, Dawn falls back to OpenGL ES on Mesa's llvmpipe
# (apt-get install -y libegl1 libgles2 libegl-mesa0 libgl1-mesa-dri; EGL_PLATFORM=surfaceless):
# the table then says so, and its WebGPU rows are not GPU timings.
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
if [ ! -d node_modules ]; then
  npx -y "pnpm@$(node -p "require('./package.json').packageManager.split('@')[1]")" install --frozen-lockfile
fi
npx turbo run build --filter=@spikeflow/backend-webgpu... >/dev/null
exec node packages/backend-webgpu/bench/scaling.mjs "$@"
