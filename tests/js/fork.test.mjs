// Forking a live chain, against a real node: anvil (from npm, offline) started here on a free
// loopback port. Contracts compiled with solc-js are deployed, two blocks mined with several
// transactions from several senders, and every transaction replayed by evmbox from the node
// (state fetched over JSON-RPC as execution reaches it): status, gas used (the receipt's), logs
// and every EIP-3155 step must equal the node's own (debug_traceTransaction's structLogs);
// slots after the last one equal eth_getStorageAt; and running a transaction on the state
// before its block without the block's earlier transactions differs where it must.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import solc from 'solc';
import { encodeFunctionData, encodeDeployData, getContractAddress, getAddress } from 'viem';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const { fork, requestOf } = await import(join(root, 'js/node.mjs'));
const { startAnvil } = await import('./anvil.mjs');

// --- Compile -------------------------------------------------------------------------------
const FILES = ['Token.sol', 'Factory.sol', 'Proxy.sol', 'Recursive.sol', 'Lock.sol', 'Env.sol'];
const C = (() => {
  const sources = Object.fromEntries(FILES.map((f) => [f, { content: readFileSync(join(root, 'tests/js/contracts', f), 'utf8') }]));
  const out = JSON.parse(solc.compile(JSON.stringify({
    language: 'Solidity', sources,
    settings: { evmVersion: 'cancun', optimizer: { enabled: true, runs: 200 }, outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } } },
  })));
  const errors = (out.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length) throw new Error(errors.map((e) => e.formattedMessage).join('\n'));
  const all = {};
  for (const cs of Object.values(out.contracts)) for (const [n, c] of Object.entries(cs)) all[n] = { abi: c.abi, bytecode: '0x' + c.evm.bytecode.object };
  return all;
})();

// --- The node ------------------------------------------------------------------------------
let anvil, url, rpc;

const hashes = []; // every transaction sent, in order
const A = {}; // contract addresses
let senders;

before(async () => {
  anvil = await startAnvil(['--hardfork', 'prague', '--no-mining', '--steps-tracing']);
  ({ url, rpc } = anvil);
  senders = (await rpc('eth_accounts')).slice(0, 4);
  const nonces = {};
  const send = async (from, to, data, value = 0n) => {
    nonces[from] ??= BigInt(await rpc('eth_getTransactionCount', [from, 'latest']));
    const tx = { from, data, gas: '0x2dc6c0', nonce: '0x' + nonces[from].toString(16), value: '0x' + value.toString(16), ...(to ? { to } : {}) };
    nonces[from]++;
    hashes.push(await rpc('eth_sendTransaction', [tx]));
  };
  const deploy = async (from, name, args = []) => {
    nonces[from] ??= BigInt(await rpc('eth_getTransactionCount', [from, 'latest']));
    const address = getContractAddress({ from, nonce: nonces[from] });
    await send(from, null, encodeDeployData({ abi: C[name].abi, bytecode: C[name].bytecode, args }));
    return address;
  };
  const call = (name, fn, args = []) => encodeFunctionData({ abi: C[name].abi, functionName: fn, args });
  const [s0, s1, s2, s3] = senders;
  // Block 1: deployments.
  A.token = await deploy(s0, 'Token', [10n ** 24n]);
  A.factory = await deploy(s0, 'Factory');
  A.recursive = await deploy(s1, 'Recursive');
  A.impl = await deploy(s1, 'CounterImpl');
  A.proxy = await deploy(s1, 'Proxy', [A.impl]);
  A.vault = await deploy(s2, 'Vault');
  A.env = await deploy(s2, 'Env');
  await rpc('evm_mine');
  // Block 2: several senders, calls through CALL, DELEGATECALL and CREATE2, reverts caught and
  // not, transient storage, MCOPY, and the environment readers.
  await send(s0, A.token, call('Token', 'transfer', [s1, 1000n]));
  await send(s0, A.token, call('Token', 'transfer', [s2, 2000n]));
  await send(s1, A.env, call('Env', 'bump'));
  await send(s3, A.env, call('Env', 'bump')); // the counter, touched twice in one block
  await send(s2, A.env, call('Env', 'record'));
  await send(s3, A.env, call('Env', 'copy', ['0x' + 'ab'.repeat(100)]));
  await send(s1, A.recursive, call('Recursive', 'sum', [6n, 3n]));
  await send(s1, A.recursive, call('Recursive', 'sum', [4n, 4n])); // reverts
  await send(s0, A.factory, call('Factory', 'deploy', ['0x' + '01'.repeat(32), 7n]));
  await send(s1, A.proxy, call('CounterImpl', 'init'));
  await send(s1, A.proxy, call('CounterImpl', 'add', [5n]));
  await send(s2, A.vault, call('Vault', 'deposit'), 10n ** 15n);
  await send(s2, A.vault, call('Vault', 'withdraw')); // TSTORE, then a revert
  await rpc('evm_mine');
});

