// anvil (from npm, offline), started on a free loopback port for a test and stopped after it.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
// The binary comes in the platform's optional dependency of @foundry-rs/anvil.
const ARCH = { x64: 'amd64', arm64: 'arm64' }[process.arch] ?? process.arch;
const EXE = process.platform === 'win32' ? 'anvil.exe' : 'anvil';
const BIN = join(root, `node_modules/@foundry-rs/anvil-${process.platform}-${ARCH}/bin/${EXE}`);

const freePort = () => new Promise((resolve) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
});

/** Starts anvil with `args` (beside host and port); resolves once it answers, to
 * `{ url, rpc(method, params), stop() }`. */
export async function startAnvil(args = []) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(BIN, ['--host', '127.0.0.1', '--port', String(port), '--silent', ...args], { stdio: 'ignore' });
  let spawnError = null;
  child.on('error', (e) => { spawnError = e; });
  const rpc = async (method, params = []) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
    const v = await res.json();
    if (v.error) throw new Error(`${method}: ${JSON.stringify(v.error)}`);
    return v.result;
  };
  for (let i = 0; ; i++) {
    try { await rpc('eth_chainId'); break; } catch (e) {
      if (i > 100 || child.exitCode !== null || spawnError) {
        child.kill();
        throw new Error(`anvil (${BIN}) did not start: ${(spawnError ?? e).message} (npm ci installs it)`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { url, rpc, stop: () => child.kill() };
}
