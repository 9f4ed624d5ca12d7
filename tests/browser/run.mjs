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
    const rel = req.url === '/' ? 'index.html' : decodeURIComponent(req.url.split('?')[0]);
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
} finally {
  await browser.close();
  server.close();
  plainServer.close();
}
