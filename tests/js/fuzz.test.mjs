// A JS-side fuzzer: random values of every JS type (primitives, bigints, hex-like strings,
// typed arrays of every kind, nested arrays and objects using the API's own field names,
// throwing getters, throwing and revoked Proxies, symbols, functions) into every exported
// method, deterministically. Each call either works or throws an Error that is not a wasm
// trap; after an error the instance must still answer and its world must be unchanged.
// Uses pkg-node (scripts/build-pkg.sh). Run: node --test tests/js/  (FUZZ_RUNS=N FUZZ_SEED=S
// for a longer or different run)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const api = createRequire(import.meta.url)(join(root, 'pkg-node/evmbox.js'));
const { Evm, assemble, assembleWithSourceMap, disassemble, runStateTests } = api;

let seed = Number(process.env.FUZZ_SEED ?? 0x9e3779b9) >>> 0;
const rand = () => ((seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
const pick = (xs) => xs[Math.floor(rand() * xs.length)];

const A = '0x' + 'aa'.repeat(20);
const FIELDS = ['to', 'from', 'data', 'value', 'gas', 'gasPrice', 'nonce', 'code', 'balance', 'storage',
  'trace', 'callTree', 'callTracer', 'maxSteps', 'block', 'number', 'fork', 'chainId', 'pc', 'opcode', 'depth',
  'on', 'address', 'limit', 'maxBytes', 'memory', 'stack', 'maxFeePerGas', 'maxPriorityFeePerGas',
  'maxFeePerBlobGas', 'time', 'gasLimit', 'baseFeePerGas', 'feeRecipient', 'prevRandao', 'blobBaseFee',
  'excessBlobGas', 'type', 'accessList', 'storageKeys', 'blobVersionedHashes', 'stateOverride',
  'blockOverrides', 'state', 'stateDiff', 'slot'];
const TYPED = [Uint8Array, Int8Array, Uint16Array, Int32Array, Float64Array, BigUint64Array, Uint8ClampedArray];

function value(depth = 0) {
  const boom = () => { throw new Error('fuzz boom'); };
  const kinds = [
    () => undefined, () => null, () => rand() < 0.5, () => Math.floor(rand() * 2 ** 40) * pick([1, -1]),
    () => pick([NaN, Infinity, -0, 0.5, 2 ** 53, Number.MAX_VALUE]),
    () => BigInt(Math.floor(rand() * 2 ** 32)) << BigInt(Math.floor(rand() * 300)),
    () => -BigInt(Math.floor(rand() * 100)),
    () => pick(['', 'x', '0x', '0x0', '0xzz', A, A.toUpperCase(), '0x' + 'ab'.repeat(Math.floor(rand() * 40)),
      'PUSH1 1', 'cancun', 'enter', 'ADD', '{}', '123', ' ']),
    () => { const T = pick(TYPED); return T === BigUint64Array ? new T(3) : new T(Math.floor(rand() * 40)); },
    () => Symbol('s'), () => () => 1,
    () => new Proxy({}, { get: boom, ownKeys: boom, has: boom, getPrototypeOf: boom }),
    () => { const r = Proxy.revocable({}, {}); r.revoke(); return r.proxy; },
    () => new Proxy(new Uint8Array(4), {}),
    () => ({ get [pick(FIELDS)]() { boom(); } }),
  ];
  if (depth < 2) {
    kinds.push(
      () => Array.from({ length: Math.floor(rand() * 4) }, () => value(depth + 1)),
      () => Object.fromEntries(Array.from({ length: Math.floor(rand() * 4) }, () => [pick(FIELDS), value(depth + 1)])),
    );
  }
  return pick(kinds)();
}

/** What the world looks like, to check that a failed call changed nothing. */
function fingerprint(evm) {
  const json = (v) => JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? `${x}n` : x));
  return json([evm.dumpState(), evm.getBlock(), evm.isPaused]);
}

test('random values into every method: Errors only, never a trap, state unchanged on error', () => {
  const runs = Number(process.env.FUZZ_RUNS ?? 4000);
  const evm = new Evm();
  evm.setAccount(A, { balance: 5n, code: assemble('PUSH1 1 PUSH1 1 SSTORE STOP'), nonce: 1n, storage: { '0x01': 7n } });
  const methods = [
    (a, b) => evm.setAccount(a, b), (a, b) => evm.setAccount(A, b), (a) => evm.setBlock(a),
    (a, b) => evm.getAccount(a, b), (a, b) => evm.getStorageAt(a, b), (a, b) => evm.call(a, b),
    (a, b) => evm.call({ to: A, ...(typeof a === 'object' && a !== null && !Array.isArray(a) ? a : {}) }, b),
    (a, b) => evm.sendTransaction(a, b), (a, b) => evm.estimateGas(a, b), (a, b, c) => evm.runCode(a, b, c),
    (a, b) => evm.begin(a, b), (a, b) => evm.setBalance(a, b), (a, b) => evm.setNonce(a, b),
    (a, b) => evm.setCode(a, b), (a, b, c) => evm.setStorageAt(a, b, c), () => evm.dumpState(),
    (a) => evm.loadState(a), (a) => evm.revert(a), () => evm.getBlock(), () => evm.snapshot(),
    (a) => evm.setBreakpoints(a), () => evm.stepInto(), (a) => evm.stepOver(a), (a) => evm.stepOut(a),
    (a) => evm.continue(a), () => evm.frames(), () => evm.abort(), (a) => new Evm(a),
    () => evm.stepBack(), (a) => assemble(a), (a) => assembleWithSourceMap(a), (a) => disassemble(a),
    (a) => runStateTests(a),
  ];
  let threw = 0;
  for (let i = 0; i < runs; i++) {
    const m = pick(methods);
    const args = [value(), value(), value()];
    const before = fingerprint(evm);
    try {
      m(...args);
    } catch (e) {
      threw++;
      assert.ok(e instanceof Error, `run ${i}: threw a non-Error ${String(e)}`);
      assert.ok(!(e instanceof WebAssembly.RuntimeError), `run ${i}: wasm trap ${e.message}`);
      assert.doesNotMatch(e.message, /recursive use|unreachable|panicked/, `run ${i}`);
      assert.equal(fingerprint(evm), before, `run ${i}: a failed call changed the world`);
    }
    if (evm.isPaused && rand() < 0.3) evm.abort();
  }
  evm.abort();
  assert.ok(threw > runs / 2, `only ${threw} of ${runs} calls threw: the fuzzer is too tame`);
  // Still alive and correct (the fuzzer may have changed the block: reset what matters).
  evm.setBlock({ gasLimit: 30_000_000n, baseFeePerGas: 0n });
  const r = evm.runCode(assemble('PUSH1 2 PUSH1 3 MUL PUSH0 MSTORE PUSH1 32 PUSH0 RETURN'));
  assert.equal(BigInt(r.output), 6n);
  evm.free();
});
