// After a run: the call tree as a collapsible tree and as an icicle chart (width = wall time,
// or gas), each frame with gas and time, total and self.
import type { CallNode } from 'evmbox';
import { el, fill, fmtGas, fmtMs } from '../dom';

export class CallTreeView {
  readonly root: HTMLElement;
  private tree = el('div', { class: 'tree' });
  private chart = el('div', { class: 'icicle', role: 'img', 'aria-label': 'icicle chart of the call tree' });
  private by: 'time' | 'gas' = 'time';
  private nodes: CallNode[] = [];
  /** A frame was picked (click on its row or bar); null: the whole run. */
  onSelect: (i: number | null) => void = () => {};

  constructor() {
    const pick = el('select', { 'aria-label': 'chart width by' }, el('option', { value: 'time' }, 'width: wall time'), el('option', { value: 'gas' }, 'width: gas'));
    pick.addEventListener('change', () => { this.by = pick.value as 'time' | 'gas'; this.drawChart(); });
    this.root = el('section', { class: 'panel calltree', 'aria-label': 'call tree' },
      el('h2', {}, 'Call tree'), this.tree, el('div', { class: 'row' }, el('h2', {}, 'Icicle'), pick), this.chart);
  }

  show(nodes: CallNode[]) {
    this.nodes = nodes;
    fill(this.tree, nodes.length ? this.branch(0) : el('p', { class: 'muted' }, 'no frames'));
    this.drawChart();
  }

  clear() {
    this.nodes = [];
    fill(this.tree);
    fill(this.chart);
  }

  private label(n: CallNode) {
    const err = n.error ? ` — ${n.error}${n.revertReason ? `: ${n.revertReason}` : ''}` : '';
    return `${n.type} ${n.to} · gas ${fmtGas(n.gasUsed)} / ${fmtGas(n.gas)} · ${fmtMs(n.timeTotalMs)} total, ${fmtMs(n.timeSelfMs)} self · ${n.opcodes} ops${err}`;
  }

  private branch(i: number): HTMLElement {
    const n = this.nodes[i];
    const cls = `node ${n.status}`;
    const pickMe = (e: Event) => { if ((e as MouseEvent).detail <= 1) this.onSelect(i); };
    if (!n.children.length) {
      const leaf = el('div', { class: cls + ' leaf', tabindex: '0' }, this.label(n));
      leaf.addEventListener('click', pickMe);
      return leaf;
    }
    const summary = el('summary', { class: cls }, this.label(n));
    summary.addEventListener('click', pickMe);
    const d = el('details', { open: '' }, summary);
    for (const c of n.children) d.append(this.branch(c));
    return d;
  }

  private drawChart() {
    const n = this.nodes;
    if (!n.length) return fill(this.chart);
    const size = (x: CallNode) => (this.by === 'time' ? Math.max(x.timeTotalMs, 1e-6) : Math.max(Number(x.gasUsed), 1));
    const maxDepth = Math.max(...n.map((x) => x.depth));
    const bars: HTMLElement[] = [];
    // Lay out children inside their parent's span, in order, proportional to their size.
    const place = (i: number, left: number, width: number) => {
      const x = n[i];
      const bar = el('div', { class: `bar ${x.status}`, title: this.label(x) }, width > 4 ? `${x.type} ${x.to.slice(0, 8)}…` : '');
      bar.addEventListener('click', () => this.onSelect(i));
      Object.assign(bar.style, { left: `${left}%`, width: `${width}%`, top: `${(x.depth - 1) * 22}px` });
      bars.push(bar);
      const total = x.children.reduce((s, c) => s + size(n[c]), 0);
      const scale = total > size(x) ? width / total : width / size(x);
      let at = left;
      for (const c of x.children) {
        const w = size(n[c]) * scale;
        place(c, at, w);
        at += w;
      }
    };
    place(0, 0, 100);
    this.chart.style.height = `${maxDepth * 22}px`;
    fill(this.chart, ...bars.slice(0, 5000));
  }
}
