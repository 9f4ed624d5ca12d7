// After a run: the per-opcode profile (count, gas, share of the gas) for the whole run, or for
// the frame picked in the call tree; once timed (a second run that reads the clock around
// every opcode), also the time and share of time of each opcode, sorted by time.
import type { Profile, CallNode, OpcodeStats } from 'evmbox';
import { statsKey, type Timed } from '../protocol';
import { el, fill, fmtGas, fmtMs } from '../dom';

const pct = (part: number, whole: number) => (whole > 0 ? `${((100 * part) / whole).toFixed(2)} %` : '—');

export class ProfileView {
  readonly root: HTMLElement;
  /** Asks for the timing run; resolves to the timed profile. */
  onTime: () => void = () => {};
  readonly timeButton = el('button', { type: 'button', class: 'time-opcodes',
    title: 'Runs the transaction again, reading the clock around every opcode (several times slower)' }, 'Time opcodes');
  private title = el('h2', {}, 'Opcode profile');
  private note = el('p', { class: 'note' });
  private head = el('tr');
  private body = el('tbody');
  private profile: Profile | null = null;
  private nodes: CallNode[] = [];
  private frame: number | null = null;

  constructor() {
    this.root = el('section', { class: 'panel profile', 'aria-label': 'opcode profile' },
      el('div', { class: 'row' }, this.title, this.timeButton), this.note,
      el('table', {}, el('thead', {}, this.head), this.body));
    this.timeButton.addEventListener('click', () => this.onTime());
    this.root.hidden = true;
  }

  show(profile: Profile | undefined, nodes: CallNode[]) {
    this.profile = profile ?? null;
    this.nodes = nodes;
    this.root.hidden = !profile;
    this.note.textContent = '';
    this.select(null);
  }

  /** Shows the timed profile of the same transaction; its counts must be the ones shown. */
  timed({ profile: p, runs, disturbed, ms: runMs }: Timed) {
    const key = (rows: OpcodeStats[]) => rows.map(statsKey).sort().join(',');
    if (!this.profile || key(p.total) !== key(this.profile.total)) {
      throw new Error('the timing run ran other opcodes than the run shown: run it again');
    }
    this.profile = p;
    const ms = p.total.reduce((s, r) => s + Math.max(0, r.timeMs ?? 0), 0);
    const clock = self.crossOriginIsolated ? '5 µs' : '100 µs';
    const left = disturbed ? ` (${disturbed.toLocaleString('en')} more left out: far slower than the median run, so disturbed)` : '';
    const many = runs > 1 ? `the mean of ${runs.toLocaleString('en')} runs${left}` : 'one run';
    this.note.textContent = `Time: the engine's, from each opcode's start to the next one's (a call's includes entering ` +
      `its frame, a frame's last opcode leaving it), ${fmtMs(ms)} in all; measured again, ${many} of ${fmtMs(runMs)} ` +
      `reading the clock (${clock} resolution) around every opcode, the clock's own cost taken off.`;
    this.select(this.frame);
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
    this.frame = i;
    const timed = p.total.some((r) => r.timeMs !== undefined);
    const rows = [...(i === null ? p.total : p.frames[i] ?? [])];
    if (timed) rows.sort((a, b) => (b.timeMs ?? 0) - (a.timeMs ?? 0) || Number(b.gas - a.gas));
    const n = i === null ? null : this.nodes[i];
    this.title.textContent = n ? `Opcode profile: frame ${i} (${n.type} ${n.to}, depth ${n.depth})` : 'Opcode profile: whole run';
    const gas = Number(rows.reduce((s, r) => s + r.gas, 0n));
    // An estimate below zero (an opcode cheaper than the clock's noise) shows as zero.
    const t = (r: OpcodeStats) => Math.max(0, r.timeMs ?? 0);
    const ms = rows.reduce((s, r) => s + t(r), 0);
    const cols = ['opcode', 'count', 'gas', 'share of gas', ...(timed ? ['time', 'share of time'] : [])];
    fill(this.head, ...cols.map((h) => el('th', {}, h)));
    fill(this.body, ...rows.map((r) => el('tr', {}, el('td', {}, r.name), el('td', {}, r.count.toLocaleString('en')),
      el('td', {}, fmtGas(r.gas)), el('td', {}, pct(Number(r.gas), gas)),
      ...(timed ? [el('td', {}, fmtMs(t(r))), el('td', {}, pct(t(r), ms))] : []))));
  }
}
