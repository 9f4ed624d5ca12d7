// Two builds of the package, A and B (e.g. `main` before and after a change), timed
// interleaved in one Node process on the same workloads under Cancun (which every build
// has run): snailtracer, evmone's compute and micro contracts, and nested calls. Each
// workload is checked first: both builds must return the same output and gas. Prints per
// workload the median of each and B/A (below 1: B faster), then the geometric mean.
// Usage: node scripts/bench-ab.mjs PKG_A PKG_B [--runs N]   (PKG: a pkg-node directory,
// from scripts/build-pkg.sh in a checkout of each commit)
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [pa, pb] = process.argv.slice(2).filter((a) => !a.startsWith('--') && !/^\d+$/.test(a));
if (!pa || !pb) {
  console.error('usage: node scripts/bench-ab.mjs PKG_A PKG_B [--runs N]');
  process.exit(2);
}
const runsIdx = process.argv.indexOf('--runs');
const RUNS = runsIdx > 0 ? Number(process.argv[runsIdx + 1]) : 21;
const load = (p) => createRequire(import.meta.url)(join(resolve(p), 'evmbox.js'));
const [A, B] = [load(pa), load(pb)];
const bench = join(root, '../shared/fixtures/bench');
const expand = (s) => s.replace(/\((\d+)x([0-9a-fA-F]+)\)/g, (_, n, b) => b.repeat(Number(n))).replace(/\s+/g, '');
const hexFile = (p) => '0x' + expand(readFileSync(p, 'utf8')).replace(/^0x/, '');
const firstInput = (p) => '0x' + expand(readFileSync(p, 'utf8').trim().split('\n')[1] ?? '');

const T = '0x' + 'aa'.repeat(20), C = '0x' + 'bb'.repeat(20);
const { assemble } = B;
const loop = (n, body) => assemble(`PUSH2 ${n} top: JUMPDEST ${body} PUSH20 ${C} GAS CALL POP PUSH1 1 SWAP1 SUB DUP1 PUSH @top JUMPI POP STOP`);
const recursive = assemble(`PUSH1 0 CALLDATALOAD DUP1 ISZERO PUSH @end JUMPI PUSH1 1 SWAP1 SUB
  PUSH1 0 MSTORE PUSH1 0 PUSH1 0 PUSH1 32 PUSH1 0 PUSH1 0 ADDRESS GAS CALL POP end: JUMPDEST STOP`);
const evmone = (dir, f) => ({ name: f, code: { [T]: hexFile(join(bench, `evmone/${dir}/${f}.bin-runtime`)) }, data: firstInput(join(bench, `evmone/${dir}/${f}.inputs`)) });
const workloads = [
  { name: 'snailtracer', code: { [T]: hexFile(join(bench, 'revm/snailtracer.hex')) }, data: '0x30627b7c' },
  evmone('main', 'sha1_divs'), evmone('main', 'blake2b_huff'), evmone('main', 'weierstrudel'),
  evmone('micro', 'jump_around'), evmone('micro', 'signextend'),
  evmone('micro', 'memory_grow_mload'), evmone('micro', 'memory_grow_mstore'),
  { name: '1000 CALLs', code: { [T]: loop(1000, 'PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0'), [C]: '0x00' }, data: '0x' },
  { name: '100 × 10-deep chains', code: { [T]: loop(100, 'PUSH1 9 PUSH1 0 MSTORE PUSH1 0 PUSH1 0 PUSH1 32 PUSH1 0 PUSH1 0'), [C]: recursive }, data: '0x' },
];

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
  for (const [a, code] of Object.entries(w.code)) evm.setAccount(a, { code, nonce: 1n });
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
