// A page as a user would write it: import evmbox from npm, let the bundler handle the .wasm.
import init, { Evm, assemble, fork } from 'evmbox';

const out = document.getElementById('result');
try {
  await init();
  const evm = new Evm();
  const a = '0x' + 'aa'.repeat(20);
  const b = '0x' + 'bb'.repeat(20);
  evm.setAccount(b, { code: assemble('PUSH1 7 PUSH1 0 SSTORE STOP') });
  evm.setAccount(a, { code: assemble(`PUSH1 0 DUP1 DUP1 DUP1 DUP1 PUSH20 ${b} GAS CALL STOP`) });
  const r = evm.sendTransaction({ to: a }, { callTree: true, trace: true });
  out.textContent = JSON.stringify({
    status: r.status,
    gasUsed: String(r.gasUsed),
    frames: r.callTree.map((n) => `${n.type}@${n.depth}`),
    steps: r.trace.steps.length,
    slot: evm.getStorageAt(b, 0n),
    timed: r.callTree.every((n) => n.timeTotalMs >= 0),
  });
} catch (e) {
  out.textContent = 'error: ' + (e && e.message);
}

// With ?rpc=URL&txs=HASH,HASH…: replay those mined transactions from that node (another
// origin) with traces, in both modes, and step through the last one, as the README's fork
// example does; the test compares everything with the node's own.
const params = new URLSearchParams(location.search);
if (params.has('rpc')) {
  const el = document.getElementById('fork');
  try {
    await init();
    const f = await fork({ url: params.get('rpc'), retries: 1, retryDelayMs: 1 });
    const hashes = params.get('txs').split(',');
    const replays = [];
    for (const mode of ['prefix', 'prestate']) {
      for (const hash of hashes) {
        const { result, mode: used } = await f.replayTransaction(hash, { mode, trace: { limit: 1_000_000 } });
        replays.push({
          hash, mode: used, status: result.status, gasUsed: String(result.gasUsed), logs: result.logs,
          createdAddress: result.createdAddress ?? null,
          steps: result.trace.steps.map((s) => ({ pc: s.pc, opName: s.opName, gas: s.gas, gasCost: s.gasCost, depth: s.depth, stack: s.stack })),
        });
      }
    }
    const stepped = await f.replayTransaction(hashes.at(-1), { debug: true });
    let p;
    while ((p = await stepped.forked.stepInto()).reason !== 'done');
    el.textContent = JSON.stringify({ replays, stepped: { steps: p.steps, gasUsed: String(p.result.gasUsed) }, requests: f.stats.requests });
  } catch (e) {
    el.textContent = 'error: ' + (e && e.message);
  }
}
