// The paused execution: the call stack (one row per depth; click one to inspect it), and the
// selected frame's operand stack, memory, storage, transient storage, return data and input.
import type { FrameState } from 'evmbox';
import { el, fill, fmtGas, short } from '../dom';
import { MemoryView, fromHex } from './memory';

export class StateView {
  readonly root: HTMLElement;
  private calls = el('tbody');
  private stack = el('ol', { class: 'stack', reversed: '' });
  private storage = el('tbody');
  private transient = el('tbody');
  private returnData = el('code', { class: 'bytes' });
  private input = el('code', { class: 'bytes' });
  private logs = el('ol', { class: 'logs' });
  private memory = new MemoryView();
  private frames: FrameState[] = [];
  private selected = 0;
  /** Memory last shown per depth, to mark what a step changed. */
  private lastMemory = new Map<number, Uint8Array>();

  constructor() {
    this.root = el('section', { class: 'panel state', 'aria-label': 'execution state' },
      el('h2', {}, 'Call stack'),
      el('table', { class: 'calls' }, el('thead', {}, el('tr', {}, ...['depth', 'kind', 'address', 'pc', 'op', 'gas left'].map((h) => el('th', {}, h)))), this.calls),
      el('div', { class: 'cols' },
        el('div', {}, el('h2', {}, 'Stack (top first)'), this.stack),
        el('div', {}, el('h2', {}, 'Storage'), el('table', { class: 'kv' }, this.storage),
          el('h2', {}, 'Transient storage'), el('table', { class: 'kv' }, this.transient))),
      el('h2', {}, 'Memory'), this.memory.root,
      el('h2', {}, 'Return data'), this.returnData,
      el('h2', {}, 'Input'), this.input,
      el('h2', {}, 'Logs so far'), this.logs);
  }

  /** Shows the logs emitted so far (already rendered as items). */
  showLogs(items: HTMLElement[]) {
    fill(this.logs, ...(items.length ? items : [el('li', { class: 'muted' }, 'none')]));
  }

  show(frames: FrameState[]) {
    this.root.hidden = false;
    const prevDepth = this.frames.length;
    this.frames = frames;
    if (this.selected >= frames.length || frames.length !== prevDepth) this.selected = frames.length - 1;
    fill(this.calls, ...frames.map((f, i) => {
      const row = el('tr', { class: i === this.selected ? 'selected' : '', tabindex: '0' },
        el('td', {}, String(f.depth)), el('td', {}, f.kind), el('td', { class: 'addr' }, f.address),
        el('td', {}, String(f.pc)), el('td', {}, f.opName), el('td', {}, fmtGas(f.gasLeft)));
      row.addEventListener('click', () => { this.selected = i; this.show(this.frames); });
      return row;
    }));
    this.detail();
  }

  clear() {
    this.root.hidden = true;
    this.frames = [];
    this.lastMemory.clear();
    fill(this.calls);
    fill(this.stack);
    fill(this.storage);
    fill(this.transient);
    this.returnData.textContent = '';
    this.input.textContent = '';
    this.memory.show('0x', null);
  }

  private detail() {
    const f = this.frames[this.selected];
    if (!f) return this.clear();
    fill(this.stack, ...[...f.stack].reverse().map((w) => el('li', {}, short(w))));
    fill(this.storage, ...Object.entries(f.storage).map(([k, v]) =>
      el('tr', {}, el('td', {}, short(k)), el('td', {}, `${short(v.original)} → ${short(v.current)}`))));
    fill(this.transient, ...Object.entries(f.transientStorage).map(([k, v]) => el('tr', {}, el('td', {}, short(k)), el('td', {}, short(v)))));
    this.returnData.textContent = typeof f.returnData === 'string' ? f.returnData : `${f.returnData.length} bytes`;
    this.input.textContent = typeof f.input === 'string' ? f.input : `${f.input.length} bytes`;
    const mem = typeof f.memory === 'string' ? fromHex(f.memory) : f.memory;
    this.memory.show(mem, this.lastMemory.get(f.depth) ?? null);
    this.lastMemory.set(f.depth, mem);
  }
}
