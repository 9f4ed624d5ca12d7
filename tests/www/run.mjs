// The playground in headless Chromium: builds www/ with Vite, serves www/dist on localhost,
// and drives the page as a person would — examples, run, step into and out, step back
// across a frame boundary, a gutter breakpoint, a runaway loop stopped, share links (and a
// malicious one that must stay inert) — checking what the page shows against the evmbox
// package run directly in Node. Screenshots go to www/test-results/ (not committed).
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { join, extname, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';

const here = dirname(fileURLToPath(import.meta.url));
const www = join(here, '../../www');
const require = createRequire(join(www, 'package.json'));
const { chromium } = require('playwright-core');
const { Evm } = require('../pkg-node/evmbox.js');
const shots = join(www, 'test-results');
await mkdir(shots, { recursive: true });

const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };
const dist = join(www, 'dist');
const server = createServer(async (req, res) => {
  const rel = req.url === '/' || req.url.startsWith('/#') ? 'index.html' : decodeURIComponent(req.url.split(/[?#]/)[0]);
  try {
    const body = await readFile(join(dist, rel));
    res.writeHead(200, { 'content-type': types[extname(rel)] ?? 'application/octet-stream',
      // As scripts/playground.sh serves it: cross-origin isolated, for 5 µs timers.
      'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' });
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
const results = [];
async function check(name, fn) {
  const t0 = performance.now();
  try {
    await fn();
    results.push(`ok   ${name} (${(performance.now() - t0).toFixed(0)} ms)`);
  } catch (e) {
    results.push(`FAIL ${name}: ${e.stack ?? e}`);
  }
}

async function openPage(width = 1280, height = 800, link = url) {
  const page = await browser.newPage({ viewport: { width, height } });
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('dialog', (d) => { page.errors.push(`dialog: ${d.message()}`); d.dismiss(); });
  await page.goto(link);
  await page.waitForSelector('#run:not([disabled])');
  return page;
}
const statusText = (page) => page.textContent('.status');
/** Clicks `selector` and waits for a new status matching `re`; returns it. */
async function clickFor(page, selector, re, timeout = 30000) {
  const before = await statusText(page);
  await page.click(selector);
  await page.waitForFunction(([src, old]) => {
    const t = document.querySelector('.status').textContent;
    return t !== old && new RegExp(src).test(t);
  }, [re.source, before], { timeout });
  return statusText(page);
}
async function waitStatus(page, re, timeout = 30000) {
  await page.waitForFunction((src) => new RegExp(src).test(document.querySelector('.status').textContent), re.source, { timeout });
  return statusText(page);
}
async function pick(page, name) {
  const value = await page.$eval('#examples', (s, n) => [...s.options].find((o) => o.textContent === n).value, name);
  await page.selectOption('#examples', value);
  await page.waitForTimeout(50);
}

// The recursive example, computed in Node with the package: the oracle for the page.
const MAIN = '0x00000000000000000000000000000000000c0de1';
function oracle(codeText, data, gas = 1_000_000n, steps = null) {
  const { assemble } = require('../pkg-node/evmbox.js');
  const evm = new Evm();
  evm.setCode(MAIN, assemble(codeText));
  if (steps === null) return evm.sendTransaction({ to: MAIN, data, gas }, { callTree: true });
  evm.begin({ to: MAIN, data, gas });
  for (let i = 0; i < steps; i++) evm.stepInto();
  return evm.frames();
}

await check('the page loads with an example and runs it', async () => {
  const page = await openPage();
  const first = await page.textContent('.cm-content');
  assert.match(first, /CALLDATALOAD/);
  assert.equal(await page.evaluate(() => crossOriginIsolated), true, 'served cross-origin isolated');
  const s = await clickFor(page, '#run', /^done/);
  const code = await page.evaluate(() => document.querySelector('.cm-content').innerText);
  const r = oracle(code, '0x' + (5).toString(16).padStart(64, '0'));
  assert.match(s, new RegExp(`gas ${r.gasUsed.toLocaleString('en')}`));
  const nodes = await page.$$eval('.tree .node', (ns) => ns.length);
  assert.equal(nodes, r.callTree.length);
  assert.equal(await page.$$eval('.icicle .bar', (b) => b.length), r.callTree.length);
  // The opcode profile of the whole run, then of one frame, equal the package's.
  const p = (() => {
    const { assemble } = require('../pkg-node/evmbox.js');
    const evm = new Evm();
    evm.setCode(MAIN, assemble(code));
    return evm.sendTransaction({ to: MAIN, data: '0x' + (5).toString(16).padStart(64, '0'), gas: 1_000_000n }, { profile: true }).profile;
  })();
  const rows = () => page.$$eval('.profile tbody tr', (tr) => tr.map((r) => [...r.children].slice(0, 3).map((c) => c.textContent)));
  const expect = (list) => list.map((x) => [x.name, x.count.toLocaleString('en'), x.gas.toLocaleString('en')]);
  assert.deepEqual(await rows(), expect(p.total));
  await page.click('.tree .leaf');
  assert.deepEqual(await rows(), expect(p.frames[r.callTree.length - 1]));
  await page.screenshot({ path: join(shots, 'run-1280.png'), fullPage: true });
  assert.deepEqual(page.errors, []);
  await page.close();
});

await check('step into a nested call, out again, and back across the frame boundary', async () => {
  const page = await openPage();
  const code = await page.evaluate(() => document.querySelector('.cm-content').innerText);
  const data = '0x' + (5).toString(16).padStart(64, '0');
  await page.click('#step-into'); // begins: before the first opcode
  let depth = 1;
  let n = 0;
  await waitStatus(page, /^step: depth 1, pc 0/);
  while (depth < 2) {
    const s = await clickFor(page, '#step-into', /^step/);
    n++;
    depth = Number(/depth (\d+)/.exec(s)[1]);
  }
  // The page's stack, storage and call stack equal the package's after the same steps.
  const frames = oracle(code, data, 1_000_000n, n);
  assert.equal(await page.$$eval('.calls tbody tr', (r) => r.length), frames.length);
  const shownStack = await page.$$eval('.stack li', (li) => li.map((x) => x.textContent));
  const short = (w) => '0x' + (w.replace(/^0x0*/, '') || '0');
  assert.deepEqual(shownStack, [...frames[1].stack].reverse().map(short));
  await page.screenshot({ path: join(shots, 'stepped-into.png'), fullPage: true });
  const out = await clickFor(page, '#step-out', /^step/);
  assert.match(out, /depth 1/);
  // Back in the caller: its memory (the callee's calldata, n - 1) and storage as the package
  // shows them after the same number of steps.
  const steps = Number(/step ([\d,]+)/.exec(out)[1].replace(/,/g, ''));
  const f = oracle(code, data, 1_000_000n, steps)[0];
  const shownMemory = await page.$$eval('.mem-row', (rows) => rows.map((r) => [...r.children].slice(1).map((c) => c.textContent).join('')).join(''));
  assert.equal('0x' + shownMemory, f.memory);
  const shownStorage = await page.$$eval('.state .kv tr', (rows) => rows.map((r) => r.textContent));
  assert.deepEqual(shownStorage.slice(0, Object.keys(f.storage).length),
    Object.entries(f.storage).map(([k, v]) => `${short(k)}${short(v.original)} → ${short(v.current)}`));
  assert.match(await clickFor(page, '#step-back', /^step/), /depth 2/);
  // The current line is marked in the editor.
  assert.equal(await page.$$eval('.cm-current-line', (l) => l.length), 1);
  assert.deepEqual(page.errors, []);
  await page.close();
});

await check('a gutter breakpoint stops continue on its line', async () => {
  const page = await openPage();
  // Line 3 holds `DUP1 DUP1 SSTORE`: click the breakpoint gutter beside it.
  const line = await page.locator('.cm-line').nth(2).boundingBox();
  const gutter = await page.locator('.cm-bp-gutter').boundingBox();
  await page.mouse.click(gutter.x + gutter.width / 2, line.y + line.height / 2);
  assert.equal(await page.$$eval('.cm-bp-gutter .cm-gutterElement .bp-dot', (d) => d.length), 2); // spacer + line 3
  assert.match(await clickFor(page, '#continue', /^breakpoint/), /depth 1, pc 2 DUP1/);
  assert.match(await clickFor(page, '#continue', /^breakpoint/), /depth 2, pc 2 DUP1/);
  await page.close();
});

await check('every example loads and runs', async () => {
  const page = await openPage();
  const names = await page.$$eval('#examples option', (o) => o.map((x) => x.textContent).filter((t) => t !== 'Examples…'));
  assert.ok(names.length >= 7);
  for (const name of names) {
    await pick(page, name);
    const s = await clickFor(page, '#run', /^done/, 60000);
    assert.match(s, /done: success/, `${name}: ${s} ${await page.textContent('.problem')}`);
    await page.screenshot({ path: join(shots, `example-${name.replace(/\W+/g, '-')}.png`), fullPage: true });
  }
  assert.deepEqual(page.errors, []);
  await page.close();
});

await check('breakpoints in another account\'s code and in deployed code, set in the frame-code view', async () => {
  const page = await openPage();
  // The proxy DELEGATECALLs the library: step until the library's frame runs.
  await pick(page, 'Proxy → library (DELEGATECALL)');
  let s = await clickFor(page, '#step-into', /^step: depth 1/);
  for (let i = 0; i < 30 && !/depth 2/.test(s); i++) s = await clickFor(page, '#step-into', /^step:/);
  assert.match(s, /^step: depth 2, pc 0 /);
  assert.equal(await page.isVisible('.framecode'), true);
  assert.match(await page.textContent('.framecode h2'), /^Code of 0x1111111111111111111111111111111111111111$/i);
  // Break at the library's SSTORE, then continue: the pause is there, at depth 2.
  const sstore = page.locator('.framecode-line', { hasText: 'SSTORE' }).first();
  const pc = Number(await sstore.getAttribute('data-pc'));
  await sstore.click();
  await page.waitForFunction((pc) => document.querySelector(`.framecode-line[data-pc="${pc}"] .framecode-bp`).textContent === '●', pc);
  s = await clickFor(page, '#continue', /^breakpoint:/);
  assert.match(s, new RegExp(`^breakpoint: depth 2, pc ${pc} SSTORE`));
  assert.equal(await page.getAttribute('.framecode-line.current', 'data-pc'), String(pc));
  // The ERC-20 example runs deployed solc code, which the editor (holding the initcode)
  // cannot map: the frame-code view shows it, and a breakpoint there stops continue.
  await pick(page, 'ERC-20 transfer (solc)');
  s = await clickFor(page, '#step-into', /^step: depth 1/);
  const callvalue = page.locator('.framecode-line', { hasText: 'CALLVALUE' }).first();
  const at = Number(await callvalue.getAttribute('data-pc'));
  await callvalue.click();
  s = await clickFor(page, '#continue', /^breakpoint:/);
  assert.match(s, new RegExp(`^breakpoint: depth 1, pc ${at} CALLVALUE`));
  await page.screenshot({ path: join(shots, 'framecode.png'), fullPage: true });
  assert.deepEqual(page.errors, []);
  await page.close();
});

await check('the fork selector changes the rules: CLZ exists from Osaka on', async () => {
  const page = await openPage();
  assert.equal(await page.$eval('select[aria-label="fork"]', (s) => s.value), 'osaka');
  await page.click('.cm-content');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('PUSH1 1 CLZ PUSH0 MSTORE PUSH1 32 PUSH0 RETURN');
  assert.match(await clickFor(page, '#run', /^done/), /^done: success/);
  await page.selectOption('select[aria-label="fork"]', 'cancun');
  assert.match(await clickFor(page, '#run', /^done/), /^done: halt/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

await check('an endless loop with 2^63 gas is stopped within 200 ms and the page stays usable', async () => {
  const page = await openPage();
  await page.click('.cm-content');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('top: JUMPDEST PUSH @top JUMP');
  // Cancun: Osaka caps a transaction at 2^24 gas (EIP-7825).
  await page.selectOption('select[aria-label="fork"]', 'cancun');
  for (const [label, value] of [['gas limit', String(2n ** 63n)], ['block gas limit', String(2n ** 64n - 1n)]]) {
    await page.fill(`input[aria-label="${label}"]`, value);
    await page.dispatchEvent(`input[aria-label="${label}"]`, 'change');
  }
  await page.click('#run');
  await waitStatus(page, /running… [\d,]+ opcodes/);
  await page.waitForTimeout(300);
  const t0 = Date.now();
  await page.click('#stop');
  await page.waitForFunction(() => /stopped after/.test(document.querySelector('.problem').textContent));
  const took = Date.now() - t0;
  console.log(`# stop took ${took} ms`);
  assert.ok(took < 200, `stop took ${took} ms`);
  await page.screenshot({ path: join(shots, 'stopped.png'), fullPage: true });
  await pick(page, 'Recursive call chain');
  assert.match(await clickFor(page, '#run', /^done/), /success/);
  await page.close();
});

await check('a share link reopens the session', async () => {
  const page = await openPage();
  await pick(page, 'CREATE2 factory');
  await page.click('#share');
  await waitStatus(page, /link copied/);
  const link = page.url();
  assert.match(link, /#s=/);
  const again = await openPage(1280, 800, link);
  assert.match(await again.textContent('.cm-content'), /CREATE2/);
  assert.match(await clickFor(again, '#run', /^done/), /success/);
  await again.close();
  await page.close();
});

await check('a malicious share link stays inert', async () => {
  const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
  const spec = { code: evil, deploy: false, data: evil, abi: '', fn: '', args: [], value: '0', gas: '1000000', from: '',
    block: { number: '1', time: '1', baseFeePerGas: '0', gasLimit: '30000000' },
    accounts: [{ address: evil, balance: evil, code: evil, storage: evil }], breakpoints: [1], opcodeBreaks: [evil],
    onEnter: false, onExit: false };
  const deflated = await new Response(new Blob([JSON.stringify(spec)]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer();
  const hash = Buffer.from(deflated).toString('base64url');
  const page = await openPage(1280, 800, `${url}#s=${hash}`);
  await page.click('#run');
  await page.waitForFunction(() => document.querySelector('.problem').textContent.length > 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.$$eval('img', (i) => i.length), 0);
  assert.match(await page.textContent('.cm-content'), /<img src=x/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

await check('load figures and per-step latency (measured, printed)', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const t0 = Date.now();
  await page.goto(url);
  await page.waitForSelector('#run:not([disabled])');
  const ready = Date.now() - t0;
  await clickFor(page, '#run', /^done/);
  const firstRun = Date.now() - t0;
  await clickFor(page, '#step-into', /^step/);
  const times = [];
  const latency = () => page.$eval('.status', (s) => Number(s.dataset.ms));
  for (let i = 0; i < 40; i++) {
    const s = await clickFor(page, '#step-into', /^(step|done)/);
    times.push(await latency());
    if (s.startsWith('done')) break;
  }
  times.sort((a, b) => a - b);
  const back = [];
  for (let i = 0; i < 10; i++) {
    await clickFor(page, '#step-back', /^step/);
    back.push(await latency());
  }
  back.sort((a, b) => a - b);
  console.log(`# page ready ${ready} ms, first run done ${firstRun} ms after navigation; step into: median ${times[times.length >> 1].toFixed(1)} ms, ` +
    `slowest ${times[times.length - 1].toFixed(1)} ms; step back: median ${back[5].toFixed(1)} ms (from the click to the state shown, in the page)`);
  await page.close();
});

await check('stepping back from the end of a 100,000-opcode session takes under 100 ms a step', async () => {
  const page = await openPage();
  await page.click('.cm-content');
  await page.keyboard.press('Control+a');
  // 2 + 14,285 rounds of 7 opcodes: 99,997 opcodes.
  await page.keyboard.type('PUSH2 14285 top: JUMPDEST PUSH1 1 SWAP1 SUB DUP1 PUSH @top JUMPI STOP');
  const end = await clickFor(page, '#continue', /^done/, 60000);
  assert.match(end, /99,997 opcodes|done/);
  const back = [];
  let s = '';
  for (let i = 0; i < 7; i++) {
    s = await clickFor(page, '#step-back', /^step/);
    back.push(await page.$eval('.status', (x) => Number(x.dataset.ms)));
  }
  // Seven steps back from the end: the JUMPI of the last round, and before it.
  assert.match(s, /step: depth 1, pc \d+ \w+ · step 99,990 /);
  back.sort((a, b) => a - b);
  console.log(`# step back at the end of a 99,997-opcode session: median ${back[3].toFixed(1)} ms, slowest ${back[6].toFixed(1)} ms`);
  assert.ok(back[6] < 100, `slowest step back ${back[6]} ms`);
  assert.deepEqual(page.errors, []);
  await page.close();
});

const profileRows = (page) => page.$$eval('.profile tbody tr', (tr) => tr.map((r) => [...r.children].map((c) => c.textContent)));
const sortRows = (rows) => [...rows].sort((a, b) => (a[0] < b[0] ? -1 : 1));

await check('time opcodes: a second run times each opcode, the whole run and per frame', async () => {
  const page = await openPage();
  await page.click('.cm-content');
  await page.keyboard.press('Control+a');
  // Hashing 64 KiB per round: thousands of times any other opcode's work here.
  await page.keyboard.type('PUSH1 8 top: JUMPDEST PUSH3 0x10000 PUSH0 KECCAK256 POP PUSH1 1 SWAP1 SUB DUP1 PUSH @top JUMPI STOP');
  await clickFor(page, '#run', /^done: success/);
  const before = await profileRows(page);
  assert.equal(before[0].length, 4, 'no time columns before timing');
  await clickFor(page, '.time-opcodes', /^opcodes timed:/);
  const rows = await profileRows(page);
  assert.deepEqual(await page.$$eval('.profile thead th', (h) => h.map((x) => x.textContent)),
    ['opcode', 'count', 'gas', 'share of gas', 'time', 'share of time']);
  assert.deepEqual(sortRows(rows).map((r) => r.slice(0, 4)), sortRows(before));
  assert.equal(rows[0][0], 'KECCAK256', 'sorted by time');
  const shares = rows.map((r) => parseFloat(r[5]));
  assert.ok(shares[0] > 90, `KECCAK256 ${shares[0]} %`);
  assert.ok(Math.abs(shares.reduce((a, b) => a + b, 0) - 100) < 0.1 * rows.length);
  assert.match(await page.textContent('.profile .note'), /measured again, (one run|the mean of [\d,]+ runs( \([^)]*\))?) of/);
  // The recursive example: a frame's rows are timed too.
  await pick(page, 'Recursive call chain');
  await clickFor(page, '#run', /^done/);
  // A short transaction: timed over many runs, so that even its last frame's 11 opcodes get
  // clock ticks.
  const timedStatus = await clickFor(page, '.time-opcodes', /^opcodes timed:/);
  const runs = Number(/timed: ([\d,]+) run/.exec(timedStatus)[1].replace(/,/g, ''));
  assert.ok(runs > 10, timedStatus);
  await page.click('.tree .leaf');
  const leaf = await profileRows(page);
  assert.ok(leaf.length > 0 && leaf.every((r) => r.length === 6 && /(ns|µs|ms)$/.test(r[4])));
  assert.ok(leaf.some((r) => parseFloat(r[5]) > 0), 'the frame has time');
  await page.screenshot({ path: join(shots, 'timed-profile.png'), fullPage: true });
  // Timing the heavy example can be stopped; the page stays usable.
  await pick(page, 'snailtracer (heavy: 166M gas)');
  await clickFor(page, '#run', /^done/, 60000);
  await page.click('.time-opcodes');
  await waitStatus(page, /running… [\d,]+ opcodes/);
  await page.click('#stop');
  await page.waitForFunction(() => /stopped after/.test(document.querySelector('.problem').textContent));
  await pick(page, 'Recursive call chain');
  // The world was reloaded: a new debugging session begins before the first opcode.
  assert.match(await clickFor(page, '#step-into', /^step/), /depth 1, pc 0/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

await check('replay a transaction of a node: fetched as it runs, stepped, run to the node\'s gas', async () => {
  // The fork tests' chain on anvil, on another origin than the page; the transaction is
  // Recursive.sum(6, 3): nested calls down to a frame that reverts, caught by its caller.
  const { startChain, nodeSteps } = await import('../js/chain.mjs');
  const { anvil, hashes } = await startChain();
  try {
    const hash = hashes[7 + 6];
    const receipt = await anvil.rpc('eth_getTransactionReceipt', [hash]);
    const steps = (await nodeSteps(anvil.rpc, hash)).length;
    const page = await openPage();
    await page.fill('#replay-url', anvil.url);
    await page.fill('#replay-hash', '0xnot-a-hash');
    await page.click('#replay-open');
    await page.waitForFunction(() => /32-byte hash/.test(document.querySelector('.problem').textContent));
    await page.fill('#replay-hash', hash);
    await page.selectOption('#replay-mode', 'prestate');
    const opened = await clickFor(page, '#replay-open', /^replaying/);
    assert.match(opened, /block 2, index 6, prestate mode/);
    assert.match(await page.textContent('#replay-note'), new RegExp(`holds ${hash}`));
    // Stepping (solc's prelude: PUSH1 0x80 PUSH1 0x40 MSTORE), shown in the frame-code view:
    // the code is the node's, not the editor's.
    const s1 = await clickFor(page, '#step-into', /^step: depth 1, pc 2 PUSH1 · step 1 /);
    assert.match(s1, /last step cost 3/);
    assert.ok(await page.isVisible('.framecode'), 'the frame-code view shows the contract');
    await clickFor(page, '#step-into', /^step: depth 1, pc 4 MSTORE · step 2 /);
    await page.screenshot({ path: join(shots, 'replay-1280.png'), fullPage: true });
    // Run on to the end: the node's gas, and the call tree of the four frames.
    const done = await clickFor(page, '#run', /^done/);
    assert.match(done, new RegExp(`${steps.toLocaleString('en')} opcodes`));
    assert.match(done, new RegExp(`gas ${Number(BigInt(receipt.gasUsed)).toLocaleString('en')}`));
    assert.equal(await page.$$eval('.tree .node', (n) => n.length), 4);
    // Timing replays it on a second fork (the node's answers cached): the same opcodes.
    const before = await profileRows(page);
    await clickFor(page, '.time-opcodes', /^opcodes timed:/);
    assert.deepEqual(sortRows(await profileRows(page)).map((r) => r.slice(0, 4)), sortRows(before));
    assert.match(await clickFor(page, '#step-back', /^step/), /depth 1/);
    // Editing the code ends the replay: the next run is the editor's again.
    await pick(page, 'Recursive call chain');
    await clickFor(page, '#run', /^done/);
    assert.equal(await page.textContent('#replay-note'), '');
    assert.deepEqual(page.errors, []);
    await page.close();
  } finally {
    anvil.stop();
  }
});

await check('usable at 390 px wide', async () => {
  const page = await openPage(390, 844);
  await clickFor(page, '#run', /^done/);
  await clickFor(page, '.time-opcodes', /^opcodes timed:/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow} px wider than the screen`);
  await page.screenshot({ path: join(shots, 'narrow-390.png'), fullPage: true });
  await page.close();
});

await browser.close();
server.close();
console.log(results.join('\n'));
const failed = results.filter((r) => r.startsWith('FAIL')).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
