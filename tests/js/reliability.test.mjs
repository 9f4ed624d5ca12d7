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

const { DEFAULT_SENDER, SCRATCH_ADDRESS: SCRATCH } = await import(join(root, 'js/constants.mjs'));
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

test('runCode keeps nothing, and a runCode that fails validation changes nothing', () => {
  const evm = new Evm();
  const before = JSON.stringify(evm.dumpState());
  const r = evm.runCode(assemble('PUSH1 7 PUSH1 0 SSTORE STOP'));
  assert.equal(r.status, 'success');
  assert.equal(r.stateChanges.find((c) => c.address === SCRATCH).storage['0x' + '00'.repeat(32)], '0x' + '00'.repeat(31) + '07');
  assert.equal(evm.getAccount(SCRATCH).exists, false);
  // 40M gas is above the block's 30M limit: the transaction is invalid.
  thrown(() => evm.runCode('0x00', { gas: 40_000_000n }));
  assert.equal(JSON.stringify(evm.dumpState()), before);
});

test('a transaction that fails validation changes nothing', () => {
  const evm = new Evm();
  const before = JSON.stringify(evm.dumpState());
  assert.match(thrown(() => evm.sendTransaction({ to: A, nonce: 5n })).message, /^transaction: nonce/);
  assert.match(thrown(() => evm.sendTransaction({ to: A, gas: 40_000_000n })).message, /^transaction: gas limit above/);
  assert.equal(JSON.stringify(evm.dumpState()), before);
});

