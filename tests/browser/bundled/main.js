// A page as a user would write it: import evmbox from npm, let the bundler handle the .wasm.
import init, { Evm, assemble } from 'evmbox';

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
