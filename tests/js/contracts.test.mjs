// Five real contracts (an ERC-20, a CREATE2 factory, a delegating proxy, a recursive contract,
// a transient-storage reentrancy lock), compiled from tests/js/contracts/*.sol with solc-js,
// driven through viem's ABI helpers, each transaction run on evmbox and on @ethereumjs/vm
// (an independent EVM): status, output, gas used, logs and the call tree, frame by frame,
// must be equal. Uses pkg-node (scripts/build-pkg.sh) and the dev dependencies (npm ci).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import solc from 'solc';
import { encodeFunctionData, decodeFunctionResult, encodeDeployData, getAddress, toHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { createVM, runTx } from '@ethereumjs/vm';
import { Common, Mainnet, Hardfork } from '@ethereumjs/common';
import { createFeeMarket1559Tx } from '@ethereumjs/tx';
import { createBlock } from '@ethereumjs/block';
import { Account, createAddressFromString, hexToBytes, bytesToHex } from '@ethereumjs/util';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const { Evm } = createRequire(import.meta.url)(join(root, 'pkg-node/evmbox.js'));

// --- Compile -------------------------------------------------------------------------------
const FILES = ['Token.sol', 'Factory.sol', 'Proxy.sol', 'Recursive.sol', 'Lock.sol'];
const compiled = (() => {
  const sources = Object.fromEntries(FILES.map((f) => [f, { content: readFileSync(join(root, 'tests/js/contracts', f), 'utf8') }]));
  const out = JSON.parse(solc.compile(JSON.stringify({
    language: 'Solidity', sources,
    settings: { evmVersion: 'cancun', optimizer: { enabled: true, runs: 200 },
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } } },
  })));
  const errors = (out.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length) throw new Error(errors.map((e) => e.formattedMessage).join('\n'));
  const all = {};
  for (const cs of Object.values(out.contracts)) for (const [n, c] of Object.entries(cs)) {
    all[n] = { abi: c.abi, bytecode: '0x' + c.evm.bytecode.object };
  }
  return all;
})();

// --- The two EVMs, side by side ------------------------------------------------------------
const KEY = '0x' + '11'.repeat(32);
const ME = privateKeyToAccount(KEY).address;
const BLOCK = { number: 100n, time: 1_700_000_000n, gasLimit: 30_000_000n, baseFeePerGas: 7n,
  feeRecipient: getAddress('0x' + 'c0'.repeat(20)), prevRandao: 0n };
const FEES = { maxFeePerGas: 100n, maxPriorityFeePerGas: 2n };
const FUNDS = 10n ** 21n;

class Twin {
  static async create() {
    const t = new Twin();
    t.evm = new Evm({ fork: 'cancun', block: BLOCK }); // the oracle's hardfork below
    t.evm.setBalance(ME, FUNDS);
    t.common = new Common({ chain: Mainnet, hardfork: Hardfork.Cancun });
    t.vm = await createVM({ common: t.common });
    await t.vm.stateManager.putAccount(createAddressFromString(ME), new Account(0n, FUNDS));
    t.block = createBlock({ header: {
      number: BLOCK.number, timestamp: BLOCK.time, gasLimit: BLOCK.gasLimit, baseFeePerGas: BLOCK.baseFeePerGas,
      coinbase: BLOCK.feeRecipient, mixHash: new Uint8Array(32), excessBlobGas: 0n, blobGasUsed: 0n,
      parentBeaconBlockRoot: new Uint8Array(32), difficulty: 0n,
    } }, { common: t.common });
    t.nonce = 0n;
    t.frames = [];
    t.vm.evm.events.on('step', (s) => { t.lastOp = s.opcode.name; });
    t.vm.evm.events.on('beforeMessage', (m) => t.enter(m));
    t.vm.evm.events.on('afterMessage', (r) => t.exit(r));
    return t;
  }

  enter(m) {
    const parent = this.open.length ? this.open[this.open.length - 1] : null;
    const i = this.frames.length;
    if (parent !== null) this.frames[parent].children.push(i);
    const create = m.to === undefined;
    // The opcode that made the frame: the parent's last step (the outermost is the tx's).
    const kind = parent === null ? (create ? 'CREATE' : 'CALL') : this.lastOp;
    this.frames.push({
      type: kind, caller: m.caller.toString(), to: create ? null : m.to.toString(),
      codeAddress: create ? null : m.codeAddress.toString(), value: m.value, gas: m.gasLimit,
      input: bytesToHex(create ? m.code ?? m.data : m.data), parent, children: [],
    });
    this.open.push(i);
  }

  exit(r) {
    const f = this.frames[this.open.pop()];
    const e = r.execResult;
    f.gasUsed = e.executionGasUsed;
    f.output = bytesToHex(e.returnValue);
    f.error = e.exceptionError?.error;
    if (f.type.startsWith('CREATE')) f.to = r.createdAddress?.toString() ?? f.to;
  }

