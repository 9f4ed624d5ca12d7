// A finished run: status, gas, output, revert reason, logs (decoded when an ABI is known),
// and downloads of the EIP-3155 trace and the call tree.
import { decodeEventLog, decodeFunctionResult, type Abi, type Hex } from 'viem';
import type { CallResult, Log } from 'evmbox';
import { el, fill, fmtGas, fmtMs, download } from '../dom';
import { abiOf } from '../abi';

/** Logs as list items, decoded with the ABI when they are among its events. */
export function logItems(logs: Log[], abi: Abi | null): HTMLElement[] {
  return logs.map((l, i) => {
    let text = `${l.address} topics ${l.topics.join(', ') || '—'} data ${typeof l.data === 'string' ? l.data : l.data.length + ' bytes'}`;
    if (abi) {
      try {
        const d = decodeEventLog({ abi, topics: l.topics as [Hex, ...Hex[]], data: l.data as Hex });
        text = `${d.eventName}(${Object.entries(d.args ?? {}).map(([k, v]) => `${k}: ${String(v)}`).join(', ')}) at ${l.address}`;
      } catch { /* not one of the ABI's events */ }
    }
    return el('li', {}, `#${i} ${text}`);
  });
}

export class ResultView {
  readonly root = el('section', { class: 'panel result', 'aria-label': 'result' });

  clear() {
    fill(this.root);
  }

  show(r: CallResult, ms: number, steps: number, abi: string, fn: string) {
    const parsed = abiOf(abi);
    const out = typeof r.output === 'string' ? r.output : `${r.output.length} bytes`;
    let decoded: string | null = null;
    if (parsed && fn && r.status === 'success' && typeof r.output === 'string') {
      try {
        decoded = String(decodeFunctionResult({ abi: parsed, functionName: fn, data: r.output as Hex }));
      } catch { decoded = null; }
    }
    const why = r.status === 'revert' ? (r.revertReason ? `reverted: ${r.revertReason}` : 'reverted')
      : r.status === 'halt' ? `halted: ${r.haltReason}` : 'success';
    const logs = logItems(r.logs, parsed);
    const trace = el('button', { type: 'button' }, 'Download trace (JSONL)');
    trace.addEventListener('click', () => download('trace.jsonl', r.trace?.jsonl ?? '', 'application/jsonl'));
    const tree = el('button', { type: 'button' }, 'Download call tree (JSON)');
    tree.addEventListener('click', () => download('calltree.json', JSON.stringify(r.callTree, (_, v) => (typeof v === 'bigint' ? '0x' + v.toString(16) : v), 1)));
    fill(this.root,
      el('h2', {}, 'Result'),
      el('p', { class: `outcome ${r.status}` }, why),
      el('dl', {},
        el('dt', {}, 'gas used'), el('dd', {}, fmtGas(r.gasUsed)),
        el('dt', {}, 'opcodes'), el('dd', {}, steps.toLocaleString('en')),
        el('dt', {}, 'wall time'), el('dd', {}, fmtMs(ms)),
        el('dt', {}, 'output'), el('dd', {}, el('code', { class: 'bytes' }, out)),
        decoded !== null && el('dt', {}, 'decoded'), decoded !== null && el('dd', {}, decoded),
        r.createdAddress && el('dt', {}, 'created'), r.createdAddress && el('dd', {}, r.createdAddress)),
      el('h2', {}, `Logs (${r.logs.length})`), el('ol', { class: 'logs' }, ...logs),
      r.trace?.truncated ? el('p', { class: 'muted' }, `trace: first ${r.trace.steps.length} steps kept`) : null,
      el('div', { class: 'row' }, trace, tree));
  }
}