after(() => anvil?.stop());

/** The node's EIP-3155-like steps for a transaction: pc, op, gas, gasCost, depth, stack. */
async function nodeSteps(hash) {
  const t = await rpc('debug_traceTransaction', [hash, { enableMemory: false, disableStorage: true }]);
  return t.structLogs.map((s) => ({ pc: s.pc, op: s.op, gas: BigInt(s.gas), gasCost: BigInt(s.gasCost), depth: s.depth, stack: (s.stack ?? []).map((x) => BigInt(x)) }));
}

/** Our steps in the node's terms. Our gasCost is geth's (the reference traces in
 * ../shared/fixtures); anvil's tracer (revm-inspectors) also counts, for a CREATE or CREATE2
 * that enters its frame, the gas handed to it: all but a 64th of what is left (EIP-150). */
function ourSteps(trace) {
  return trace.steps.map((s, i) => {
    let gasCost = BigInt(s.gasCost);
    const entered = trace.steps[i + 1]?.depth > s.depth;
    if ((s.opName === 'CREATE' || s.opName === 'CREATE2') && entered) {
      const left = BigInt(s.gas) - gasCost;
      gasCost += left - left / 64n;
    }
    return { pc: s.pc, op: s.opName, gas: BigInt(s.gas), gasCost, depth: s.depth, stack: s.stack.map((x) => BigInt(x)) };
  });
}

for (const mode of ['prefix', 'prestate']) test(`every transaction of the chain replays (${mode} mode) with the node's status, gas, logs and steps`, async () => {
  assert.equal(hashes.length, 20);
  const f = await fork({ url });
  assert.equal(f.fork, 'prague');
  let statuses = new Set();
  let requests = 0, calls = 0, replays = 0, cold = null;
  for (const hash of hashes) {
    const receipt = await rpc('eth_getTransactionReceipt', [hash]);
    const { result, transaction, forked, mode: used } = await f.replayTransaction(hash, { mode, trace: { limit: 1_000_000 } });
    assert.equal(used, mode, 'anvil has the prestateTracer');
    if (cold === null) cold = forked.stats;
    const name = `${hash} (block ${Number(transaction.blockNumber)}, index ${Number(transaction.transactionIndex)})`;
    assert.equal(result.status === 'success', receipt.status === '0x1', `${name}: status ${result.status}`);
    statuses.add(result.status);
    assert.equal(result.gasUsed, BigInt(receipt.gasUsed), `${name}: gas used`);
    const theirLogs = receipt.logs.map((l) => ({ address: getAddress(l.address), topics: l.topics, data: l.data }));
    assert.deepEqual(result.logs, theirLogs, `${name}: logs`);
    if (receipt.contractAddress) assert.equal(result.createdAddress, getAddress(receipt.contractAddress), name);
    const summary = JSON.parse(result.trace.jsonl.trim().split('\n').at(-1));
    assert.equal(summary.stateRoot, undefined, 'a forked world holds part of the state: no root');
    assert.equal(BigInt(summary.gasUsed), result.gasUsed);
    const theirs = await nodeSteps(hash);
    const ours = ourSteps(result.trace);
    assert.equal(ours.length, theirs.length, `${name}: ${ours.length} steps, the node ${theirs.length}`);
    for (let i = 0; i < ours.length; i++) assert.deepEqual(ours[i], theirs[i], `${name}: step ${i}`);
  }
  assert.deepEqual([...statuses].sort(), ['revert', 'success']);
  // The forks of one fork() share what they fetched (pinned to a block, it never changes).
  const all = f.stats;
  console.log(`# ${mode} mode: first replay (cold): ${cold.requests} HTTP requests, ${cold.calls} JSON-RPC calls; all ${hashes.length} replays: ${all.requests} requests, ${all.calls} calls, ${all.cached} answered from the cache`);
});

