// Builds tests/browser/bundled with Vite against the installed evmbox tarball, serves the
// output on localhost, loads it in headless Chromium and checks what the page computed. Then
// runs the README's plain <script type="module"> snippet, unbundled, the same way.
import { build } from 'vite';
import { createServer } from 'node:http';
import { readFile, writeFile } from 'node:fs/promises';
import { join, extname, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { getAddress } from 'viem';
import { startChain, nodeSteps, ourSteps } from '../js/chain.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, 'dist');
await build({ root: join(here, 'bundled'), logLevel: 'warn', build: { outDir, emptyOutDir: true, target: 'es2022' } });

const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm' };
/** Serves the files under `dir` on localhost; resolves to [url, server]. */
async function serve(dir) {
  const server = createServer(async (req, res) => {
    if (req.url === '/favicon.ico') {
      res.writeHead(204);
      res.end();
      return;
    }
    const pathname = decodeURIComponent(req.url.split('?')[0]);
    const rel = pathname === '/' ? 'index.html' : pathname;
    const path = join(dir, rel);
    try {
      const body = await readFile(path);
      res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return [`http://127.0.0.1:${server.address().port}/`, server];
}
const [url, server] = await serve(outDir);

// The README's plain-page snippet, served from a folder where evmbox is in node_modules.
const readme = await readFile(join(here, '../../README.md'), 'utf8');
await writeFile(join(here, 'plain.html'), readme.match(/```html\n([\s\S]*?)```/)[1]);
const [plainRoot, plainServer] = await serve(here);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForFunction(() => document.getElementById('result').textContent !== 'running', null, { timeout: 30000 });
  const text = await page.textContent('#result');
  assert.deepEqual(errors, []);
  const r = JSON.parse(text);
  assert.deepEqual(r, {
    status: 'success',
    gasUsed: r.gasUsed,
    frames: ['CALL@1', 'CALL@2'],
    steps: 13, // A: PUSH1, 4 DUP1, PUSH20, GAS, CALL, STOP; B: PUSH1, PUSH1, SSTORE, STOP
    slot: '0x' + '0'.repeat(63) + '7',
    timed: true,
  });
  console.log(`bundled page in Chromium: ok (${text})`);

  const plain = await browser.newPage();
  const logs = [];
  plain.on('console', (m) => logs.push(m.text()));
  plain.on('pageerror', (e) => errors.push(e.message));
  await plain.goto(plainRoot + 'plain.html');
  for (let i = 0; i < 100 && logs.length === 0 && errors.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(errors, []);
  assert.deepEqual(logs, ['success 21009']);
  console.log(`README's plain <script type="module"> page in Chromium: ok (${logs[0]})`);

  // Forking a node from a page: the test chain of tests/js/fork.test.mjs on anvil, on its own
  // port (another origin than the page's); the page replays every transaction in both modes
  // and steps through the last; each must equal the node's receipt and structLogs.
  const { anvil, hashes } = await startChain();
  try {
    const forkPage = await browser.newPage();
    forkPage.on('pageerror', (e) => errors.push(e.message));
    await forkPage.goto(`${url}?rpc=${encodeURIComponent(anvil.url)}&txs=${hashes.join(',')}`);
    await forkPage.waitForFunction(() => document.getElementById('fork').textContent !== 'running', null, { timeout: 120000 });
    const text = await forkPage.textContent('#fork');
    assert.deepEqual(errors, []);
    assert.ok(!text.startsWith('error:'), text);
    const got = JSON.parse(text);
    assert.equal(got.replays.length, 2 * hashes.length);
    for (const r of got.replays) {
      const receipt = await anvil.rpc('eth_getTransactionReceipt', [r.hash]);
      const name = `${r.hash} (${r.mode})`;
      assert.equal(r.status === 'success', receipt.status === '0x1', name);
      assert.equal(BigInt(r.gasUsed), BigInt(receipt.gasUsed), name);
      assert.deepEqual(r.logs, receipt.logs.map((l) => ({ address: getAddress(l.address), topics: l.topics, data: l.data })), name);
      assert.deepEqual(ourSteps(r.steps), await nodeSteps(anvil.rpc, r.hash), name);
    }
    const last = await anvil.rpc('eth_getTransactionReceipt', [hashes.at(-1)]);
    assert.equal(BigInt(got.stepped.gasUsed), BigInt(last.gasUsed));
    assert.equal(got.stepped.steps, (await nodeSteps(anvil.rpc, hashes.at(-1))).length);
    console.log(`fork() in a page, anvil on another origin: ok (${hashes.length} transactions replayed in both modes, steps equal to the node's; ${got.requests} requests)`);
    const hash = hashes.at(-1);

    // A node whose answers carry no CORS headers: the page's fetch is refused, and says so.
    const noCors = createServer(async (req, res) => {
      if (req.method === 'OPTIONS') { res.writeHead(204); res.end(); return; }
      let body = '';
      for await (const c of req) body += c;
      const a = await fetch(anvil.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(await a.text());
    });
    await new Promise((r) => noCors.listen(0, '127.0.0.1', r));
    const refused = await browser.newPage();
    await refused.goto(`${url}?rpc=${encodeURIComponent(`http://127.0.0.1:${noCors.address().port}`)}&txs=${hash}`);
    await refused.waitForFunction(() => document.getElementById('fork').textContent !== 'running', null, { timeout: 30000 });
    const msg = await refused.textContent('#fork');
    assert.match(msg, /^error: .*no answer .*CORS/);
    console.log(`a node without CORS headers, from a page: refused and named (${msg.slice(0, 120)}…)`);
    noCors.close();
  } finally {
    anvil.stop();
  }
} finally {
  await browser.close();
  server.close();
  plainServer.close();
}
