// Builds tests/browser/bundled with Vite against the installed evmbox tarball, serves the
// output on localhost, loads it in headless Chromium and checks what the page computed.
import { build } from 'vite';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, extname, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, 'dist');
await build({ root: join(here, 'bundled'), logLevel: 'warn', build: { outDir, emptyOutDir: true, target: 'es2022' } });

const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
const server = createServer(async (req, res) => {
  const path = join(outDir, req.url === '/' ? 'index.html' : decodeURIComponent(req.url.split('?')[0]));
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
const url = `http://127.0.0.1:${server.address().port}/`;

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
} finally {
  await browser.close();
  server.close();
}