  /** Sends one transaction to both; returns [evmbox result, ethereumjs result and frames]. */
  async send({ to, data, value = 0n, gas = 3_000_000n }) {
    this.frames = [];
    this.open = [];
    const ours = this.evm.sendTransaction({ from: ME, to, data, value, gas, ...FEES }, { callTree: true, callTracer: true });
    const tx = createFeeMarket1559Tx({ nonce: this.nonce++, to, data, value, gasLimit: gas, ...FEES, chainId: 1n },
      { common: this.common }).sign(hexToBytes(KEY));
    const theirs = await runTx(this.vm, { tx, block: this.block, skipHardForkValidation: true });
    return [ours, theirs, this.frames];
  }
}

// --- Comparison ----------------------------------------------------------------------------
const lower = (a) => (a ? a.toLowerCase() : a);

function compare(label, ours, theirs, frames) {
  const er = theirs.execResult;
  const theirStatus = er.exceptionError ? (er.exceptionError.error === 'revert' ? 'revert' : 'halt') : 'success';
  assert.equal(ours.status, theirStatus, `${label}: status`);
  assert.equal(ours.output, bytesToHex(er.returnValue), `${label}: output`);
  assert.equal(ours.gasUsed, theirs.totalGasSpent, `${label}: gas used`);
  // ethereumjs reports the refund counter; the refund applied is capped at a fifth (EIP-3529).
  const consumed = ours.gasUsed + ours.gasRefunded;
  const cap = consumed / 5n;
  assert.equal(ours.gasRefunded, theirs.gasRefund < cap ? theirs.gasRefund : cap, `${label}: refund`);
  assert.deepEqual(
    ours.logs.map((l) => [lower(l.address), l.topics, l.data]),
    theirs.receipt.logs.map(([a, topics, d]) => [bytesToHex(a), topics.map(bytesToHex), bytesToHex(d)]),
    `${label}: logs`);
  if (theirs.createdAddress) assert.equal(lower(ours.createdAddress), theirs.createdAddress.toString(), `${label}: created`);
  const tree = ours.callTree;
  assert.equal(tree.length, frames.length, `${label}: frame count`);
  frames.forEach((f, i) => {
    const n = tree[i];
    const where = `${label}: frame ${i} (${f.type})`;
    assert.equal(n.type, f.type, `${where}: type`);
    // callTracer parties: DELEGATECALL and CALLCODE run `to`'s code in `from`'s account.
    const [from, to] = f.type === 'DELEGATECALL' || f.type === 'CALLCODE' ? [f.to, f.codeAddress] : [f.caller, f.to];
    assert.equal(lower(n.from), from, `${where}: from`);
    assert.equal(lower(n.to), to, `${where}: to`);
    assert.equal(n.value, f.value, `${where}: value`);
    assert.equal(n.gas, f.gas, `${where}: gas`);
    assert.equal(n.gasUsed, f.gasUsed, `${where}: gas used`);
    assert.equal(n.input, f.input, `${where}: input`);
    const status = f.error ? (f.error === 'revert' ? 'revert' : 'halt') : 'success';
    assert.equal(n.status, status, `${where}: status (${f.error ?? 'ok'} / ${n.error ?? 'ok'})`);
    if (status !== 'halt') assert.equal(n.output, f.output, `${where}: output`);
    assert.equal(n.parent, f.parent, `${where}: parent`);
    assert.deepEqual(n.children, f.children, `${where}: children`);
  });
  // The callTracer shape holds the same frames, nested.
  const flat = [];
  const walk = (c) => { flat.push(c); (c.calls ?? []).forEach(walk); };
  walk(ours.callTracer);
  assert.equal(flat.length, tree.length, `${label}: callTracer frames`);
  flat.forEach((c, i) => {
    assert.equal(c.type, tree[i].type);
    assert.equal(c.from, tree[i].from);
    assert.equal(BigInt(c.gasUsed), i === 0 ? ours.gasUsed : tree[i].gasUsed);
  });
}

/** A contract handle: deploys and calls through viem's ABI helpers on both EVMs. */
async function deploy(twin, name, args = [], value = 0n) {
  const { abi, bytecode } = compiled[name];
  const data = encodeDeployData({ abi, bytecode, args });
  const [ours, theirs, frames] = await twin.send({ data, value });
  compare(`deploy ${name}`, ours, theirs, frames);
  assert.equal(ours.status, 'success', `deploy ${name}`);
  const address = ours.createdAddress;
  const send = async (functionName, fnArgs = [], opts = {}) => {
    const [o, t, f] = await twin.send({ to: address, data: encodeFunctionData({ abi, functionName, args: fnArgs }), ...opts });
    compare(`${name}.${functionName}(${fnArgs.join(', ')})`, o, t, f);
    return o;
  };
  const read = (functionName, fnArgs = []) => {
    const r = twin.evm.call({ from: ME, to: address, data: encodeFunctionData({ abi, functionName, args: fnArgs }) });
    assert.equal(r.status, 'success', `${name}.${functionName}: ${r.revertReason ?? r.haltReason ?? ''}`);
    return decodeFunctionResult({ abi, functionName, data: r.output });
  };
  return { address, abi, send, read };
}

const OTHER = getAddress('0x' + '0b'.repeat(20));

