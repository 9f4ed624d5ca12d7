// Where evmbox's time goes in wasm: runs one benchmark workload (scripts/workloads.mjs) through
// the JS API under V8's sampling profiler and prints the share of samples per function, wasm
// (by Rust name) and JS alike. `--cold` writes 64 MB between runs first, so that each run
// starts with the caches and TLB holding other data, as it does interleaved with other work
// (bench-peers' main figure); the time per run is measured outside the profiler's samples.
// `--callers FN` then splits the samples of the functions whose name contains FN by caller.
// Usage: bash scripts/profile-wasm.sh --filter NAME [--cold] [--top N] [--callers FN]
import { createRequire } from 'node:module';
import { Session } from 'node:inspector/promises';
import { resolve, join } from 'node:path';
import { workloads, A, CALLER } from './workloads.mjs';

const arg = (k) => { const i = process.argv.indexOf(k); return i > 0 ? process.argv[i + 1] : undefined; };
const pkg = process.argv[2];
const filter = arg('--filter');
const cold = process.argv.includes('--cold');
const top = Number(arg('--top') ?? 25);
const callersOf = arg('--callers');
if (!pkg || !filter || !(top > 0)) {
  console.error('usage: node scripts/profile-wasm.mjs PKG_DIR --filter NAME [--cold] [--top N] [--callers FN]');
  process.exit(2);
}
const { Evm, assemble } = createRequire(import.meta.url)(join(resolve(pkg), 'evmbox.js'));
// The workload named exactly so, or else the one whose name contains it.
const all = workloads(assemble);
const exact = all.filter((w) => w.name === filter);
const chosen = exact.length ? exact : all.filter((w) => w.name.includes(filter));
if (chosen.length !== 1) {
  console.error(`--filter ${JSON.stringify(filter)} matches ${chosen.length} workloads${chosen.length ? ': ' + chosen.map((w) => w.name).join(', ') : ''}; it must match one`);
  process.exit(2);
}
const w = chosen[0];
const evm = new Evm({ fork: 'cancun', block: { gasLimit: (1n << 64n) - 1n } });
evm.setBalance(CALLER, 10n ** 30n);
for (const [a, code] of Object.entries(w.accounts)) evm.setCode(a, code);
const request = { from: CALLER, to: A, data: w.data, gas: w.gas ?? 1_000_000_000n };
const first = evm.call(request);
if (first.status !== 'success') throw new Error(`${w.name}: ${first.status}`);
const junk = new Float64Array(8 << 20);
const flush = () => { for (let i = 0; i < junk.length; i += 8) junk[i] += 1; };
// Warm up (V8 optimises the hot wasm functions), then about 2 s of profiled runs.
for (let t0 = performance.now(); performance.now() - t0 < 300;) evm.call(request);
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 50 });
await session.post('Profiler.start');
const times = [];
for (let spent = 0; spent < 2000 && times.length < 200_000;) {
  const f0 = performance.now();
  if (cold) flush();
  const t0 = performance.now();
  evm.call(request);
  const t1 = performance.now();
  times.push(t1 - t0);
  spent += t1 - f0;
}
const { profile } = await session.post('Profiler.stop');
times.sort((a, b) => a - b);
console.log(`${w.name}: ${times.length} runs${cold ? ' after writing 64 MB' : ''}, median ${(times[times.length >> 1] * 1000).toFixed(1)} µs per transaction`);
// Self samples per function, leaving out the flushing and the profiler's own idle time.
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
let total = 0;
for (const id of profile.samples) {
  const f = nodes.get(id).callFrame;
  const name = f.functionName || `(anonymous ${f.url.split('/').pop()}:${f.lineNumber + 1})`;
  if (name === 'flush' || name === '(idle)' || name === '(program)') continue;
  self.set(name, (self.get(name) ?? 0) + 1);
  total += 1;
}
// Rust symbols end in a hash (`::h0123…`); wasm-bindgen's JS glue names are kept as they are.
const short = (s) => s.replace(/::h[0-9a-f]{16}$/, '').replace(/\[[0-9a-f]{16}\]/g, '');
console.log('share  function (self time)');
for (const [name, n] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${(100 * n / total).toFixed(1).padStart(5)}%  ${short(name).slice(0, 150)}`);
}
if (callersOf) {
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
  const by = new Map();
  let n = 0;
  for (const id of profile.samples) {
    const node = nodes.get(id);
    if (!node.callFrame.functionName.includes(callersOf)) continue;
    const p = parent.get(id);
    const name = short(p?.callFrame.functionName || '(root)');
    by.set(name, (by.get(name) ?? 0) + 1);
    n += 1;
  }
  console.log(`\ncallers of ${callersOf} (${n} samples)`);
  for (const [name, c] of [...by].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${(100 * c / n).toFixed(1).padStart(5)}%  ${name.slice(0, 150)}`);
  }
}
