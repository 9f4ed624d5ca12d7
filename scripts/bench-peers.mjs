// evmbox (the wasm build, through its JS API) against revm 43 compiled to wasm (a runner of our
// own in bench/revm-wasm) and @ethereumjs/evm, interleaved in one Node process on the same
// workloads: evmone's benchmark contracts (../shared/fixtures/bench), revm's snailtracer, and
// nested-call workloads. Each workload is checked first: all engines must return the same
// output (and the fixture's expected output, where it has one) and use the same gas. Prints
// per workload the median time of each engine and the ratios, then geometric means per set.
// Usage: bash scripts/bench-peers.sh [--quick] [--filter NAME]  (builds what it needs)
import { createRequire } from 'node:module';
import { workloads as makeWorkloads, A, CALLER } from './workloads.mjs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEVM } from '@ethereumjs/evm';
import { Common, Mainnet, Hardfork } from '@ethereumjs/common';
import { createAddressFromString, hexToBytes, bytesToHex } from '@ethereumjs/util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { Evm, assemble } = createRequire(import.meta.url)(join(root, 'pkg-node/evmbox.js'));
const { Revm } = createRequire(import.meta.url)(join(root, 'bench/revm-wasm/pkg/revm_wasm_bench.js'));
const arg = (k) => { const i = process.argv.indexOf(k); return i > 0 ? process.argv[i + 1] : undefined; };
const QUICK = process.argv.includes('--quick');
const FILTER = arg('--filter');
const GAS = 1_000_000_000n;
const workloads = makeWorkloads(assemble);

function median(xs) { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; }
const geomean = (xs) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);

async function main() {
  const common = new Common({ chain: Mainnet, hardfork: Hardfork.Cancun });
  const rows = [];
  const chosen = workloads.filter((x) => !FILTER || x.name.includes(FILTER));
  if (!chosen.length) {
    console.error(`no workload's name contains ${JSON.stringify(FILTER)}`);
    process.exit(2);
  }
  for (const w of chosen) {
    const gas = w.gas ?? GAS;
    // evmbox
    // Cancun, as the peers run it, and no transaction gas cap.
    const evm = new Evm({ fork: 'cancun', block: { gasLimit: (1n << 64n) - 1n } });
    evm.setBalance(CALLER, 10n ** 30n);
    for (const [a, code] of Object.entries(w.accounts)) evm.setCode(a, code);
    const request = { from: CALLER, to: A, data: w.data, gas };
    const ours = () => evm.call(request);
    // revm in wasm
    const revm = new Revm(JSON.stringify(Object.entries(w.accounts)), CALLER);
    const dataBytes = hexToBytes(w.data);
    const viaRevm = () => JSON.parse(revm.call(A, dataBytes, gas));
    // @ethereumjs/evm
    const ejs = await createEVM({ common });
    for (const [a, code] of Object.entries(w.accounts)) await ejs.stateManager.putCode(createAddressFromString(a), hexToBytes(code));
    const call = { caller: createAddressFromString(CALLER), to: createAddressFromString(A), data: hexToBytes(w.data), gasLimit: gas };
    // As in a transaction (EIP-2929), the sender and the recipient start warm.
    ejs.journal.addAlwaysWarmAddress(CALLER.slice(2));
    ejs.journal.addAlwaysWarmAddress(A.slice(2));
    const theirs = async () => {
      await ejs.journal.checkpoint();
      const r = await ejs.runCall(call);
      await ejs.journal.revert();
      return r;
    };
    // Check first: same output, same execution gas, the fixture's output.
    const o = ours();
    const t = await theirs();
    const data = hexToBytes(w.data);
    const intrinsic = 21000n + data.reduce((s, b) => s + (b ? 16n : 4n), 0n);
    const ourExec = o.gasUsed + o.gasRefunded - intrinsic;
    if (o.status !== 'success' || t.execResult.exceptionError) throw new Error(`${w.name}: ${o.status} / ${t.execResult.exceptionError?.error}`);
    if (o.output !== bytesToHex(t.execResult.returnValue)) throw new Error(`${w.name}: outputs differ`);
    if (w.output && o.output.toLowerCase() !== w.output.toLowerCase()) throw new Error(`${w.name}: output is not the fixture's`);
    if (ourExec !== t.execResult.executionGasUsed) throw new Error(`${w.name}: gas ${ourExec} vs ${t.execResult.executionGasUsed}`);
    const rv = viaRevm();
    if (!rv.success || rv.output !== o.output || BigInt(rv.gasUsed) !== o.gasUsed) {
      throw new Error(`${w.name}: revm gives ${JSON.stringify(rv)}, evmbox ${o.status} ${o.gasUsed}`);
    }
    // Interleaved timing: at least 5 rounds and about 0.3 s (0.1 s with --quick) per engine.
    // In a round each wasm engine runs twice in a row: the first run comes after other
    // engines' (the caches and TLB hold their data and code: the main figure, as one
    // transaction among other work), the second right after its own (warm). Which wasm
    // engine follows ethereumjs alternates by round, so both see the same conditions.
    const budget = QUICK ? 100 : 300;
    const ta = [], tr = [], tb = [], wa = [], wr = [];
    let spentA = 0, spentB = 0;
    const timed = (f) => { const t0 = performance.now(); f(); return performance.now() - t0; };
    const twice = (f, cold, warm) => { cold.push(timed(f)); warm.push(timed(f)); };
    while (ta.length < 5 || spentA < budget || spentB < budget) {
      if (ta.length % 2) {
        twice(viaRevm, tr, wr);
        twice(ours, ta, wa);
      } else {
        twice(ours, ta, wa);
        twice(viaRevm, tr, wr);
      }
      const t0 = performance.now();
      await theirs();
      const db = performance.now() - t0;
      tb.push(db); spentA += ta.at(-1); spentB += db;
      if (ta.length >= 500 && spentB >= budget) break;
    }
    revm.free();
    const row = { set: w.set, name: w.name, gas: ourExec, evmbox: median(ta), revm: median(tr), ethereumjs: median(tb), warm: median(wa) / median(wr) };
    rows.push(row);
    console.log(`${row.set.padEnd(8)} ${row.name.padEnd(34)} gas ${String(row.gas).padStart(10)}  evmbox ${row.evmbox.toFixed(3).padStart(8)} ms  revm-wasm ${row.revm.toFixed(3).padStart(8)} ms  ethereumjs ${row.ethereumjs.toFixed(3).padStart(9)} ms  evmbox/revm ${(row.evmbox / row.revm).toFixed(2)} (warm ${row.warm.toFixed(2)})  ethereumjs/evmbox ${(row.ethereumjs / row.evmbox).toFixed(1)}×`);
  }
  console.log('\nset      workloads  evmbox/revm-wasm (below 1: evmbox faster)  warm  ethereumjs/evmbox  (geometric means)');
  for (const set of ['compute', 'calls', 'micro', 'overhead']) {
    const r = rows.filter((x) => x.set === set);
    if (r.length) {
      console.log(`${set.padEnd(8)} ${String(r.length).padStart(9)}  ${geomean(r.map((x) => x.evmbox / x.revm)).toFixed(2).padStart(40)}  ${geomean(r.map((x) => x.warm)).toFixed(2).padStart(4)}  ${geomean(r.map((x) => x.ethereumjs / x.evmbox)).toFixed(1).padStart(16)}×`);
    }
  }
}
await main();
