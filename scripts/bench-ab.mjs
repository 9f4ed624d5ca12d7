// Two builds of the package, A and B (e.g. `main` before and after a change), timed
// interleaved in one Node process on the same workloads under Cancun (which every build
// has run): snailtracer, evmone's compute and micro contracts, and nested calls (ten of
// scripts/workloads.mjs). Each workload is checked first: both builds must return the same
// output and gas. Prints per workload the median of each and B/A (below 1: B faster), then
// the geometric mean.
// Usage: node scripts/bench-ab.mjs PKG_A PKG_B [--runs N]   (PKG: a pkg-node directory,
// from scripts/build-pkg.sh in a checkout of each commit)
import { createRequire } from 'node:module';
import { workloads as sharedWorkloads, A as T } from './workloads.mjs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const [pa, pb] = process.argv.slice(2).filter((a) => !a.startsWith('--') && !/^\d+$/.test(a));
if (!pa || !pb) {
  console.error('usage: node scripts/bench-ab.mjs PKG_A PKG_B [--runs N]');
  process.exit(2);
}
const runsIdx = process.argv.indexOf('--runs');
const RUNS = runsIdx > 0 ? Number(process.argv[runsIdx + 1]) : 21;
const load = (p) => createRequire(import.meta.url)(join(resolve(p), 'evmbox.js'));
const [A, B] = [load(pa), load(pb)];
const { assemble } = B;
// The first input of each evmone contract, and the call workloads, of bench-peers' list.
const names = ['snailtracer', 'sha1_divs/empty', 'blake2b_huff/empty', 'weierstrudel/0',
  'jump_around/empty', 'signextend/zero', 'memory_grow_mload/nogrow', 'memory_grow_mstore/nogrow',
  '1000 CALLs', '100 × 10-deep chains'];
const all = sharedWorkloads(assemble);
const workloads = names.map((n) => {
  const w = all.find((x) => x.name === n);
  if (!w) throw new Error(`no workload named ${n} in scripts/workloads.mjs`);
  return w;
});

function median(xs) { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; }
/** An instance under Cancun; builds from before forks were chosen (0.1) ran only Cancun. */
const cancun = (m, block) => {
  try { return new m.Evm({ fork: 'cancun', block }); } catch (e) {
    if (!/fork: unknown field/.test(e.message)) throw e;
    return new m.Evm({ block });
  }
};
const make = (m, w) => {
  const evm = cancun(m, { gasLimit: 1n << 40n });
  for (const [a, code] of Object.entries(w.accounts)) evm.setAccount(a, { code, nonce: 1n });
  return () => evm.call({ to: T, data: w.data, gas: 1_000_000_000n });
};
console.log(`workload | A (ms) | B (ms) | B/A`);
const ratios = [];
for (const w of workloads) {
  const [ra, rb] = [make(A, w), make(B, w)];
  const [oa, ob] = [ra(), rb()];
  if (oa.output !== ob.output || oa.gasUsed !== ob.gasUsed || oa.status !== 'success') {
    throw new Error(`${w.name}: the builds disagree (${oa.status} ${oa.gasUsed} vs ${ob.status} ${ob.gasUsed})`);
  }
  const ta = [], tb = [];
  for (let i = 0; i < RUNS; i++) {
    for (const [r, ts] of i % 2 ? [[ra, ta], [rb, tb]] : [[rb, tb], [ra, ta]]) {
      const t0 = performance.now();
      r();
      ts.push(performance.now() - t0);
    }
  }
  const [a, b] = [median(ta), median(tb)];
  ratios.push(b / a);
  console.log(`${w.name} | ${a.toFixed(3)} | ${b.toFixed(3)} | ${(b / a).toFixed(3)}`);
}
console.log(`geometric mean B/A: ${Math.exp(ratios.reduce((s, x) => s + Math.log(x), 0) / ratios.length).toFixed(3)}`);
