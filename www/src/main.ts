// The playground page: wires the editor, the inputs, the engine worker and the views.
import init, { assemble, disassemble } from 'evmbox';
import { keymap } from '@codemirror/view';
import { Engine } from './engine';
import { CodeEditor } from './editor';
import { examples, baseSpec } from './examples';
import { encode, decode } from './share';
import { el, fill, fmtGas, fmtMs } from './dom';
import { InputsView } from './views/inputs';
import { StateView } from './views/state';
import { CallTreeView } from './views/calltree';
import { ResultView, logItems } from './views/result';
import { abiOf } from './abi';
import { ProfileView } from './views/profile';
import { FrameCodeView, type CodeLine } from './views/framecode';
import { ReplayView, type ReplayRequest } from './views/replay';
import type { SessionSpec, Loaded, Paused, Finished, Command, Replayed, Timed } from './protocol';
import './style.css';

const engine = new Engine();
let spec: SessionSpec = baseSpec();
let loaded: Loaded | null = null;
let dirty = true;
let session = false;
let busy = false;
/** The debugger holds a replayed transaction (until the code or inputs change). */
let replaying = false;

const status = el('div', { class: 'status', role: 'status', 'aria-live': 'polite' });
const problem = el('div', { class: 'problem', role: 'alert' });
const inputs = new InputsView();
const state = new StateView();
const tree = new CallTreeView();
const result = new ResultView();
const profile = new ProfileView();
const frameCode = new FrameCodeView();
const replayView = new ReplayView();
replayView.onOpen = (r) => act(() => replay(r));
/** Disassembled code by address, for the frame-code view (cleared when the session reloads). */
let codes = new Map<string, CodeLine[]>();
tree.onSelect = (i) => profile.select(i);
profile.onTime = () => act(async () => {
  say('timing opcodes…');
  const t = await engine.send<Timed>({ kind: 'time' });
  // A local session's world was reloaded: the next command begins a new session.
  if (!replaying) session = false;
  profile.timed(t);
  say(`opcodes timed: ${t.runs.toLocaleString('en')} run${t.runs > 1 ? 's' : ''} of ${fmtMs(t.ms)}`);
});

function button(label: string, title: string, onClick: () => void, id: string) {
  const b = el('button', { type: 'button', title, id });
  b.textContent = label;
  b.addEventListener('click', onClick);
  return b;
}
/** Disabled until the page has loaded its first session (see the end of this file). */
const controls = {
  run: button('▶ Run', 'Run to the end (Ctrl+Enter)', () => act(run), 'run'),
  into: button('Step into', 'Step into (F11)', () => act(() => command('stepInto')), 'step-into'),
  over: button('Step over', 'Step over (F10)', () => act(() => command('stepOver')), 'step-over'),
  out: button('Step out', 'Step out (Shift+F11)', () => act(() => command('stepOut')), 'step-out'),
  cont: button('Continue', 'Continue to a breakpoint or the end (F8)', () => act(() => command('continue')), 'continue'),
  back: button('Step back', 'Step back one opcode (Shift+F10)', () => act(() => command('stepBack')), 'step-back'),
  stop: button('■ Stop', 'Stop the run (Escape)', () => stop(), 'stop'),
  share: button('Share', 'Copy a link to this session', () => act(share), 'share'),
};

const keys = keymap.of([
  { key: 'Mod-Enter', run: () => (act(run), true) },
  { key: 'F11', run: () => (act(() => command('stepInto')), true) },
  { key: 'F10', run: () => (act(() => command('stepOver')), true) },
  { key: 'Shift-F11', run: () => (act(() => command('stepOut')), true) },
  { key: 'F8', run: () => (act(() => command('continue')), true) },
  { key: 'Shift-F10', run: () => (act(() => command('stepBack')), true) },
]);

const editorHost = el('div', { class: 'editor' });
const editor = new CodeEditor(editorHost, keys);
const pick = el('select', { 'aria-label': 'examples', id: 'examples' }, el('option', { value: '' }, 'Examples…'),
  ...examples.map((x, i) => el('option', { value: String(i) }, x.name)));
const toHex = button('→ hex', 'Replace the mnemonics with the bytecode', () => convert('hex'), 'to-hex');
const toAsm = button('→ mnemonics', 'Replace hex bytecode with its disassembly', () => convert('asm'), 'to-asm');

for (const c of Object.values(controls)) c.disabled = true;
document.getElementById('app')!.append(
  el('header', {}, el('h1', {}, 'evmbox'), pick, ...Object.values(controls)),
  el('main', {},
    el('div', { class: 'left' },
      el('section', { class: 'panel code' }, el('div', { class: 'row' }, el('h2', {}, 'Code'), toHex, toAsm), editorHost, problem),
      inputs.root, replayView.root),
    el('div', { class: 'right' }, status, result.root, frameCode.root, state.root, tree.root, profile.root)),
);

