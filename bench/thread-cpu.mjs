// CPU time of each thread of this process over one CUBA loop (Linux: /proc/self/task/*/schedstat):
// the main thread's and what V8's background threads (optimizing compilers, GC) add to the loop's
// process CPU time. Prints one JSON line; alternate builds run after run to compare them.
//   node bench/thread-cpu.mjs --size 4000 --threads 1
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { buildBenchNetwork } from './networks.mjs';

const { values } = parseArgs({ options: { size: { type: 'string', default: '4000' }, threads: { type: 'string', default: '1' }, duration: { type: 'string', default: '1000' } } });
/** CPU milliseconds of each thread of this process, by thread id (threads that ended are gone). */
function threadCpu() {
  const out = new Map();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      out.set(tid, Number(readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ')[0]) / 1e6);
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return out;
}
const bench = await buildBenchNetwork('cuba', { size: Number(values.size), seed: 1, duration: Number(values.duration) });
const simulation = await createCpuBackend({ threads: Number(values.threads) }).compile(bench.network.build());
const mainTid = String(process.pid);
const before = threadCpu();
const cpu0 = process.cpuUsage();
const result = await simulation.run(bench.steps);
const cpu = process.cpuUsage(cpu0);
const after = threadCpu();
simulation.dispose();
const spent = [...after].map(([tid, ms]) => [tid, ms - (before.get(tid) ?? 0)]);
const main = spent.find(([tid]) => tid === mainTid)?.[1] ?? Number.NaN;
const others = spent.filter(([tid]) => tid !== mainTid).reduce((n, [, ms]) => n + ms, 0);
console.log(
  JSON.stringify({
    size: Number(values.size),
    threads: Number(values.threads),
    description: simulation.description,
    spikes: bench.summarize(result.steps).spikes,
    loop_seconds: result.seconds,
    loop_cpu_ms: (cpu.user + cpu.system) / 1000,
    main_thread_cpu_ms: main,
    other_threads_cpu_ms: others,
  }),
);
