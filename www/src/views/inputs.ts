// The run's inputs: calldata (raw, or a function and its arguments when the code has an ABI),
// the fork, value, gas, sender, block fields, extra accounts, and breakpoints beyond the
// gutter's.
import { encodeFunctionData, type Abi } from 'viem';
import type { SessionSpec, AccountSpec } from '../protocol';
import { el, fill } from '../dom';
import { abiOf } from '../abi';

/** The forks the package implements, newest (mainnet's) first. */
const FORKS: [string, string][] = [['osaka', 'Osaka (mainnet)'], ['prague', 'Prague'], ['cancun', 'Cancun']];

export class InputsView {
  readonly root: HTMLElement;
  private spec!: SessionSpec;
  private fields = el('div', { class: 'fields' });
  private accounts = el('div', { class: 'accounts' });
  onChange: () => void = () => {};

  constructor() {
    const add = el('button', { type: 'button' }, '+ account');
    add.addEventListener('click', () => {
      this.spec.accounts.push({ address: '0x' + (this.spec.accounts.length + 0xa1).toString(16).padStart(40, '0'), balance: '0', code: 'STOP', storage: '' });
      this.render();
      this.onChange();
    });
    this.root = el('section', { class: 'panel inputs', 'aria-label': 'inputs' },
      el('h2', {}, 'Transaction'), this.fields, el('div', { class: 'row' }, el('h2', {}, 'Accounts'), add), this.accounts);
  }

  show(spec: SessionSpec) {
    this.spec = spec;
    this.render();
  }

  /** The calldata the inputs describe (throws with a plain message when they are wrong). */
  calldata(): string {
    const s = this.spec;
    if (!s.abi || !s.fn) return s.data.trim() || '0x';
    const abi = JSON.parse(s.abi) as Abi;
    const fn = abi.find((x) => x.type === 'function' && x.name === s.fn);
    if (!fn || fn.type !== 'function') throw new Error(`no function ${s.fn} in the ABI`);
    const args = fn.inputs.map((inp, i) => {
      const v = (s.args[i] ?? '').trim();
      if (inp.type.startsWith('uint') || inp.type.startsWith('int')) return BigInt(v || '0');
      if (inp.type === 'bool') return v === 'true';
      return v;
    });
    return encodeFunctionData({ abi, functionName: s.fn, args });
  }

  private input(label: string, value: string, set: (v: string) => void, attrs: Record<string, string> = {}) {
    const i = el('input', { value, 'aria-label': label, spellcheck: 'false', ...attrs });
    i.addEventListener('change', () => { set(i.value); this.onChange(); });
    return el('label', {}, el('span', {}, label), i);
  }

  private render() {
    const s = this.spec;
    const rows: HTMLElement[] = [];
    const abi = abiOf(s.abi);
    const fns = abi ? abi.filter((x) => x.type === 'function') : [];
    if (fns.length) {
      const pick = el('select', { 'aria-label': 'function' }, el('option', { value: '' }, 'raw calldata'),
        ...fns.map((f) => el('option', { value: (f as { name: string }).name }, (f as { name: string }).name)));
      pick.value = s.fn;
      pick.addEventListener('change', () => { s.fn = pick.value; s.args = []; this.render(); this.onChange(); });
      rows.push(el('label', {}, el('span', {}, 'function'), pick));
      const fn = fns.find((f) => (f as { name: string }).name === s.fn) as { inputs: { name: string; type: string }[] } | undefined;
      fn?.inputs.forEach((inp, i) => rows.push(this.input(`${inp.name || 'arg' + i} (${inp.type})`, s.args[i] ?? '', (v) => { s.args[i] = v; })));
    }
    if (!s.fn) rows.push(this.input('calldata', s.data, (v) => { s.data = v; }));
    const abiBox = el('textarea', { rows: '1', 'aria-label': 'ABI (JSON)', placeholder: '[{"type":"function",…}]', spellcheck: 'false' });
    abiBox.value = s.abi;
    abiBox.addEventListener('change', () => { s.abi = abiBox.value; s.fn = ''; s.args = []; this.render(); this.onChange(); });
    rows.push(el('label', { class: 'wide' }, el('span', {}, 'ABI (JSON, optional)'), abiBox));
    const fork = el('select', { 'aria-label': 'fork' }, ...FORKS.map(([v, label]) => el('option', { value: v }, label)));
    fork.value = s.fork;
    fork.addEventListener('change', () => { s.fork = fork.value; this.onChange(); });
    rows.push(el('label', {}, el('span', {}, 'fork'), fork));
    rows.push(this.input('value (wei)', s.value, (v) => { s.value = v; }));
    rows.push(this.input('gas limit', s.gas, (v) => { s.gas = v; }));
    rows.push(this.input('sender', s.from, (v) => { s.from = v; }, { placeholder: 'DEFAULT_SENDER' }));
    rows.push(this.input('block number', s.block.number, (v) => { s.block.number = v; }));
    rows.push(this.input('block time', s.block.time, (v) => { s.block.time = v; }));
    rows.push(this.input('base fee', s.block.baseFeePerGas, (v) => { s.block.baseFeePerGas = v; }));
    rows.push(this.input('block gas limit', s.block.gasLimit, (v) => { s.block.gasLimit = v; }));
    rows.push(this.input('break on opcodes', s.opcodeBreaks.join(' '), (v) => { s.opcodeBreaks = v.split(/[\s,]+/).filter(Boolean); }, { placeholder: 'e.g. SSTORE CALL' }));
    const check = (label: string, on: boolean, set: (v: boolean) => void) => {
      const c = el('input', { type: 'checkbox', 'aria-label': label });
      c.checked = on;
      c.addEventListener('change', () => { set(c.checked); this.onChange(); });
      return el('label', { class: 'check' }, c, el('span', {}, label));
    };
    rows.push(el('div', { class: 'row' }, check('break on frame enter', s.onEnter, (v) => { s.onEnter = v; }),
      check('break on frame exit', s.onExit, (v) => { s.onExit = v; })));
    fill(this.fields, ...rows);
    fill(this.accounts, ...s.accounts.map((a, i) => this.account(a, i)));
  }

  private account(a: AccountSpec, i: number) {
    const code = el('textarea', { rows: '3', 'aria-label': `account ${i + 1} code`, spellcheck: 'false' });
    code.value = a.code;
    code.addEventListener('change', () => { a.code = code.value; this.onChange(); });
    const storage = el('textarea', { rows: '1', 'aria-label': `account ${i + 1} storage`, placeholder: '{"0x01": "0x2a"}', spellcheck: 'false' });
    storage.value = a.storage;
    storage.addEventListener('change', () => { a.storage = storage.value; this.onChange(); });
    const remove = el('button', { type: 'button', 'aria-label': `remove account ${i + 1}` }, '×');
    remove.addEventListener('click', () => { this.spec.accounts.splice(i, 1); this.render(); this.onChange(); });
    return el('div', { class: 'account' },
      el('div', { class: 'row' }, this.input('address', a.address, (v) => { a.address = v; }), this.input('balance', a.balance, (v) => { a.balance = v; }), remove),
      el('label', {}, el('span', {}, 'code (mnemonics or hex)'), code), el('label', {}, el('span', {}, 'storage (JSON)'), storage));
  }
}
