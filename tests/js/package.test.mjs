// Packs the npm package, installs the tarball into a fresh folder, and uses it exactly as a
// user would: ESM import in Node 20, the README's example, types without `any`.
// Needs pkg-node and pkg-web built (scripts/build-pkg.sh). Run: node --test tests/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAnvil } from './anvil.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const run = (cmd, args, cwd, env) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });

let dir;
test.before(() => {
  dir = mkdtempSync(join(tmpdir(), 'evmbox-pkg-'));
  const tarball = run('npm', ['pack', '--pack-destination', dir, '--silent'], root).trim().split('\n').pop();
  run('npm', ['init', '-y'], dir);
  run('npm', ['pkg', 'set', 'type=module'], dir);
  run('npm', ['install', '--no-audit', '--no-fund', '--offline', join(dir, tarball)], dir);
});
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('every README example runs as written', async () => {
  // viem, for the ABI example, as a user would have it: beside evmbox in node_modules.
  symlinkSync(join(root, 'node_modules/viem'), join(dir, 'node_modules/viem'), 'dir');
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const examples = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  const expected = [
    [/success 0x0+2a 21018n/, /steps 6/],
    [/bump 5n 43768n/, /count 5n/],
    [/during the test 1n/, /after revert 0n/, /gas needed 43126n/],
    [/breakpoint 2 \[/, /'0xaAaAaAaaAaAaAaaAaAAAAAAAAaaaAaAaAaaAaaAa'/, /"type": "CALL"/, /"calls": \[/, /"gasUsed": "0x5659"/],
    [/success 21000n 1/, /steps 0/],
  ];
  // The fork example replays a transaction of a real node: anvil, with one transfer mined.
  const anvil = await startAnvil();
  const [from, to] = await anvil.rpc('eth_accounts');
  const hash = await anvil.rpc('eth_sendTransaction', [{ from, to, value: '0x1' }]);
  const env = { RPC_URL: anvil.url, TX_HASH: hash };
  assert.equal(examples.length, expected.length, 'one expectation per example');
  examples.forEach((code, i) => {
    writeFileSync(join(dir, `readme${i}.mjs`), code);
    const out = run('node', [`readme${i}.mjs`], dir, env);
    for (const re of expected[i]) assert.match(out, re, `example ${i}`);
  });
  anvil.stop();
});

test('import in Node: run, step, trace, call tree, errors', () => {
  writeFileSync(join(dir, 'use.mjs'), `
    import init, { Evm, assemble, disassemble, DEFAULT_SENDER } from 'evmbox';
    await init();
    const evm = new Evm({ block: { number: 10n } });
    const a = '0x' + 'aa'.repeat(20), b = '0x' + 'bb'.repeat(20);
    evm.setAccount(b, { code: assemble('NUMBER PUSH1 0 SSTORE STOP') });
    evm.setAccount(a, { code: assemble('PUSH1 0 DUP1 DUP1 DUP1 DUP1 PUSH20 ' + b + ' GAS CALL STOP') });
    const r = evm.sendTransaction({ to: a }, { callTree: true, trace: { limit: 3 } });
    const out = {
      status: r.status,
      tree: r.callTree.map(n => n.type + '@' + n.depth + ':' + n.status),
      sender: r.callTree[0].from === DEFAULT_SENDER,
      gasIsBigint: typeof r.gasUsed === 'bigint',
      truncated: r.trace.truncated,
      steps: r.trace.steps.length,
      slot: evm.getStorageAt(b, 0n),
      dis: disassemble(assemble('PUSH1 1')).map(i => i.name),
    };
    evm.begin({ to: a });
    evm.setBreakpoints([{ on: 'enter' }]);
    const p = evm.continue();
    out.pausedAt = p.depth + ':' + evm.frames()[1].opName;
    out.finished = evm.continue().reason;
    try { evm.call({ to: 'nope' }); } catch (e) { out.error = e instanceof Error && e.message; }
    console.log(JSON.stringify(out));
  `);
  const out = JSON.parse(run('node', ['use.mjs'], dir));
  assert.deepEqual(out, {
    status: 'success',
    tree: ['CALL@1:success', 'CALL@2:success'],
    sender: true,
    gasIsBigint: true,
    truncated: true,
    steps: 3,
    slot: '0x' + '0'.repeat(63) + 'a',
    dis: ['PUSH1'],
    pausedAt: '2:NUMBER',
    finished: 'done',
    error: 'request.to: "nope" is not 0x-prefixed',
  });
});

test('types are shipped and precise', () => {
  const dts = readFileSync(join(dir, 'node_modules/evmbox/pkg-web/evmbox.d.ts'), 'utf8');
  assert.match(dts, /call\(request: TransactionRequest, opts\?: RunOptions \| null\): CallResult;/);
  assert.match(readFileSync(join(dir, 'node_modules/evmbox/js/index.d.ts'), 'utf8'), /DEFAULT_SENDER: `0x\$\{string\}`/);
  // The API has no `any`; wasm-bindgen's InitOutput (raw wasm exports) is internal.
  const api = dts.replace(/\/\*[\s\S]*?\*\//g, '').replace(/export interface InitOutput \{[\s\S]*?\n\}/, '');
  assert.doesNotMatch(api, /\bany\b/);
  assert.ok(readFileSync(join(dir, 'node_modules/evmbox/js/index.d.ts'), 'utf8').includes('pkg-web'));
});
