// The code of the frame the debugger is in, when the editor does not hold it: another
// account's code (a library, a callee) or the deployed code of a contract created by the
// session. Shown disassembled, the current instruction marked; clicking an instruction sets
// or clears a breakpoint at that pc in that account's code.
import { el, fill } from '../dom';

export interface CodeLine { pc: number; text: string }

export class FrameCodeView {
  readonly root: HTMLElement;
  private title = el('h2', {});
  private list = el('div', { class: 'framecode-lines', role: 'list' });
  /** Called with (address, pc) when an instruction is clicked. */
  onToggle: (address: string, pc: number) => void = () => {};

  constructor() {
    this.root = el('section', { class: 'panel framecode', 'aria-label': 'frame code', hidden: '' },
      this.title, el('p', { class: 'hint' }, 'Click an instruction to break there.'), this.list);
  }

  hide() {
    this.root.hidden = true;
  }

  show(address: string, lines: CodeLine[], pc: number, breaks: Set<number>) {
    this.root.hidden = false;
    this.title.textContent = `Code of ${address}`;
    let current: HTMLElement | null = null;
    fill(this.list, ...lines.map((l) => {
      const row = el('div', { class: 'framecode-line', role: 'listitem', 'data-pc': String(l.pc), title: `pc ${l.pc}` },
        el('span', { class: 'framecode-bp' }, breaks.has(l.pc) ? '●' : ''),
        el('span', { class: 'framecode-pc' }, l.pc.toString(16).padStart(4, '0')),
        el('span', {}, l.text));
      if (l.pc === pc) {
        row.classList.add('current');
        current = row;
      }
      row.addEventListener('click', () => this.onToggle(address, l.pc));
      return row;
    }));
    (current as HTMLElement | null)?.scrollIntoView({ block: 'nearest' });
  }
}
