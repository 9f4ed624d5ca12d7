// The "Replay a transaction" panel: a JSON-RPC URL and a transaction hash; Open forks the node
// at the state before the transaction's block and opens the transaction in the debugger.
import { el } from '../dom';

export interface ReplayRequest {
  url: string;
  hash: string;
  mode: 'prefix' | 'prestate';
}

export class ReplayView {
  readonly root: HTMLElement;
  private url = el('input', { 'aria-label': 'RPC URL', id: 'replay-url', value: 'http://127.0.0.1:8545', spellcheck: 'false' }) as HTMLInputElement;
  private hash = el('input', { 'aria-label': 'transaction hash', id: 'replay-hash', placeholder: '0x… (a mined transaction)', spellcheck: 'false' }) as HTMLInputElement;
  private mode = el('select', { 'aria-label': 'replay mode', id: 'replay-mode' },
    el('option', { value: 'prefix' }, "after the block's earlier transactions"),
    el('option', { value: 'prestate' }, "from the node's prestateTracer")) as HTMLSelectElement;
  readonly open = el('button', { type: 'button', id: 'replay-open', title: 'Fork the node and open the transaction in the debugger' }, 'Open') as HTMLButtonElement;
  private note = el('p', { class: 'note', id: 'replay-note' });
  onOpen: (r: ReplayRequest) => void = () => {};

  constructor() {
    this.open.addEventListener('click', () => this.onOpen({
      url: this.url.value.trim(), hash: this.hash.value.trim(), mode: this.mode.value as ReplayRequest['mode'],
    }));
    this.root = el('section', { class: 'panel replay', 'aria-label': 'replay a transaction' },
      el('h2', {}, 'Replay a transaction'),
      el('div', { class: 'fields' },
        el('label', {}, el('span', {}, 'RPC URL'), this.url),
        el('label', {}, el('span', {}, 'transaction'), this.hash),
        el('label', {}, el('span', {}, 'state'), this.mode)),
      el('div', { class: 'row' }, this.open), this.note);
  }

  /** Says which transaction the debugger holds (empty: the editor's session again). */
  showOpen(text: string) {
    this.note.textContent = text;
  }
}