function setBusy(b: boolean) {
  busy = b;
  for (const [k, c] of Object.entries(controls)) c.disabled = k === 'stop' ? !b : b;
  replayView.open.disabled = b;
  profile.timeButton.disabled = b;
}

function say(text: string) {
  status.textContent = text;
}

function fail(e: unknown) {
  problem.textContent = e instanceof Error ? e.message : String(e);
}

async function act(f: () => Promise<void>) {
  if (busy) return;
  problem.textContent = '';
  setBusy(true);
  const t0 = performance.now();
  try {
    await f();
    // How long the command took, from the click to the state shown (read by the tests).
    status.dataset.ms = (performance.now() - t0).toFixed(2);
  } catch (e) {
    fail(e);
    say('');
  } finally {
    setBusy(false);
  }
}

function stop() {
  engine.stop();
}

/** Checks the code as typed: an assembler error is underlined and said. */
function check() {
  const t = spec.code.trim();
  editor.error(null);
  if (!t || /^0x[0-9a-fA-F]*$/.test(t)) return;
  try {
    assemble(spec.code);
  } catch (e) {
    const m = /line (\d+), column (\d+)/.exec((e as Error).message);
    if (m) editor.error({ line: Number(m[1]), column: Number(m[2]) });
    fail(e);
  }
}

async function sync() {
  if (!dirty && loaded) return;
  const data = inputs.calldata();
  loaded = await engine.send<Loaded>({ kind: 'load', spec, data });
  dirty = false;
  session = false;
}

async function run() {
  const onReplay = replaying && !dirty;
  if (!onReplay) {
    replaying = false;
    replayView.showOpen('');
    await sync();
  }
  // A replay's session stays: one can step back from its end.
  session = onReplay;
  state.clear();
  editor.current(null);
  say('running…');
  frameCode.hide();
  const r = await engine.send<Finished>({ kind: 'run' });
  result.show(r.result, r.ms, r.steps, spec.abi, spec.fn);
  tree.show(r.result.callTree ?? []);
  profile.show(r.result.profile, r.result.callTree ?? []);
  say(`done: ${r.result.status} · ${r.steps.toLocaleString('en')} opcodes · gas ${fmtGas(r.result.gasUsed)} · ${fmtMs(r.ms)}`);
}

function lineOf(pc: number, address: string): number | null {
  if (!loaded || address.toLowerCase() !== loaded.main.toLowerCase()) return null;
  const i = loaded.pcs.indexOf(pc);
  return i >= 0 ? loaded.lines[i] : null;
}

/** The top frame at the last pause: the cost of the step just taken is the gas it lost. */
let lastTop: { depth: number; address: string; gasLeft: bigint } | null = null;

/** Shows the code of `address` in the frame-code view, `pc` marked. */
async function showFrameCode(address: string, pc: number) {
  const key = address.toLowerCase();
  let lines = codes.get(key);
  if (!lines) {
    lines = await engine.send<CodeLine[]>({ kind: 'code', address });
    codes.set(key, lines);
  }
  const breaks = new Set(spec.pcBreaks.filter((b) => b.address.toLowerCase() === key).map((b) => b.pc));
  frameCode.show(address, lines, pc, breaks);
}

frameCode.onToggle = (address, pc) => act(async () => {
  const key = address.toLowerCase();
  const i = spec.pcBreaks.findIndex((b) => b.address.toLowerCase() === key && b.pc === pc);
  if (i >= 0) spec.pcBreaks.splice(i, 1);
  else spec.pcBreaks.push({ address, pc });
  await engine.send({ kind: 'breaks', pcBreaks: spec.pcBreaks });
  const lines = codes.get(key) ?? [];
  const at = Number(document.querySelector('.framecode-line.current')?.getAttribute('data-pc') ?? -1);
  frameCode.show(address, lines, at, new Set(spec.pcBreaks.filter((b) => b.address.toLowerCase() === key).map((b) => b.pc)));
});

