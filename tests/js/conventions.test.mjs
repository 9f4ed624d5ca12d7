// The JS conventions of issue 9, each checked against the built module: strict option
// objects with suggestions, viem's spelling, eth_call that keeps nothing, sendTransaction,
// estimateGas, snapshots, one-field setters, state dumps, fee defaults, callTracer-shaped
// trees, JSON, EIP-55. Expected numbers come from the EIPs' formulas, not from evmbox.
// Uses pkg-node (scripts/build-pkg.sh). Run: node --test tests/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const { Evm, assemble } = createRequire(import.meta.url)(join(root, 'pkg-node/evmbox.js'));
const { DEFAULT_SENDER, DEFAULT_BALANCE } = await import(join(root, 'js/constants.mjs'));

const A = '0x' + 'aa'.repeat(20);
const B = '0x' + 'bb'.repeat(20);
const message = (fn) => {
  try { fn(); } catch (e) { assert.ok(e instanceof Error); return e.message; }
  assert.fail('did not throw');
};
// Stores 1 in slot 0 and returns CALLER's nonce-independent data: a counter read.
const COUNTER = assemble('PUSH0 SLOAD PUSH1 1 ADD DUP1 PUSH0 SSTORE PUSH0 MSTORE PUSH1 32 PUSH0 RETURN');

