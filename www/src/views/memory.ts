// Memory as a hex dump, 16 bytes a row, virtualised: only the rows in view are in the DOM, so
// a megabyte of memory costs what a screenful does. Bytes that changed since the last step
// shown (for the same frame) are marked.
import { el } from '../dom';

const ROW = 16;
const ROW_PX = 18;

export class MemoryView {
  readonly root: HTMLElement;
  private spacer: HTMLElement;
  private rows: HTMLElement;
  private bytes: Uint8Array = new Uint8Array(0);
  private changed = new Set<number>();

  constructor() {
    this.spacer = el('div', { class: 'mem-spacer' });
    this.rows = el('div', { class: 'mem-rows' });
    this.root = el('div', { class: 'memory', tabindex: '0', 'aria-label': 'memory' }, this.spacer, this.rows);
    this.root.addEventListener('scroll', () => this.render());
  }

  /** Shows `hex` (0x…), marking the bytes that differ from `previous`. */
  show(hex: string | Uint8Array, previous: Uint8Array | null) {
    this.bytes = typeof hex === 'string' ? fromHex(hex) : hex;
    this.changed = new Set();
    if (previous) {
      const n = Math.max(previous.length, this.bytes.length);
      for (let i = 0; i < n; i++) if (previous[i] !== this.bytes[i]) this.changed.add(i);
    }
    this.spacer.style.height = `${Math.ceil(this.bytes.length / ROW) * ROW_PX}px`;
    const first = this.changed.size ? Math.min(...this.changed) : -1;
    if (first >= 0) {
      const top = Math.floor(first / ROW) * ROW_PX;
      if (top < this.root.scrollTop || top > this.root.scrollTop + this.root.clientHeight - ROW_PX) this.root.scrollTop = top;
    }
    this.render();
  }

  get data() {
    return this.bytes;
  }

  private render() {
    const total = Math.ceil(this.bytes.length / ROW);
    const from = Math.max(0, Math.floor(this.root.scrollTop / ROW_PX) - 2);
    const to = Math.min(total, from + Math.ceil((this.root.clientHeight || 300) / ROW_PX) + 4);
    const out: HTMLElement[] = [];
    for (let r = from; r < to; r++) {
      const cells: (HTMLElement | string)[] = [el('span', { class: 'mem-off' }, (r * ROW).toString(16).padStart(6, '0'))];
      for (let i = r * ROW; i < Math.min((r + 1) * ROW, this.bytes.length); i++) {
        const b = this.bytes[i].toString(16).padStart(2, '0');
        cells.push(this.changed.has(i) ? el('span', { class: 'mem-changed' }, b) : el('span', {}, b));
      }
      const row = el('div', { class: 'mem-row' }, ...cells);
      row.style.top = `${r * ROW_PX}px`;
      out.push(row);
    }
    this.rows.replaceChildren(...out);
    if (total === 0) this.rows.replaceChildren(el('div', { class: 'muted' }, 'empty'));
  }
}

export function fromHex(hex: string): Uint8Array {
  const h = hex.startsWith('0x') ? hex.slice(2) : hex;
  const out = new Uint8Array(h.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.substr(i * 2, 2), 16);
  return out;
}
