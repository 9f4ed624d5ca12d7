// After a run: the per-opcode profile (count, gas, share of the gas) for the whole run, or for
// the frame picked in the call tree.
import type { Profile, CallNode } from 'evmbox';
import { el, fill, fmtGas } from '../dom';

export class ProfileView {
  readonly root: HTMLElement;
  private title = el('h2', {}, 'Opcode profile');
  private body = el('tbody');
  private profile: Profile | null = null;
  private nodes: CallNode[] = [];

  constructor() {
    this.root = el('section', { class: 'panel profile', 'aria-label': 'opcode profile' }, this.title,
      el('table', {}, el('thead', {}, el('tr', {}, ...['opcode', 'count', 'gas', 'share of gas'].map((h) => el('th', {}, h)))), this.body));
    this.root.hidden = true;
  }

  show(profile: Profile | undefined, nodes: CallNode[]) {
    this.profile = profile ?? null;
    this.nodes = nodes;
    this.root.hidden = !profile;
    this.select(null);
  }

  clear() {
    this.profile = null;
    this.root.hidden = true;
    fill(this.body);
  }

  /** Shows frame `i` (null: the whole run). */
  select(i: number | null) {
    const p = this.profile;
    if (!p) return;
    const rows = i === null ? p.total : p.frames[i] ?? [];
    const n = i === null ? null : this.nodes[i];
    this.title.textContent = n ? `Opcode profile: frame ${i} (${n.type} ${n.to}, depth ${n.depth})` : 'Opcode profile: whole run';
    const gas = rows.reduce((s, r) => s + r.gas, 0n);
    fill(this.body, ...rows.map((r) => el('tr', {}, el('td', {}, r.name), el('td', {}, r.count.toLocaleString('en')),
      el('td', {}, fmtGas(r.gas)), el('td', {}, gas ? `${(Number((r.gas * 10000n) / gas) / 100).toFixed(2)} %` : '—'))));
  }
}