// Every unknown or misspelt field is an error that names it and suggests the right one: one
// test per case.
{
  const evm = new Evm();
  const cases = [
    [() => evm.call({ to: A, gasLimit: 30000 }), 'request.gasLimit: unknown field; did you mean gas?'],
    [() => evm.sendTransaction({ code: '0x00' }), /^request\.code: unknown field; did you mean data\?/],
    [() => evm.call({ to: A, input: '0x01' }), 'request.input: unknown field; did you mean data?'],
    [() => new Evm({ block: { baseFee: 7 } }), 'options.block.baseFee: unknown field; did you mean baseFeePerGas?'],
    [() => new Evm({ block: { timestamp: 7 } }), 'options.block.timestamp: unknown field; did you mean time?'],
    [() => new Evm({ block: { coinbase: A } }), 'options.block.coinbase: unknown field; did you mean feeRecipient?'],
    [() => new Evm({ block: { prevrandao: 1 } }), 'options.block.prevrandao: unknown field; did you mean prevRandao?'],
    [() => new Evm({ block: { chainId: 5 } }), /^options\.block\.chainId: unknown field; the chain id is the instance's/],
    [() => new Evm({ hardfork: 'cancun' }), 'options.hardfork: unknown field; did you mean fork?'],
    [() => evm.setBlock({ baseFee: 1 }), 'block.baseFee: unknown field; did you mean baseFeePerGas?'],
    [() => evm.call({ to: A, accesList: [] }), 'request.accesList: unknown field; did you mean accessList?'],
    [() => evm.call({ to: A, authorizations: [] }), 'request.authorizations: unknown field; did you mean authorizationList?'],
    [() => evm.call({ to: A, accessList: [{ address: A, keys: [] }] }), 'request.accessList[0].keys: unknown field; did you mean storageKeys?'],
    [() => evm.call({ to: A }, { tracer: 'callTracer' }), 'options.tracer: unknown field; did you mean callTracer?'],
    [() => evm.call({ to: A }, { stateOverrides: [] }), 'options.stateOverrides: unknown field; did you mean stateOverride?'],
    [() => evm.call({ to: A }, { stateOverride: [{ address: A, storage: {} }] }), 'options.stateOverride[0].storage: unknown field; did you mean state?'],
    [() => evm.sendTransaction({ to: A }, { stateOverride: [] }), /^options\.stateOverride: unknown field; expected one of trace/],
    [() => evm.call({ to: A }, { trace: { enableMemory: true } }), 'options.trace.enableMemory: unknown field; did you mean memory?'],
    [() => evm.call({ to: A }, { trace: { memory: 'yes' } }), 'options.trace.memory: expected a boolean, got string'],
    [() => evm.call({ to: A }, { callTree: 1 }), 'options.callTree: expected a boolean, got number'],
    [() => evm.setAccount(A, { bytecode: '0x00' }), 'account.bytecode: unknown field; did you mean code?'],
    [() => evm.setBreakpoints([{ op: 'ADD' }]), 'breakpoints[0].op: unknown field; did you mean opcode?'],
    [() => evm.setBreakpoints([{ pc: 1, opcode: 'ADD' }]), 'breakpoints[0]: give one of pc, opcode, depth, on (got pc, opcode)'],
    [() => evm.continue({ steps: 5 }), 'options.steps: unknown field; did you mean maxSteps?'],
    [() => evm.getAccount(A, { state: true }), 'options.state: unknown field; did you mean storage?'],
    [() => evm.estimateGas({ to: A }, { trace: true }), /^options\.trace: unknown field; expected one of stateOverride, blockOverrides/],
  ];
  for (const [fn, expected] of cases) {
    test(`unknown field: ${String(expected).slice(0, 60)}`, () => {
      const before = JSON.stringify(evm.dumpState());
      const m = message(fn);
      if (typeof expected === 'string') assert.equal(m, expected);
      else assert.match(m, expected);
      assert.equal(JSON.stringify(evm.dumpState()), before);
    });
  }
}

test('viem spelling: block fields as BlockOverrides, honoured', () => {
  const evm = new Evm({ chainId: 5n, block: { number: 7n, time: 1234n, baseFeePerGas: 7n, feeRecipient: B,
    gasLimit: 1_000_000n, prevRandao: 9n, blobBaseFee: 3n } });
  const b = evm.getBlock();
  assert.deepEqual([b.number, b.time, b.baseFeePerGas, b.gasLimit, b.blobBaseFee, b.chainId], [7n, 1234n, 7n, 1_000_000n, 3n, 5n]);
  assert.equal(b.feeRecipient.toLowerCase(), B);
  // The opcodes see them: NUMBER TIMESTAMP BASEFEE COINBASE PREVRANDAO BLOBBASEFEE CHAINID.
  const r = evm.runCode(assemble(`NUMBER PUSH0 MSTORE TIMESTAMP PUSH1 32 MSTORE BASEFEE PUSH1 64 MSTORE
    COINBASE PUSH1 96 MSTORE PREVRANDAO PUSH1 128 MSTORE BLOBBASEFEE PUSH1 160 MSTORE CHAINID PUSH1 192 MSTORE
    PUSH1 224 PUSH0 RETURN`));
  const words = r.output.slice(2).match(/.{64}/g).map((w) => BigInt('0x' + w));
  assert.deepEqual(words, [7n, 1234n, 7n, BigInt(B), 9n, 3n, 5n]);
  assert.match(message(() => evm.setBlock({ blobBaseFee: 1n, excessBlobGas: 0n })), /^block: blobBaseFee and excessBlobGas/);
});

test('explicit types and access lists are honoured, not dropped', () => {
  const evm = new Evm();
  evm.setCode(A, assemble('PUSH1 5 SLOAD POP STOP'));
  const plain = evm.sendTransaction({ to: A });
  const listed = evm.sendTransaction({ to: A, accessList: [{ address: A, storageKeys: ['0x' + '00'.repeat(31) + '05'] }] });
  // EIP-2930: +2400 per address and +1900 per key up front; EIP-2929: that SLOAD is then warm
  // (100 instead of 2100) and A is already warm as the recipient.
  assert.equal(listed.gasUsed - plain.gasUsed, 2400n + 1900n - (2100n - 100n));
  // Type rules: fields of another type are refused.
  assert.equal(message(() => evm.call({ to: A, type: 'legacy', maxFeePerGas: 1n })), 'request.maxFeePerGas: not a field of legacy transactions');
  assert.equal(message(() => evm.call({ to: A, type: 'eip1559', gasPrice: 1n })), 'request.gasPrice: not a field of eip1559 transactions');
  assert.equal(message(() => evm.call({ to: A, type: 'legacy', accessList: [] })), 'request.accessList: not a field of legacy transactions');
  assert.equal(message(() => evm.call({ to: A, type: 3 })), 'request.blobVersionedHashes: a blob transaction needs at least one');
  assert.match(message(() => evm.call({ to: A, type: 'eip7702' })), /^request\.authorizationList: an eip7702 transaction needs at least one/);
  // A type-2 transaction pays base fee + tip: GASPRICE shows it.
  evm.setBlock({ baseFeePerGas: 10n });
  evm.setCode(B, assemble('GASPRICE PUSH0 MSTORE PUSH1 32 PUSH0 RETURN'));
  const r = evm.sendTransaction({ to: B, type: 2, maxFeePerGas: 100n, maxPriorityFeePerGas: 3n });
  assert.equal(BigInt(r.output), 13n);
  const legacy = evm.sendTransaction({ to: B, type: '0x0', gasPrice: 50n });
  assert.equal(BigInt(legacy.output), 50n);
  // A blob transaction (type 3) with a versioned hash: BLOBHASH sees it.
  evm.setCode(A, assemble('PUSH0 BLOBHASH PUSH0 MSTORE PUSH1 32 PUSH0 RETURN'));
  const h = '0x01' + 'ab'.repeat(31);
  assert.equal(evm.sendTransaction({ to: A, blobVersionedHashes: [h] }).output, h);
});

test('call is eth_call: it keeps nothing, checks no nonce and pays no fee', () => {
  const evm = new Evm({ block: { baseFeePerGas: 1_000_000_000n } });
  evm.setCode(A, COUNTER);
  const before = JSON.stringify(evm.dumpState());
  for (let i = 0; i < 3; i++) {
    const r = evm.call({ to: A });
    assert.equal(BigInt(r.output), 1n, 'the counter never moves');
    assert.equal(r.stateChanges.length > 0, true, 'what it would change is reported');
  }
  assert.equal(evm.call({ to: A, nonce: 99n }).status, 'success');
  assert.equal(JSON.stringify(evm.dumpState()), before);
  assert.equal(evm.getAccount(DEFAULT_SENDER).nonce, 0n);
  // With overrides, as viem spells them, also for this call only.
  const r = evm.call({ to: A }, { stateOverride: [{ address: A, stateDiff: [{ slot: 0n, value: 41n }] }],
    blockOverrides: { number: 99n } });
  assert.equal(BigInt(r.output), 42n);
  const n = evm.call({ to: B }, { stateOverride: [{ address: B, code: assemble('NUMBER PUSH0 MSTORE PUSH1 32 PUSH0 RETURN') }],
    blockOverrides: { number: 99n } });
  assert.equal(BigInt(n.output), 99n);
  assert.equal(JSON.stringify(evm.dumpState()), before);
  assert.equal(evm.getBlock().number, 1n);
});

test('sendTransaction commits, creates when to is absent or null, and deploy is gone', () => {
  const evm = new Evm();
  evm.setCode(A, COUNTER);
  assert.equal(BigInt(evm.sendTransaction({ to: A }).output), 1n);
  assert.equal(BigInt(evm.sendTransaction({ to: A }).output), 2n);
  assert.equal(evm.getAccount(DEFAULT_SENDER).nonce, 2n);
  // initcode that returns the one-byte code 0x00
  const initcode = assemble('PUSH1 0 PUSH0 MSTORE8 PUSH1 1 PUSH0 RETURN');
  const a = evm.sendTransaction({ data: initcode });
  const b = evm.sendTransaction({ to: null, data: initcode });
  assert.notEqual(a.createdAddress, b.createdAddress);
  assert.equal(evm.getAccount(a.createdAddress).code, '0x00');
  assert.equal(typeof evm.deploy, 'undefined');
});

test('estimateGas finds the lowest gas limit that succeeds', () => {
  const evm = new Evm();
  // Reverts unless at least 60,000 gas is left at GAS (after a cold SSTORE).
  evm.setCode(A, assemble('PUSH1 1 PUSH0 SSTORE GAS PUSH3 0x00ea60 GT PUSH @bad JUMPI STOP bad: JUMPDEST PUSH0 PUSH0 REVERT'));
  const est = evm.estimateGas({ to: A });
  assert.equal(evm.call({ to: A, gas: est }).status, 'success');
  assert.equal(evm.call({ to: A, gas: est - 1n }).status, 'revert');
  assert.equal(evm.getAccount(A).exists, true);
  assert.equal(evm.getStorageAt(A, 0n), '0x' + '00'.repeat(32), 'estimating keeps nothing');
  evm.setCode(B, assemble('PUSH32 0x08c379a000000000000000000000000000000000000000000000000000000000 PUSH0 MSTORE PUSH1 32 PUSH1 4 MSTORE PUSH1 2 PUSH1 36 MSTORE PUSH2 0x6e6f PUSH1 240 SHL PUSH1 68 MSTORE PUSH1 100 PUSH0 REVERT'));
  assert.match(message(() => evm.estimateGas({ to: B })), /^estimateGas: execution reverted: no \(at every gas limit up to 16777216\)/);
});

test('snapshot and revert restore the whole world and the block', () => {
  const evm = new Evm();
  evm.setCode(A, COUNTER);
  const start = JSON.stringify(evm.dumpState());
  const id = evm.snapshot();
  assert.match(id, /^0x[0-9a-f]+$/);
  evm.sendTransaction({ to: A });
  const inner = evm.snapshot();
  evm.setBalance(B, 5n);
  evm.setBlock({ number: 50n });
  evm.revert(inner);
  assert.equal(evm.getAccount(B).exists, false);
  assert.equal(evm.getBlock().number, 1n);
  assert.equal(BigInt(evm.getStorageAt(A, 0n)), 1n);
  evm.revert(id);
  assert.equal(JSON.stringify(evm.dumpState()), start);
  assert.match(message(() => evm.revert(id)), /^id: no snapshot 0x0 \(never taken, or used up by a revert\)/);
  assert.match(message(() => evm.revert(inner)), /^id: no snapshot/);
});

test('setters change one thing; setAccount merges; getAccount can return storage', () => {
  const evm = new Evm();
  evm.setAccount(A, { balance: 9n, nonce: 3n, code: '0x00', storage: { '0x01': 2n } });
  evm.setBalance(A, 10n);
  evm.setNonce(A, 4n);
  evm.setStorageAt(A, 5n, 6n);
  let acc = evm.getAccount(A, { storage: true });
  assert.deepEqual([acc.balance, acc.nonce, acc.code], [10n, 4n, '0x00']);
  const slot = (n) => '0x' + n.toString(16).padStart(64, '0');
  assert.deepEqual(acc.storage, { [slot(1)]: slot(2), [slot(5)]: slot(6) });
  evm.setAccount(A, { balance: 1n, storage: [{ slot: 1n, value: 0n }] });
  acc = evm.getAccount(A, { storage: true });
  assert.deepEqual([acc.balance, acc.nonce, acc.code], [1n, 4n, '0x00'], 'the fields not given stay');
  assert.deepEqual(acc.storage, { [slot(5)]: slot(6) });
  evm.setCode(A, '0x6001');
  assert.equal(evm.getAccount(A).balance, 1n);
  assert.equal(evm.getAccount(A).storage, undefined);
});

test('dumpState and loadState round-trip in geth alloc format; a bad dump changes nothing', () => {
  const evm = new Evm();
  evm.setAccount(A, { balance: 16n, nonce: 2n, code: '0x6001', storage: { '0x01': 2n } });
  const dump = evm.dumpState();
  const key = Object.keys(dump).find((k) => k.toLowerCase() === A);
  assert.deepEqual(dump[key], { balance: '0x10', nonce: '0x2', code: '0x6001',
    storage: { ['0x' + '00'.repeat(31) + '01']: '0x' + '00'.repeat(31) + '02' } });
  const other = new Evm();
  assert.equal(other.loadState(JSON.stringify(dump)), 2);
  assert.deepEqual(other.dumpState(), dump);
  const before = JSON.stringify(other.dumpState());
  assert.match(message(() => other.loadState({ [B]: { balance: '0x1' }, [A]: { balance: '0x1', nonse: '0x1' } })),
    /^state: 0xa+: unknown field "nonse"/i);
  assert.equal(JSON.stringify(other.dumpState()), before);
});

test('fees default to what a node gives a local account; the default sender is explicit', () => {
  const evm = new Evm({ block: { baseFeePerGas: 1_000_000_000n, feeRecipient: B } });
  assert.equal(evm.getAccount(DEFAULT_SENDER).balance, DEFAULT_BALANCE);
  const r = evm.sendTransaction({ to: A, value: 1n });
  assert.equal(r.status, 'success');
  // Max fee = base fee, tip 0: the sender pays gasUsed * baseFee + value; the coinbase gets 0.
  assert.equal(evm.getAccount(DEFAULT_SENDER).balance, DEFAULT_BALANCE - 21000n * 1_000_000_000n - 1n);
  assert.equal(evm.getAccount(B).exists, false);
  // A call names no fee and pays none, whatever the base fee.
  assert.equal(evm.call({ to: A, from: '0x' + '99'.repeat(20) }).status, 'success');
});

test('call trees follow geth callTracer: DELEGATECALL parties, refused frames, parents', () => {
  const evm = new Evm();
  const LIB = '0x' + '11'.repeat(20);
  evm.setCode(LIB, assemble('PUSH1 1 PUSH0 SSTORE STOP'));
  // A: DELEGATECALL LIB, CREATE2 twice with the same salt (the second collides), CALL with
  // 1 wei it does not have (refused), then revert with Error("no").
  evm.setCode(A, assemble(`PUSH0 PUSH0 PUSH0 PUSH0 PUSH20 ${LIB} GAS DELEGATECALL POP
    PUSH1 7 PUSH1 1 PUSH0 PUSH0 CREATE2 POP PUSH1 7 PUSH1 1 PUSH0 PUSH0 CREATE2 POP
    PUSH0 PUSH0 PUSH0 PUSH0 PUSH1 1 PUSH20 ${B} PUSH2 0x1000 CALL POP STOP`));
  const r = evm.sendTransaction({ to: A }, { callTree: true, callTracer: true });
  const t = r.callTree;
  assert.deepEqual(t.map((n) => n.type), ['CALL', 'DELEGATECALL', 'CREATE2', 'CREATE2', 'CALL']);
  assert.deepEqual(t.map((n) => n.parent), [null, 0, 0, 0, 0]);
  assert.deepEqual(t[0].children, [1, 2, 3, 4]);
  assert.equal(t[1].from.toLowerCase(), A);
  assert.equal(t[1].to.toLowerCase(), LIB);
  assert.equal(t[3].error, 'contract address collision');
  assert.equal(t[3].gasUsed, t[3].gas);
  assert.equal(t[4].error, 'insufficient balance for transfer');
  assert.equal(t[4].gasUsed, 0n);
  const ct = r.callTracer;
  assert.deepEqual(Object.keys(ct).sort(), ['calls', 'from', 'gas', 'gasUsed', 'input', 'to', 'type', 'value']);
  assert.equal(BigInt(ct.gasUsed), r.gasUsed);
  assert.equal(ct.calls[2].to, undefined);
  assert.equal(ct.calls[2].error, 'contract address collision');
  assert.equal(ct.calls[3].error, 'insufficient balance for transfer');
});

test('results serialise with JSON.stringify; numbers and bigints follow one rule', () => {
  const evm = new Evm();
  const r = evm.runCode(assemble('PUSH1 1 PUSH0 MSTORE PUSH1 32 PUSH0 RETURN'), {}, { callTree: true, trace: true });
  const j = JSON.parse(JSON.stringify(r));
  assert.equal(j.gasUsed, '0x' + r.gasUsed.toString(16));
  assert.equal(j.callTree[0].gas, '0x' + r.callTree[0].gas.toString(16));
  assert.equal(j.callTree[0].depth, 1, 'depth stays a number');
  assert.equal(typeof r.callTree[0].depth, 'number');
  assert.equal(typeof r.gasUsed, 'bigint');
  assert.ok(!Object.keys(r).includes('toJSON'), 'toJSON is not enumerable');
  assert.equal(JSON.parse(JSON.stringify(evm.getAccount(DEFAULT_SENDER))).balance, '0x' + DEFAULT_BALANCE.toString(16));
  assert.equal(JSON.parse(JSON.stringify(evm.getBlock())).number, '0x1');
});

test('addresses: EIP-55 checked going in, checksummed coming out', () => {
  const evm = new Evm();
  const good = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';
  evm.setBalance(good, 1n);
  evm.setBalance(good.toLowerCase(), 2n);
  evm.setBalance(good.toUpperCase().replace('0X', '0x'), 3n);
  assert.equal(evm.getAccount(good).balance, 3n);
  assert.equal(message(() => evm.setBalance('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD', 1n)),
    'address: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD" has a wrong EIP-55 checksum (expected 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed)');
  const r = evm.sendTransaction({ data: assemble('PUSH0 PUSH0 RETURN') }, { callTree: true });
  assert.equal(r.createdAddress, r.callTree[0].to);
  assert.notEqual(r.createdAddress, r.createdAddress.toLowerCase());
  assert.ok(Object.keys(evm.dumpState()).includes(good));
});

test('wrong dumps and types say what is wrong, and change nothing', () => {
  const evm = new Evm();
  const before = JSON.stringify(evm.dumpState());
  assert.match(message(() => evm.loadState('not json')), /^state: not JSON \(expected ident at line 1 column 2\)/);
  assert.match(message(() => evm.loadState({ [A]: { balance: 1n } })), /^state: cannot be written as JSON: .*BigInt/);
  assert.equal(message(() => evm.loadState([])), 'state: expected an object of accounts');
  assert.equal(message(() => evm.call({ to: A, type: 2.5 })), 'request.type: expected legacy, eip2930, eip1559, eip4844, eip7702 or 0-4');
  assert.match(message(() => evm.call({ to: A, type: 9 })), /^request\.type: "9" is not a transaction type/);
  assert.equal(message(() => evm.sendTransaction({ from: A, to: A, value: 1n })), 'transaction: insufficient funds for gas * price + value');
  assert.equal(JSON.stringify(evm.dumpState()), before);
});

test('profile: { time: true } times each opcode: the count and gas of profile: true, and where the time went', () => {
  const evm = new Evm();
  // Two frames: A calls B three times; B hashes 64 KiB per round, which is thousands of times
  // the work of any other opcode here.
  evm.setCode(B, assemble('PUSH1 8 top: JUMPDEST PUSH3 0x10000 PUSH0 KECCAK256 POP PUSH1 1 SWAP1 SUB DUP1 PUSH @top JUMPI STOP'));
  evm.setCode(A, assemble(`PUSH1 3 top: JUMPDEST PUSH0 PUSH0 PUSH0 PUSH0 PUSH0 PUSH20 ${B} GAS CALL POP
    PUSH1 1 SWAP1 SUB DUP1 PUSH @top JUMPI STOP`));
  const plain = evm.call({ to: A }, { profile: true }).profile;
  const t0 = performance.now();
  const timed = evm.call({ to: A }, { profile: { time: true }, callTree: true });
  const wall = performance.now() - t0;
  const strip = (rows) => rows.map(({ opcode, count, gas }) => ({ opcode, count, gas }));
  assert.deepEqual(strip(timed.profile.total), strip(plain.total));
  assert.deepEqual(timed.profile.frames.map(strip), plain.frames.map(strip));
  assert.ok(plain.total.every((r) => !('timeMs' in r)));
  const ms = (rows) => rows.reduce((s, r) => s + r.timeMs, 0);
  assert.ok(timed.profile.total.every((r) => typeof r.timeMs === 'number'));
  const sum = ms(timed.profile.total);
  assert.ok(sum > 0 && sum <= wall, `${sum} ms of ${wall} ms`);
  const keccak = timed.profile.total.find((r) => r.name === 'KECCAK256').timeMs;
  assert.ok(keccak / sum > 0.9, `KECCAK256 ${keccak} of ${sum} ms`);
  // All of it within the outermost frame's wall time; the hashing in the callees' frames.
  assert.ok(sum <= timed.callTree[0].timeTotalMs);
  assert.ok(ms(timed.profile.frames.slice(1).flat()) > 10 * ms(timed.profile.frames[0]));
  assert.equal(message(() => evm.call({ to: A }, { profile: { timing: true } })), 'options.profile.timing: unknown field; did you mean time?');
  assert.match(message(() => evm.call({ to: A }, { profile: 'time' })), /^options\.profile: expected/);
  assert.match(message(() => evm.call({ to: A }, { profile: { time: 1 } })), /^options\.profile\.time: expected a boolean/);
});
