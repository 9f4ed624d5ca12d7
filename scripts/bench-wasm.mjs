// Times the wasm build (pkg-node) in Node: a plain run, a run with the call tree, and a run
// with an EIP-3155 trace, on snailtracer and on revm-shaped nested-call workloads.
// Usage: node scripts/bench-wasm.mjs [--runs N]
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { Evm, assemble } = createRequire(import.meta.url)(join(root, 'pkg-node/evmbox.js'));
const runsIdx = process.argv.indexOf('--runs');
const RUNS = runsIdx > 0 ? Number(process.argv[runsIdx + 1]) : 15;

const A = '0x' + 'aa'.repeat(20), B = '0x' + 'bb'.repeat(20), T = '0x' + 'ff'.repeat(20);
const snail = '0x' + readFileSync(join(root, '../shared/fixtures/bench/revm/snailtracer.hex'), 'utf8').trim();
const loop = (n, to, depthArg) => assemble(`PUSH2 ${n} top: JUMPDEST ` +
  (depthArg === undefined ? 'PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 '
    : `PUSH1 ${depthArg} PUSH1 0 MSTORE PUSH1 0 PUSH1 0 PUSH1 32 PUSH1 0 PUSH1 0 `) +
  `PUSH20 ${to} GAS CALL POP PUSH1 1 SWAP1 SUB DUP1 PUSH @top JUMPI POP STOP`);
const recursive = assemble(`PUSH1 0 CALLDATALOAD DUP1 ISZERO PUSH @end JUMPI PUSH1 1 SWAP1 SUB
  PUSH1 0 MSTORE PUSH1 0 PUSH1 0 PUSH1 32 PUSH1 0 PUSH1 0 ADDRESS GAS CALL POP end: JUMPDEST STOP`);

const workloads = [
  { name: 'snailtracer', accounts: { [T]: snail }, tx: { to: T, data: '0x30627b7c', gas: 1_000_000_000n } },
  { name: 'subcall_1000_same_account', accounts: { [A]: loop(1000, B), [B]: '0x00' }, tx: { to: A, gas: 100_000_000n } },
  { name: 'subcall_1000_nested_depth_10', accounts: { [A]: loop(100, B, 9), [B]: recursive }, tx: { to: A, gas: 100_000_000n } },
];

// BLAKE2F (EIP-152's vector 5 shape) with 10,000,000 rounds, sent to the precompile. Its
// first call is timed apart: V8 runs a function's first calls unoptimised, and a precompile
// that loops in one call never gets the optimised code (see src/precompiles/blake2f.rs).
{
  const input = '0x00989680' + '48c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5' +
    'd182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e1319cde05b' + '6162630000000000000000000000000000000000000000000000000000000000' +
    '0'.repeat(192) + '0300000000000000' + '0000000000000000' + '01';
  const evm = new Evm({ fork: 'cancun' });
  const times = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const r = evm.call({ to: '0x0000000000000000000000000000000000000009', data: input, gas: 20_000_000n });
    times.push(performance.now() - t0);
    if (r.status !== 'success') throw new Error(`blake2f: ${r.status}`);
  }
  console.log(`blake2f_10m_rounds | first call ${times[0].toFixed(1)} ms | then ${times.slice(1).map((t) => t.toFixed(1)).join(', ')} ms`);
}

function median(xs) { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; }

console.log(`workload | plain (ms) | callTree (ms) | overhead | trace (ms) | gas used`);
for (const w of workloads) {
  // Cancun: the rules revm's benches run, and no transaction gas cap (snailtracer needs 1e9).
  const evm = new Evm({ fork: 'cancun', block: { gasLimit: 1n << 40n } });
  for (const [a, code] of Object.entries(w.accounts)) evm.setAccount(a, { code, nonce: 1n });
  const time = (opts) => {
    const ts = [];
    let r;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      r = evm.call(w.tx, opts);
      ts.push(performance.now() - t0);
      if (r.status !== 'success') throw new Error(`${w.name}: ${r.status} ${r.haltReason ?? ''}`);
    }
    return [median(ts), r];
  };
  time(undefined); // warm-up
  const [plain, r] = time(undefined);
  const [tree] = time({ callTree: true });
  const [trace] = time({ trace: { limit: 1000 } });
  console.log(`${w.name} | ${plain.toFixed(3)} | ${tree.toFixed(3)} | ${(tree / plain).toFixed(2)}x | ${trace.toFixed(3)} | ${r.gasUsed}`);
}

// The fixed cost of one transaction through the JS API: a call to a contract that is STOP,
// the request read, the transaction run in a snapshot, the result object built; per call,
// the median of 5 batches of 20,000 calls (after 20,000 to warm up).
{
  const evm = new Evm({ fork: 'cancun' });
  evm.setCode(A, '0x00');
  const req = { from: B, to: A, data: '0x', gas: 1_000_000n };
  for (let i = 0; i < 20_000; i++) evm.call(req);
  const per = [];
  for (let b = 0; b < 5; b++) {
    const t0 = performance.now();
    for (let i = 0; i < 20_000; i++) evm.call(req);
    per.push((performance.now() - t0) / 20_000);
  }
  console.log(`1-opcode call (STOP), per call: ${(median(per) * 1000).toFixed(2)} µs`);
}