test('the contracts compile', () => {
  for (const n of ['Token', 'Factory', 'Child', 'CounterImpl', 'Proxy', 'Recursive', 'Vault', 'Attacker']) {
    assert.ok(compiled[n]?.bytecode.length > 100, n);
  }
});

test('an ERC-20: transfers, allowances, events, reverts with reasons', async () => {
  const twin = await Twin.create();
  const t = await deploy(twin, 'Token', [1000n]);
  assert.equal(t.read('name'), 'Test Token');
  assert.equal(t.read('balanceOf', [ME]), 1000n);
  const r = await t.send('transfer', [OTHER, 250n]);
  assert.equal(r.logs.length, 1);
  assert.equal(t.read('balanceOf', [OTHER]), 250n);
  await t.send('approve', [OTHER, 10n]);
  const bad = await t.send('transfer', [OTHER, 10_000n]);
  assert.equal(bad.status, 'revert');
  assert.equal(bad.revertReason, 'balance too low');
  const noAllowance = await t.send('transferFrom', [OTHER, ME, 1n]);
  assert.equal(noAllowance.revertReason, 'allowance too low');
  // Out of gas at the first SSTORE: a halt, all gas used, on both.
  const starved = await t.send('transfer', [OTHER, 1n], { gas: 30_000n });
  assert.equal(starved.status, 'halt');
});

test('a CREATE2 factory: children at predicted addresses, and the colliding frame', async () => {
  const twin = await Twin.create();
  const f = await deploy(twin, 'Factory');
  const salt = toHex(7n, { size: 32 });
  const predicted = f.read('predict', [salt, 42n]);
  const r = await f.send('deploy', [salt, 42n]);
  assert.equal(r.callTree[1].type, 'CREATE2');
  assert.equal(r.callTree[1].to, predicted);
  // The same salt again: CREATE2 collides; its frame is in the tree, halted, all gas used.
  const again = await f.send('tryDeploy', [salt, 42n]);
  assert.equal(again.status, 'success');
  const collided = again.callTree.find((n) => n.type === 'CREATE2');
  assert.equal(collided.error, 'contract address collision');
  assert.equal(collided.gasUsed, collided.gas);
  assert.equal(again.callTracer.calls[0].calls[0].error, 'contract address collision');
  assert.equal(again.callTracer.calls[0].calls[0].to, undefined, 'a failed create has no to');
});

test('a delegating proxy: DELEGATECALL parties as callTracer shows them', async () => {
  const twin = await Twin.create();
  const impl = await deploy(twin, 'CounterImpl');
  const proxy = await deploy(twin, 'Proxy', [impl.address]);
  const asImpl = { ...proxy, abi: impl.abi };
  const call = async (functionName, args = []) => {
    const [o, t, fr] = await twin.send({ to: proxy.address, data: encodeFunctionData({ abi: impl.abi, functionName, args }) });
    compare(`proxy.${functionName}`, o, t, fr);
    return o;
  };
  const r = await call('init');
  assert.equal(r.callTree[1].type, 'DELEGATECALL');
  assert.equal(r.callTree[1].from, proxy.address);
  assert.equal(r.callTree[1].to, impl.address);
  await call('add', [5n]);
  const out = await call('add', [6n]);
  assert.equal(decodeFunctionResult({ abi: impl.abi, functionName: 'add', data: out.output }), 11n);
  assert.equal((await call('init')).revertReason, 'already initialised');
  assert.ok(asImpl.address);
});

test('a recursive contract: deep trees, a caught revert in the middle, many small frames', async () => {
  const twin = await Twin.create();
  const c = await deploy(twin, 'Recursive');
  const r = await c.send('sum', [30n, 0n]);
  assert.equal(decodeFunctionResult({ abi: c.abi, functionName: 'sum', data: r.output }), 465n);
  assert.equal(r.callTree.length, 31);
  const partial = await c.send('sum', [20n, 12n]);
  assert.equal(partial.callTree.filter((n) => n.status === 'revert').length, 1);
  assert.equal(partial.callTree.find((n) => n.status === 'revert').revertReason, 'failing here');
  const fib = await c.send('fib', [10n]);
  assert.equal(decodeFunctionResult({ abi: c.abi, functionName: 'fib', data: fib.output }), 55n);
  assert.equal(fib.callTree.filter((n) => n.type === 'STATICCALL').length, 176);
});

test('a transient-storage lock stops a reentrant withdraw', async () => {
  const twin = await Twin.create();
  const vault = await deploy(twin, 'Vault');
  const attacker = await deploy(twin, 'Attacker', [vault.address]);
  const r = await attacker.send('attack', [], { value: 1000n });
  assert.equal(r.status, 'success');
  assert.equal(attacker.read('reentered'), false);
  assert.equal(attacker.read('reason'), 'locked');
  // The lock is transient: a second attack in a new transaction finds it open again.
  const again = await attacker.send('attack', [], { value: 5n });
  assert.equal(again.status, 'success');
  assert.equal(attacker.read('reason'), 'locked');
  assert.equal(twin.evm.getAccount(vault.address).balance, 0n);
});
