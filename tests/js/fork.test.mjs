// Forking a live chain, against a real node: anvil (from npm, offline) started here on a free
// loopback port. Contracts compiled with solc-js are deployed, two blocks mined with several
// transactions from several senders, and every transaction replayed by evmbox from the node
// (state fetched over JSON-RPC as execution reaches it): status, gas used (the receipt's), logs
// and every EIP-3155 step must equal the node's own (debug_traceTransaction's structLogs);
// slots after the last one equal eth_getStorageAt; and running a transaction on the state
// before its block without the block's earlier transactions differs where it must.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createHttpServer } from 'node:http';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getAddress } from 'viem';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const { fork, requestOf } = await import(join(root, 'js/node.mjs'));
const { startChain, nodeSteps: stepsOf, ourSteps } = await import('./chain.mjs');

// --- The node ------------------------------------------------------------------------------
let anvil, url, rpc, hashes, A;

before(async () => {
  ({ anvil, hashes, A } = await startChain());
  ({ url, rpc } = anvil);
});

after(() => anvil?.stop());

const nodeSteps = (hash) => stepsOf(rpc, hash);

for (const mode of ['prefix', 'prestate']) test(`every transaction of the chain replays (${mode} mode) with the node's status, gas, logs and steps`, async () => {
  assert.equal(hashes.length, 20);
  const f = await fork({ url });
  assert.equal(f.fork, 'prague');
  let statuses = new Set();
  let cold = null;
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
    const ours = ourSteps(result.trace.steps);
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
  await assert.rejects(fork({ url: 'localhost:8545' }), /options\.url: expected http: or https:/);
  await assert.rejects(fork({ url, retries: -1 }), /options\.retries: expected a non-negative integer/);
  await assert.rejects(fork({ url, timeoutMs: '5s' }), /options\.timeoutMs/);
  await assert.rejects(fork({ url, fork: 'berlin' }), /options\.fork: unknown fork "berlin"/);
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
