// Throws every kind of wrong value at every entry point of the wasm API: each call must
// either work or throw an Error naming the argument, and the instance must keep working.
// Uses pkg-node (scripts/build-pkg.sh). Run: node --test tests/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const { Evm, assemble, assembleWithSourceMap, disassemble, runStateTests } = createRequire(import.meta.url)(join(root, 'pkg-node/evmbox.js'));

const A = '0x' + 'aa'.repeat(20);
const junk = [
  undefined, null, 0, -1, 1.5, NaN, Infinity, 2 ** 60, -5n, 1n << 300n, '', 'x', '0x', '0xzz',
  '0x123', '0x' + 'ff'.repeat(40), [], [1, 2], {}, { to: 5 }, new Uint8Array(3), true, Symbol('s'),
  () => 1, { valueOf() { throw new Error('boom'); } },
];

function callsOf(evm) {
  return {
    'new Evm': (x) => new Evm(x),
    'new Evm block': (x) => new Evm({ block: x }),
    'new Evm block.number': (x) => new Evm({ block: { number: x } }),
    'new Evm fork': (x) => new Evm({ fork: x }),
    setBlock: (x) => evm.setBlock(x),
    setAccount: (x) => evm.setAccount(x, {}),
    'setAccount account': (x) => evm.setAccount(A, x),
    'setAccount balance': (x) => evm.setAccount(A, { balance: x }),
    'setAccount code': (x) => evm.setAccount(A, { code: x }),
    'setAccount storage': (x) => evm.setAccount(A, { storage: x }),
    'setAccount storage value': (x) => evm.setAccount(A, { storage: { '0x01': x } }),
    getAccount: (x) => evm.getAccount(x),
    getStorageAt: (x) => evm.getStorageAt(A, x),
    'getAccount options': (x) => evm.getAccount(A, x),
    setBalance: (x) => evm.setBalance(A, x),
    setNonce: (x) => evm.setNonce(A, x),
    setCode: (x) => evm.setCode(A, x),
    setStorageAt: (x) => evm.setStorageAt(A, x, 1n),
    loadState: (x) => evm.loadState(x),
    revert: (x) => evm.revert(x),
    call: (x) => evm.call(x),
    'call to': (x) => evm.call({ to: x }),
    'call data': (x) => evm.call({ to: A, data: x }),
    'call value': (x) => evm.call({ to: A, value: x }),
    'call gas': (x) => evm.call({ to: A, gas: x }),
    'call from': (x) => evm.call({ to: A, from: x }),
    'call opts': (x) => evm.call({ to: A }, x),
    'call trace': (x) => evm.call({ to: A }, { trace: x }),
    sendTransaction: (x) => evm.sendTransaction(x),
    'sendTransaction data': (x) => evm.sendTransaction({ data: x }),
    'sendTransaction type': (x) => evm.sendTransaction({ to: A, type: x }),
    'sendTransaction accessList': (x) => evm.sendTransaction({ to: A, accessList: x }),
    estimateGas: (x) => evm.estimateGas(x),
    'call stateOverride': (x) => evm.call({ to: A }, { stateOverride: x }),
    'call blockOverrides': (x) => evm.call({ to: A }, { blockOverrides: x }),
    runCode: (x) => evm.runCode(x),
    'runCode tx': (x) => evm.runCode('0x00', x),
    begin: (x) => { try { evm.begin(x); } finally { evm.abort(); } },
    'begin opts': (x) => { try { evm.begin({ to: A }, x); } finally { evm.abort(); } },
    setBreakpoints: (x) => evm.setBreakpoints(x),
    'setBreakpoints item': (x) => evm.setBreakpoints([x]),
    stepInto: () => evm.stepInto(),
    assemble: (x) => assemble(x),
    assembleWithSourceMap: (x) => assembleWithSourceMap(x),
    stepBack: () => evm.stepBack(),
    disassemble: (x) => disassemble(x),
    runStateTests: (x) => runStateTests(x),
  };
}

test('every entry point either works or throws an Error, and the instance survives', () => {
  const evm = new Evm();
  let threw = 0, worked = 0;
  for (const [name, fn] of Object.entries(callsOf(evm))) {
    for (const x of junk) {
      try {
        fn(x);
        worked += 1;
      } catch (e) {
        assert.ok(e instanceof Error, `${name}(${String(x?.toString?.() ?? x)}): threw a non-Error ${e}`);
        assert.ok(!(e instanceof WebAssembly.RuntimeError), `${name}: a wasm trap: ${e.message}`);
        assert.ok(e.message.length > 0, `${name}: empty message`);
        assert.doesNotMatch(e.message, /unreachable|RuntimeError|panicked/i, `${name}: ${e.message}`);
        threw += 1;
      }
    }
  }
  assert.ok(threw > 300 && worked > 50, `threw ${threw}, worked ${worked}`);
  // Still alive and correct.
  const r = evm.runCode(assemble('PUSH1 2 PUSH1 3 MUL PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN'));
  assert.equal(r.status, 'success');
  assert.equal(BigInt(r.output), 6n);
});

test('errors name the argument', () => {
  const evm = new Evm();
  const msg = (fn) => { try { fn(); } catch (e) { return e.message; } return 'no error'; };
  assert.match(msg(() => evm.call({ to: A, value: -5n })), /^request\.value: must not be negative/);
  assert.match(msg(() => evm.setAccount(A, { code: '0xabc' })), /^account\.code: odd number of hex digits/);
  assert.match(msg(() => evm.getStorageAt('0x12', 0)), /^address: "0x12" is not an address/);
  assert.match(msg(() => new Evm({ fork: 'berlin' })), /^options\.fork: unknown fork "berlin" \(known: cancun, prague, osaka\)/);
  assert.match(msg(() => new Evm({ fork: 7 })), /^options\.fork: expected a string/);
  assert.match(msg(() => evm.setBreakpoints([{ opcode: 'FOO' }])), /^breakpoints\[0\]\.opcode: unknown opcode FOO/);
  assert.match(msg(() => evm.call({ to: A, gas: 1.5 })), /^request\.gas: numbers must be non-negative safe integers/);
  assert.match(msg(() => assemble('PUSH2 @nowhere')), /^assemble: line 1, column 7: undefined label nowhere/);
});
