// The workloads of the wasm benchmarks (scripts/bench-peers.mjs, scripts/profile-wasm.mjs):
// evmone's compute and micro contracts with every input (../shared/fixtures/bench/evmone),
// ipsilon/evm-benchmarks' swap_math and structarray_alloc, revm's snailtracer, nested-call
// workloads and a one-opcode transaction. Each: { set, name, accounts: { address: code },
// data, output (expected, or null), gas? }; the contract called is `A`, the sender `CALLER`.
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const bench = join(dirname(fileURLToPath(import.meta.url)), '../../shared/fixtures/bench');
/** The called contract, a second one, and the sender. */
export const A = '0x' + 'aa'.repeat(20), B = '0x' + 'bb'.repeat(20), CALLER = '0x' + 'ca'.repeat(20);

/** The workloads, with code assembled by `assemble` (evmbox's assembler). */
export function workloads(assemble) {
  /** evmone's hex notation: `(NxHEX)` repeats HEX N times; spaces are ignored. */
  const expand = (s) => s.replace(/\((\d+)x([0-9a-fA-F]+)\)/g, (_, n, b) => b.repeat(Number(n))).replace(/\s+/g, '');
  /** evmone's `.inputs`: groups of name, input hex, expected output. */
  function inputs(file) {
    const groups = readFileSync(file, 'utf8').trim().split(/\n\s*\n/).map((g) => g.split('\n').map((l) => l.trim()));
    return groups.map(([name, input, output]) => ({ name, input: '0x' + expand(input ?? ''), output: output ? '0x' + expand(output) : null }));
  }
  const hexFile = (p) => '0x' + expand(readFileSync(p, 'utf8')).replace(/^0x/, '');
  const loop = (n, op, to, body = 'PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0') =>
    assemble(`PUSH2 ${n} top: JUMPDEST ${body} ${op === 'CALL' || op === 'CALLCODE' ? 'PUSH1 0' : ''} PUSH20 ${to} GAS ${op} POP PUSH1 1 SWAP1 SUB DUP1 PUSH @top JUMPI POP STOP`);
  const recursive = assemble(`PUSH1 0 CALLDATALOAD DUP1 ISZERO PUSH @end JUMPI PUSH1 1 SWAP1 SUB
    PUSH1 0 MSTORE PUSH1 0 PUSH1 0 PUSH1 32 PUSH1 0 PUSH1 0 ADDRESS GAS CALL POP end: JUMPDEST STOP`);
  const word = (n) => '0x' + n.toString(16).padStart(64, '0');

  const workloads = [];
  for (const f of ['blake2b_huff', 'blake2b_shifts', 'sha1_divs', 'sha1_shifts', 'weierstrudel']) {
    const code = hexFile(join(bench, `evmone/main/${f}.bin-runtime`));
    for (const i of inputs(join(bench, `evmone/main/${f}.inputs`))) {
      workloads.push({ set: 'compute', name: `${f}/${i.name}`, accounts: { [A]: code }, data: i.input, output: i.output });
    }
  }
  // ipsilon/evm-benchmarks' Solidity workloads (evmone's suite): state tests whose one contract is
  // called with each of the transaction's data entries.
  for (const f of ['swap_math', 'structarray_alloc']) {
    const t = Object.values(JSON.parse(readFileSync(join(bench, `evm-benchmarks/benchmarks/main/${f}.json`), 'utf8')))[0];
    const code = t.pre[t.transaction.to].code;
    t.transaction.data.forEach((data, i) => {
      workloads.push({ set: 'compute', name: `${f}/${t._info.labels?.[i] ?? i}`, accounts: { [A]: code }, data, output: null });
    });
  }
  workloads.push({ set: 'compute', name: 'snailtracer', accounts: { [A]: hexFile(join(bench, 'revm/snailtracer.hex')) }, data: '0x30627b7c', output: null });
  for (const f of ['jump_around', 'loop_with_many_jumpdests', 'memory_grow_mload', 'memory_grow_mstore', 'signextend']) {
    const code = hexFile(join(bench, `evmone/micro/${f}.bin-runtime`));
    for (const i of inputs(join(bench, `evmone/micro/${f}.inputs`))) {
      workloads.push({ set: 'micro', name: `${f}/${i.name}`, accounts: { [A]: code }, data: i.input, output: i.output });
    }
  }
  workloads.push(
    { set: 'calls', name: '1000 CALLs', accounts: { [A]: loop(1000, 'CALL', B), [B]: '0x00' }, data: '0x' },
    { set: 'calls', name: '1000 STATICCALLs', accounts: { [A]: loop(1000, 'STATICCALL', B), [B]: '0x00' }, data: '0x' },
    { set: 'calls', name: '1000 DELEGATECALLs', accounts: { [A]: loop(1000, 'DELEGATECALL', B), [B]: '0x00' }, data: '0x' },
    { set: 'calls', name: '100 × 10-deep chains', accounts: { [A]: loop(100, 'CALL', B, 'PUSH1 9 PUSH1 0 MSTORE PUSH1 0 PUSH1 0 PUSH1 32 PUSH1 0'), [B]: recursive }, data: '0x' },
    { set: 'calls', name: 'recursion to depth 1000', accounts: { [A]: recursive }, data: word(999), gas: 1n << 62n },
    // The fixed cost of one transaction through each engine's JS boundary: a call to STOP.
    { set: 'overhead', name: '1-opcode call (STOP)', accounts: { [A]: '0x00' }, data: '0x' },
  );
  return workloads;
}