test('runs refused during a debugging session change nothing, and abort() puts the world back', () => {
  const evm = new Evm();
  evm.setAccount(A, { code: '0x00', nonce: 1n });
  const before = JSON.stringify(evm.dumpState());
  evm.begin({ to: A });
  for (const run of [() => evm.call({ to: A }), () => evm.runCode('0x00'), () => evm.sendTransaction({ to: A }),
    () => evm.setBalance(A, 1n), () => evm.snapshot(), () => evm.loadState({}), () => evm.estimateGas({ to: A })]) {
    assert.match(thrown(run).message, /debugging session is in progress/);
  }
  evm.abort();
  assert.equal(JSON.stringify(evm.dumpState()), before);
  // A finished session commits (the sender's nonce moved).
  evm.begin({ to: A });
  assert.equal(evm.continue().reason, 'done');
  assert.equal(evm.getAccount(DEFAULT_SENDER).nonce, 1n);
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

test('exceptions thrown by getters and Proxies are errors, and the instance lives on', () => {
  const boom = () => { throw new Error('boom'); };
  const revoked = (() => { const r = Proxy.revocable({}, {}); r.revoke(); return r.proxy; })();
  const throwingKeys = new Proxy({}, { ownKeys: boom });
  // Only own keys are read (as Object.keys lists them), so this Proxy has one.
  const throwingGet = new Proxy({ balance: 1n }, { get: boom });
  const typedProxy = new Proxy(new Uint8Array(4), {});
  const evm = new Evm();
  evm.setAccount(A, { balance: 5n, code: '0x00', nonce: 1n, storage: { '0x01': 2n } });
  const before = [evm.getAccount(A), evm.getStorageAt(A, 1n)];
  const attempts = {
    'storage ownKeys': () => evm.setAccount(A, { balance: 9n, storage: throwingKeys }),
    'storage getter': () => evm.setAccount(A, { balance: 9n, storage: { get '0x01'() { boom(); } } }),
    'account getter': () => evm.setAccount(A, { get balance() { boom(); } }),
    'account Proxy': () => evm.setAccount(A, throwingGet),
    'account revoked': () => evm.setAccount(A, revoked),
    'code Proxy(Uint8Array)': () => evm.setAccount(A, { code: typedProxy }),
    'breakpoint getter': () => evm.setBreakpoints([{ get pc() { boom(); } }]),
    'breakpoints Proxy': () => evm.setBreakpoints(new Proxy([], { get: boom })),
    'breakpoints revoked': () => evm.setBreakpoints(revoked),
    'breakpoints huge': () => evm.setBreakpoints(new Array(6e8)),
    'tx getter': () => evm.call({ get to() { boom(); } }),
    'tx data Proxy(Uint8Array)': () => evm.call({ to: A, data: typedProxy }),
    'tx revoked': () => evm.call(revoked),
    'options getter': () => evm.call({ to: A }, { get trace() { boom(); } }),
    'new Evm revoked': () => new Evm(revoked),
    'new Evm block getter': () => new Evm({ block: { get number() { boom(); } } }),
    'runCode code Proxy': () => evm.runCode(typedProxy),
    'disassemble Proxy': () => disassemble(typedProxy),
  };
  for (const [name, fn] of Object.entries(attempts)) {
    const e = thrown(fn);
    assert.doesNotMatch(e.message, /recursive use|unreachable/, `${name}: ${e.message}`);
    // The instance still answers, unchanged.
    assert.deepEqual([evm.getAccount(A), evm.getStorageAt(A, 1n)], before, name);
  }
  assert.match(thrown(attempts['tx getter']).message, /^request\.to: reading it threw: boom/);
  assert.match(thrown(attempts['account Proxy']).message, /^account\.balance: reading it threw: boom/);
  assert.match(thrown(attempts['storage ownKeys']).message, /^account\.storage: reading it threw: boom/);
  assert.match(thrown(attempts['breakpoints huge']).message, /more than 100000 items/);
  assert.equal(evm.runCode(assemble('PUSH1 1 PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN')).status, 'success');
  evm.free(); // and the memory can be released
});

test('a runaway loop runs in slices, stops on abort, and a bounded call commits nothing', () => {
  // Cancun: no transaction gas cap (Osaka's EIP-7825 caps a transaction at 2^24 gas).
  const evm = new Evm({ fork: 'cancun', block: { gasLimit: (1n << 64n) - 1n } });
  const S = '0x' + '5e'.repeat(20);
  evm.setAccount(S, { code: assemble('top: JUMPDEST PUSH @top JUMP'), nonce: 1n });
  const from = '0x' + 'f0'.repeat(20);
  evm.setAccount(from, { balance: 1n });
  evm.begin({ to: S, from, gas: 1n << 63n });
  let slowest = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const p = evm.continue({ maxSteps: 1_000_000 });
    slowest = Math.max(slowest, performance.now() - t0);
    assert.equal(p.reason, 'limit');
    assert.equal(p.paused, true);
    assert.equal(evm.frames()[0].pc < 5, true);
  }
  console.log(`# slowest slice of 1,000,000 opcodes: ${slowest.toFixed(1)} ms`);
  evm.abort();
  assert.equal(evm.isPaused, false);
  assert.equal(evm.getAccount(from).nonce, 0n);
  // A transaction with a step budget: the run is abandoned, nothing committed.
  const e = thrown(() => evm.sendTransaction({ to: S, from, gas: 1n << 63n }, { maxSteps: 100_000 }));
  assert.match(e.message, /^options\.maxSteps: the run did not end within 100000 steps; nothing was committed/);
  assert.equal(evm.getAccount(from).nonce, 0n);
  assert.match(thrown(() => evm.call({ to: S }, { maxSteps: 0 })).message, /^options\.maxSteps: must be at least 1/);
  // A budget large enough lets a finite run finish with the same result as without one.
  const code = assemble('PUSH2 500 top: JUMPDEST PUSH1 1 SWAP1 SUB DUP1 PUSH @top JUMPI STOP');
  evm.setAccount(A, { code, nonce: 1n });
  const a = evm.call({ to: A, from }, { maxSteps: 10_000 });
  const b = evm.call({ to: A, from });
  assert.equal(a.gasUsed, b.gasUsed);
  assert.equal(a.status, 'success');
  // Stepping over and out take a budget too.
  evm.begin({ to: S, from, gas: 1n << 20n });
  assert.equal(evm.stepOver({ maxSteps: 1 }).reason, 'step');
  assert.equal(evm.stepOut({ maxSteps: 10 }).reason, 'limit');
  evm.abort();
});

test('breakpoints that could never be hit, or name no opcode, are rejected', () => {
  const evm = new Evm();
  assert.match(thrown(() => evm.setBreakpoints([{ pc: 2n ** 32n + 2n }])).message, /^breakpoints\[0\]\.pc: 4294967298 is past the largest code/);
  assert.match(thrown(() => evm.setBreakpoints([{ depth: 2n ** 32n + 2n }])).message, /^breakpoints\[0\]\.depth: must be 1\.\.=1025/);
  assert.match(thrown(() => evm.setBreakpoints([{ depth: 0 }])).message, /^breakpoints\[0\]\.depth: must be 1\.\.=1025/);
  assert.match(thrown(() => evm.setBreakpoints([{ opcode: '' }])).message, /^breakpoints\[0\]\.opcode: unknown opcode/);
  evm.setBreakpoints([{ pc: 0 }, { depth: 1025 }, { opcode: 'ADD' }]); // still fine
});

test('call-tree wall times leave out the time a session spent paused', () => {
  const evm = new Evm();
  const B = '0x' + 'bb'.repeat(20);
  evm.setAccount(B, { code: assemble('PUSH1 1 PUSH0 SSTORE STOP'), nonce: 1n });
  evm.setAccount(A, { code: assemble(`PUSH0 PUSH0 PUSH0 PUSH0 PUSH0 PUSH20 ${B} GAS CALL STOP`), nonce: 1n });
  evm.begin({ to: A }, { callTree: true });
  const wait = (ms) => { const t = performance.now(); while (performance.now() - t < ms); };
  for (let i = 0; i < 10; i++) { wait(30); evm.stepInto(); } // 300 ms paused, inside both frames
  wait(30);
  const done = evm.continue();
  assert.equal(done.reason, 'done');
  const [root, child] = done.result.callTree;
  assert.equal(child.type, 'CALL');
  // The run itself takes well under a millisecond; 300 ms of pauses must not show.
  assert.ok(root.timeTotalMs < 100, `root ${root.timeTotalMs} ms`);
  assert.ok(child.timeTotalMs < 100, `child ${child.timeTotalMs} ms`);
});

test('results too big for a hex string come back as bytes, and the instance lives on', () => {
  // Cancun: no transaction gas cap (Osaka's EIP-7825 caps a transaction at 2^24 gas).
  const evm = new Evm({ fork: 'cancun', block: { gasLimit: (1n << 62n) } });
  const from = '0x' + 'f1'.repeat(20);
  evm.setAccount(from, { balance: 1n });
  const MiB = 1 << 20;
  // RETURN and LOG1 of 80 MiB (memory is zero; one marker byte at the end).
  const code = assemble(`PUSH1 0xab PUSH4 ${80 * MiB - 1} MSTORE8
    PUSH1 7 PUSH4 ${80 * MiB} PUSH0 LOG1 PUSH4 ${80 * MiB} PUSH0 RETURN`);
  evm.setAccount(A, { code, nonce: 1n });
  const r = evm.call({ to: A, from, gas: 1n << 40n });
  assert.equal(r.status, 'success');
  assert.ok(r.output instanceof Uint8Array);
  assert.equal(r.output.length, 80 * MiB);
  assert.equal(r.output[80 * MiB - 1], 0xab);
  assert.ok(r.logs[0].data instanceof Uint8Array);
  assert.equal(r.logs[0].data.length, 80 * MiB);
  // Small results stay hex.
  assert.equal(evm.runCode(assemble('PUSH1 1 PUSH0 MSTORE8 PUSH1 1 PUSH0 RETURN')).output, '0x01');
  // A trace budget a JS string cannot hold is refused up front.
  assert.match(thrown(() => evm.call({ to: A, from }, { trace: { maxBytes: 2n ** 30n } })).message,
    /^options\.trace\.maxBytes: at most 268435456/);
});

test('one huge trace line cannot overshoot the byte budget', () => {
  const evm = new Evm();
  // 1 MiB of memory, then steps: each line with a memory dump would be over 2 MB.
  const code = assemble(`PUSH1 1 PUSH4 ${(1 << 20) - 32} MSTORE PUSH0 POP PUSH0 POP STOP`);
  const r = evm.runCode(code, {}, { trace: { memory: true, maxBytes: 1_000_000 } });
  assert.equal(r.status, 'success');
  assert.ok(r.trace.jsonl.length <= 1_000_000 + 1000, `${r.trace.jsonl.length}`);
  assert.equal(r.trace.truncated, true);
  assert.ok(r.trace.steps.length >= 2, 'the steps before memory grew are kept');
});
