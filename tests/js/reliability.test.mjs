// Regression tests for the reliability findings: wrong argument types never trap the module,
// a state-test text that holds no test is an error, and a run that fails changes nothing.
// Uses pkg-node (scripts/build-pkg.sh). Run: node --test tests/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const { Evm, assemble, disassemble, runStateTests } = createRequire(import.meta.url)(join(root, 'pkg-node/evmbox.js'));

const DEFAULT_SENDER = '0x1000000000000000000000000000000000000001';
const SCRATCH = '0xc0de000000000000000000000000000000000001';
const A = '0x' + 'aa'.repeat(20);

/** The Error `fn` throws; fails if it does not throw, or throws a wasm trap. */
function thrown(fn) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof Error && !(e instanceof WebAssembly.RuntimeError), `not an Error: ${e}`);
    return e;
  }
  assert.fail('did not throw');
}

test('non-string text arguments are errors that name the argument, not traps', () => {
  for (const x of [0, true, {}, [], 7n, null, undefined, new Array(6e8), Buffer.from('{}')]) {
    assert.match(thrown(() => assemble(x)).message, /^text: expected a string/);
    assert.match(thrown(() => runStateTests(x)).message, /^json: expected a string/);
  }
  assert.equal(assemble('PUSH1 1'), '0x6001'); // the module still works
});

test('runStateTests rejects a text that holds no test', () => {
  assert.match(thrown(() => runStateTests('{}')).message, /^json: no tests in this file/);
  assert.match(thrown(() => runStateTests('{"t":5}')).message, /^json: test "t" is not an object/);
  assert.match(thrown(() => runStateTests('[]')).message, /^json: top level is not an object/);
});

test('a runCode that fails validation leaves the scratch account as it was', () => {
  const evm = new Evm();
  const first = assemble('PUSH1 7 PUSH1 0 SSTORE STOP');
  assert.equal(evm.runCode(first).status, 'success');
  const before = evm.getAccount(SCRATCH);
  // 40M gas is above the block's 30M limit: the transaction is invalid.
  thrown(() => evm.runCode('0x00', { gas: 40_000_000n }));
  assert.deepEqual(evm.getAccount(SCRATCH), before);
  assert.equal(evm.getStorage(SCRATCH, 0n), '0x' + '00'.repeat(31) + '07');
});

test('a failed transaction without a sender does not create the default sender', () => {
  const evm = new Evm();
  thrown(() => evm.call({ to: A, nonce: 5n })); // nonce mismatch
  assert.equal(evm.getAccount(DEFAULT_SENDER).exists, false);
  thrown(() => evm.call({ to: A, gas: 40_000_000n })); // above the block gas limit
  assert.equal(evm.getAccount(DEFAULT_SENDER).exists, false);
});

test('a call refused during a debugging session changes nothing', () => {
  const evm = new Evm();
  evm.setAccount(A, { code: '0x00', nonce: 1n });
  const other = new Evm();
  other.setAccount(A, { code: '0x00', nonce: 1n });
  other.begin({ to: A, from: '0x' + 'ab'.repeat(20) }); // an explicit, unfunded sender
  assert.match(thrown(() => other.call({ to: A })).message, /debugging session is in progress/);
  assert.match(thrown(() => other.runCode('0x00')).message, /debugging session is in progress/);
  assert.equal(other.getAccount(DEFAULT_SENDER).exists, false);
  assert.equal(other.getAccount(SCRATCH).exists, false);
  other.abort();
  // abort() puts back what begin() created: here, the default sender.
  evm.begin({ to: A });
  assert.equal(evm.getAccount(DEFAULT_SENDER).exists, true);
  evm.abort();
  assert.equal(evm.getAccount(DEFAULT_SENDER).exists, false);
  // A finished session keeps it (the transaction committed).
  evm.begin({ to: A });
  assert.equal(evm.continue().reason, 'done');
  evm.abort();
  assert.equal(evm.getAccount(DEFAULT_SENDER).exists, true);
});

test('disassemble then assemble gives back every byte string', () => {
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 8;
  for (let n = 0; n < 3000; n++) {
    const code = new Uint8Array(next() % 60).map(() => (next() % 4 === 0 ? 0x60 + (next() % 32) : next() & 0xff));
    const hex = '0x' + Buffer.from(code).toString('hex');
    const text = disassemble(code).map((i) => i.text).join('\n');
    assert.equal(assemble(text), hex, text);
  }
  assert.deepEqual(disassemble('0x0c6101').map((i) => i.text), ['UNKNOWN_0x0c', 'DATA 0x6101']);
});