test('after a block\'s last transaction the slots are the node\'s; without the earlier ones they differ', async () => {
  const last = hashes.at(-1);
  const f = await fork({ url });
  const { forked } = await f.replayTransaction(last);
  const n = BigInt((await rpc('eth_getTransactionByHash', [last])).blockNumber);
  const tag = '0x' + n.toString(16);
  for (const [address, slot] of [[A.env, 0n], [A.env, 1n], [A.env, 2n], [A.env, 3n], [A.recursive, 0n], [A.proxy, 0n], [A.proxy, 1n]]) {
    const theirs = await rpc('eth_getStorageAt', [address, '0x' + slot.toString(16), tag]);
    assert.equal(BigInt(await forked.getStorageAt(address, slot)), BigInt(theirs), `${address} slot ${slot}`);
  }
  // The second bump of the counter, run on the state before its block alone, sees the counter
  // before the first bump.
  const second = hashes[hashes.length - 13 + 3];
  const tx = await rpc('eth_getTransactionByHash', [second]);
  const quick = await fork({ url, blockNumber: n - 1n });
  const r = await quick.sendTransaction(requestOf(tx));
  assert.equal(r.status, 'success');
  assert.equal(BigInt(await quick.getStorageAt(A.env, 0n)), 1n);
  assert.equal(BigInt(await rpc('eth_getStorageAt', [A.env, '0x0', tag])), 2n);
});

test('a forked Evm fetches in batches, steps through a replay, and names what it lacks', async () => {
  const f = await fork({ url });
  // The synchronous API says what is missing and changes nothing.
  assert.throws(() => f.evm.getStorageAt(A.token, 0n), /state: account 0x[0-9a-fA-F]+ is not fetched/);
  assert.equal(f.evm.needsState, true);
  assert.equal(f.stats.requests, 2); // eth_chainId, eth_getBlockByNumber
  const name = await f.getStorageAt(A.token, 0n);
  assert.equal(BigInt(name), BigInt(await rpc('eth_getStorageAt', [A.token, '0x0', 'latest'])));
  assert.equal(f.stats.requests, 4, 'one batch for the account (eth_getProof + eth_getCode), one for the slot');
  // Step a replay: the debugger pauses for state (reason 'state') and goes on once fetched.
  const hash = hashes[hashes.length - 13 + 6]; // Recursive.sum(6, 3): nested calls, a caught revert
  const t0 = performance.now();
  const { forked } = await f.replayTransaction(hash, { debug: true });
  let p = await forked.stepInto();
  console.log(`# time to first step of a replay (block index 6, cold fork, loopback anvil): ${(performance.now() - t0).toFixed(1)} ms, ${forked.stats.requests} requests`);
  let depthSeen = p.depth, steps = 1;
  while (p.reason !== 'done') { p = await forked.stepInto(); depthSeen = Math.max(depthSeen, p.depth); steps++; }
  assert.equal(depthSeen, 4, 'sum(6, 3) calls itself down to the frame of n = 3, which reverts');
  assert.equal(steps, (await nodeSteps(hash)).length);
  assert.equal(p.result.gasUsed, BigInt((await rpc('eth_getTransactionReceipt', [hash])).gasUsed));
  // Wrong inputs are errors that name them.
  await assert.rejects(fork({ url, blok: 1 }), /options\.blok: unknown field/);
  await assert.rejects(f.replayTransaction('0x' + '00'.repeat(32)), /not found/);
  await assert.rejects(f.replayTransaction(hash, { mode: 'quick' }), /options\.mode: expected "prefix" or "prestate"/);
  await assert.rejects(fork({ url: 'http://127.0.0.1:9', retries: 1, retryDelayMs: 1 }), /no answer/);
  const tiny = await fork({ url, maxRequests: 3 });
  await assert.rejects(tiny.getAccount(A.token).then(() => tiny.getStorageAt(A.token, 5n)), /request budget of 3/);
});