async function showPaused(p: Paused) {
  if (p.pause.reason === 'done' && p.pause.result) {
    session = true; // one can still step back from the end
    state.clear();
    editor.current(null);
    frameCode.hide();
    result.show(p.pause.result, p.ms, p.pause.steps, spec.abi, spec.fn);
    tree.show(p.pause.result.callTree ?? []);
    profile.show(p.pause.result.profile, p.pause.result.callTree ?? []);
    say(`done after ${p.pause.steps.toLocaleString('en')} opcodes: ${p.pause.result.status}`);
    return;
  }
  const top = p.frames[p.frames.length - 1];
  const same = top && lastTop && lastTop.depth === top.depth && lastTop.address === top.address && lastTop.gasLeft >= top.gasLeft;
  const cost = same ? ` · last step cost ${fmtGas(lastTop!.gasLeft - top.gasLeft)}` : '';
  lastTop = top ? { depth: top.depth, address: top.address, gasLeft: top.gasLeft } : null;
  state.show(p.frames);
  state.showLogs(logItems(p.logs, abiOf(spec.abi)));
  const line = top ? lineOf(top.pc, top.codeAddress) : null;
  editor.current(line);
  if (top && line === null) await showFrameCode(top.codeAddress, top.pc);
  else frameCode.hide();
  const why = p.pause.reason === 'breakpoint' ? 'breakpoint' : p.pause.reason === 'limit' ? 'paused' : 'step';
  say(top ? `${why}: depth ${top.depth}, pc ${top.pc} ${top.opName} · step ${p.pause.steps.toLocaleString('en')} · gas left ${fmtGas(top.gasLeft)}${cost} · ${fmtMs(p.ms)}` : why);
}

/** Forks the node and opens a mined transaction in the debugger, paused before its first opcode. */
async function replay(r: ReplayRequest) {
  if (!/^0x[0-9a-fA-F]{64}$/.test(r.hash)) throw new Error('transaction: expected a 0x-prefixed 32-byte hash');
  say(`forking ${r.url}…`);
  const x = await engine.send<Replayed>({ kind: 'replay', url: r.url, hash: r.hash, mode: r.mode, spec });
  replaying = true;
  session = true;
  dirty = false;
  loaded = { main: x.to, pcs: [], lines: [] };
  codes = new Map();
  result.clear();
  tree.clear();
  profile.clear();
  await showPaused(x.paused);
  replayView.showOpen(`The debugger holds ${r.hash} (block ${x.block}, index ${x.index}, run on a fork of ${r.url}); the code and transaction above are not used until you change them.`);
  say(`replaying ${r.hash.slice(0, 10)}… (block ${x.block}, index ${x.index}, ${x.mode} mode) · ${x.requests} requests to the node · F11 to step`);
}

async function command(c: Command) {
  if (replaying && !dirty) {
    await showPaused(await engine.send<Paused>({ kind: 'command', command: c }));
    return;
  }
  replaying = false;
  replayView.showOpen('');
  if (!session || dirty) {
    await sync();
    result.clear();
    tree.clear();
    profile.clear();
    codes = new Map();
    await showPaused(await engine.send<Paused>({ kind: 'begin' }));
    session = true;
    if (c === 'stepInto') return;
  }
  await showPaused(await engine.send<Paused>({ kind: 'command', command: c }));
}

async function share() {
  spec.code = editor.text;
  const link = `${location.origin}${location.pathname}#s=${await encode(spec)}`;
  history.replaceState(null, '', link);
  await navigator.clipboard?.writeText(link).catch(() => {});
  say('link copied (and in the address bar)');
}

function convert(to: 'hex' | 'asm') {
  try {
    const t = editor.text.trim();
    if (to === 'hex') editor.set(assemble(editor.text), []);
    else if (/^0x[0-9a-fA-F]*$/.test(t)) editor.set(disassemble(t as `0x${string}`).map((i) => i.text).join('\n') + '\n', []);
  } catch (e) {
    fail(e);
  }
}

function open(s: SessionSpec) {
  spec = s;
  editor.set(s.code, s.breakpoints);
  inputs.show(s);
  state.clear();
  tree.clear();
  result.clear();
  profile.clear();
  dirty = true;
  session = false;
  check();
}

editor.onChange = (text) => {
  spec.code = text;
  dirty = true;
  problem.textContent = '';
  check();
};
editor.onBreakpoints = (lines) => {
  spec.breakpoints = lines;
  dirty = true;
};
inputs.onChange = () => { dirty = true; problem.textContent = ''; };
engine.onProgress = (p) => {
  const pct = Number((BigInt(p.gasUsed) * 1000n) / BigInt(p.gasLimit || '1')) / 10;
  say(`running… ${p.steps.toLocaleString('en')} opcodes · gas ${fmtGas(p.gasUsed)} / ${fmtGas(p.gasLimit)} (${pct}%) · ${fmtMs(p.ms)}`);
};
engine.onFetch = (p) => {
  say(`fetching state… ${p.requests} requests to the node (${p.calls} calls, ${p.cached} from the cache) · ${fmtMs(p.ms)}`);
};
pick.addEventListener('change', async () => {
  const x = examples[Number(pick.value)];
  if (x) open(await x.spec());
});
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && busy) stop();
});

await init();
const hash = new URLSearchParams(location.hash.slice(1)).get('s');
if (hash) {
  try {
    open(await decode(hash));
    say('session opened from the link');
  } catch (e) {
    open(await examples[0].spec());
    fail(e);
  }
} else {
  open(await examples[0].spec());
  pick.value = '0';
}
// Only now, with a session open, do the controls come alive.
setBusy(false);
