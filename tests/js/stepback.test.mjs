// Stepping back: every earlier state of a session is reached again exactly, at any depth,
// also from the end of a finished transaction; the world is as it should be at each point.
// Uses pkg-node (scripts/build-pkg.sh). Run: node --test tests/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const { Evm, assemble } = createRequire(import.meta.url)(join(root, 'pkg-node/evmbox.js'));

const [A, B, C] = ['aa', 'bb', 'cc'].map((b) => '0x' + b.repeat(20));
const call = (to) => `PUSH0 PUSH0 PUSH0 PUSH0 PUSH0 PUSH20 ${to} GAS CALL POP`;

function chain() {
  const evm = new Evm();
  evm.setCode(A, assemble(`${call(B)} PUSH1 1 PUSH0 SSTORE STOP`));
  evm.setCode(B, assemble(`${call(C)} PUSH1 2 PUSH0 SSTORE PUSH1 9 PUSH0 TSTORE STOP`));
  evm.setCode(C, assemble('PUSH1 3 PUSH0 SSTORE PUSH1 1 PUSH0 MSTORE STOP'));
  return evm;
}
const view = (evm) => JSON.stringify(evm.frames());

test('stepBack reaches every earlier state, across frame boundaries, and from the end', () => {
  const evm = chain();
  const before = JSON.stringify(evm.dumpState());
  evm.begin({ to: A });
  const seen = [view(evm)];
  let p;
  while ((p = evm.stepInto()).reason !== 'done') {
    assert.equal(p.steps, seen.length);
    seen.push(view(evm));
  }
  assert.equal(p.steps, seen.length);
  assert.equal(BigInt(evm.getStorageAt(C, 0n)), 3n, 'committed');
  // From the end, back to the first opcode, one step at a time.
  for (let k = seen.length - 1; k >= 0; k--) {
    const q = evm.stepBack();
    assert.equal(q.steps, k);
    assert.equal(q.paused, true);
    assert.equal(view(evm), seen[k], `after ${k} steps`);
  }
  assert.throws(() => evm.stepBack(), /at the session's first opcode/);
  // Forward again works, and abort leaves the world as before the session.
  evm.stepInto();
  evm.abort();
  assert.equal(JSON.stringify(evm.dumpState()), before);
  assert.throws(() => evm.stepBack(), /no debugging session/);
});

test('a change to the world ends the replay record', () => {
  const evm = chain();
  evm.begin({ to: A });
  evm.continue();
  evm.setBalance(B, 1n);
  assert.throws(() => evm.stepBack(), /no debugging session/);
  assert.equal(evm.getAccount(B).balance, 1n);
});

test('stepping back in a long run: cost per step', () => {
  const evm = new Evm();
  // 14,286 iterations of 7 opcodes: 100,000 opcodes.
  evm.setCode(A, assemble('PUSH2 14286 top: JUMPDEST PUSH1 1 SWAP1 SUB DUP1 PUSH @top JUMPI STOP'));
  evm.begin({ to: A });
  const p = evm.continue();
  assert.equal(p.reason, 'done');
  assert.ok(p.steps >= 100_000, `${p.steps}`);
  const times = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    const q = evm.stepBack();
    times.push(performance.now() - t0);
    assert.equal(q.steps, p.steps - 1 - i);
  }
  times.sort((a, b) => a - b);
  console.log(`# stepBack in a ${p.steps}-opcode run: median ${times[5].toFixed(2)} ms, slowest ${times[9].toFixed(2)} ms`);
});

test('logs() shows what the paused transaction has emitted so far', () => {
  const evm = new Evm();
  // B logs then reverts; A logs after B returns.
  evm.setCode(B, assemble('PUSH1 1 PUSH0 PUSH0 LOG1 PUSH0 PUSH0 REVERT'));
  evm.setCode(A, assemble(`${call(B)} PUSH1 2 PUSH0 PUSH0 LOG1 STOP`));
  evm.begin({ to: A });
  evm.setBreakpoints([{ opcode: 'REVERT' }]);
  evm.continue();
  assert.deepEqual(evm.logs().map((l) => BigInt(l.topics[0])), [1n], "B's log, before B reverts");
  evm.setBreakpoints([{ opcode: 'STOP' }]);
  evm.continue();
  assert.deepEqual(evm.logs().map((l) => BigInt(l.topics[0])), [2n], "B's log went with its revert");
  const done = evm.continue();
  assert.deepEqual(done.result.logs.map((l) => BigInt(l.topics[0])), [2n]);
});
