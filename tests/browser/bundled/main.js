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

// With ?rpc=URL&tx=HASH: replay a mined transaction from that node (another origin), step by
// step, as the README's fork example does.
const params = new URLSearchParams(location.search);
if (params.has('rpc')) {
  const el = document.getElementById('fork');
  try {
    await init();
    const f = await fork({ url: params.get('rpc'), retries: 1, retryDelayMs: 1 });
    const { result, forked } = await f.replayTransaction(params.get('tx'), { mode: 'prestate', trace: true });
    const stepped = await f.replayTransaction(params.get('tx'), { debug: true });
    let p;
    while ((p = await stepped.forked.stepInto()).reason !== 'done');
    el.textContent = JSON.stringify({ status: result.status, gasUsed: String(result.gasUsed), traceSteps: result.trace.steps.length, steppedGas: String(p.result.gasUsed), steps: p.steps, requests: forked.stats.requests });
  } catch (e) {
    el.textContent = 'error: ' + (e && e.message);
  }
}