/** An HTTP proxy in front of the node that misbehaves on a schedule: every request delayed,
 * and by turns answered 429, 503, or 200 with error items in place of a batch's answers; and
 * no debug_ API (-32601), as public endpoints often have none. */
async function faultyProxy(target) {
  let n = 0;
  const faults = { delayed: 0, tooMany: 0, unavailable: 0, errorItems: 0, noDebug: 0 };
  const server = createHttpServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    n++; faults.delayed++;
    await new Promise((r) => setTimeout(r, 5));
    const calls = JSON.parse(body);
    if ([calls].flat().some((c) => c.method.startsWith('debug_'))) {
      faults.noDebug++;
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ jsonrpc: '2.0', id: calls.id ?? null, error: { code: -32601, message: 'the method does not exist/is not available' } }));
    }
    if (n % 5 === 1) { faults.tooMany++; res.writeHead(429, { 'retry-after': '0' }); return res.end('slow down'); }
    if (n % 5 === 2) { faults.unavailable++; res.writeHead(503); return res.end('busy'); }
    if (n % 5 === 3 && Array.isArray(calls)) {
      faults.errorItems++;
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify(calls.map((c) => ({ jsonrpc: '2.0', id: c.id, error: { code: -32005, message: 'limit exceeded' } }))));
    }
    try {
      const answer = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(await answer.text());
    } catch { res.writeHead(502); res.end('bad gateway'); }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}`, faults, close: () => server.close() };
}

test('through a faulty proxy (latency, 429, 503, error batches, no debug API) replays give the same results', async () => {
  const proxy = await faultyProxy(url);
  try {
    const direct = await fork({ url });
    const flaky = await fork({ url: proxy.url, retryDelayMs: 1, retries: 6 });
    for (const hash of hashes.slice(-13)) {
      const a = await direct.replayTransaction(hash, { trace: true });
      const b = await flaky.replayTransaction(hash, { mode: 'prestate', trace: true });
      assert.equal(b.mode, 'prefix', 'no prestateTracer behind the proxy: prefix mode');
      assert.deepEqual(b.result.trace.steps, a.result.trace.steps, hash);
      assert.deepEqual({ ...b.result, trace: null }, { ...a.result, trace: null }, hash);
    }
    const s = flaky.stats;
    assert.ok(s.retries >= proxy.faults.tooMany + proxy.faults.unavailable + proxy.faults.errorItems - 1, JSON.stringify({ s, f: proxy.faults }));
    assert.ok(proxy.faults.tooMany > 0 && proxy.faults.unavailable > 0 && proxy.faults.errorItems > 0 && proxy.faults.noDebug > 0);
    console.log(`# through the faulty proxy: ${JSON.stringify(proxy.faults)}, ${s.requests} requests, ${s.retries} retries`);
    // A node that keeps failing: the error says so, after the retries.
    const hopeless = await faultyProxy('http://127.0.0.1:9');
    await assert.rejects(fork({ url: hopeless.url, retries: 3, retryDelayMs: 1 }), /HTTP 502/);
    hopeless.close();
    // A node that never answers: the request times out.
    const silent = createHttpServer(() => {});
    await new Promise((r) => silent.listen(0, '127.0.0.1', r));
    await assert.rejects(fork({ url: `http://127.0.0.1:${silent.address().port}`, retries: 0, timeoutMs: 200 }), /no answer within 200 ms/);
    silent.closeAllConnections(); silent.close();
  } finally { proxy.close(); }
});
