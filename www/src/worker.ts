// The engine: one evmbox instance in a Web Worker. Long runs go in slices of SLICE opcodes, with
// a turn of the event loop between slices, so that a Stop (abort) arrives within one slice
// (about 10 ms) and the page stays responsive whatever the code does.
import init, { Evm, assembleWithSourceMap, disassemble, fork, requestOf } from 'evmbox';
import type { Breakpoint, Fork, Hex, ForkedEvm, PauseState, Profile, OpcodeStats } from 'evmbox';
import type { Request, SessionSpec, Loaded, Paused, Finished, Progress, Replayed, FetchProgress, Timed } from './protocol';
import { statsKey } from './protocol';

/** Text the user typed, passed on as hex: the engine checks it and names it if it is not. */
const h = (s: string) => s as Hex;

const SLICE = 500_000;
/** Slices of a timed run, which reads the clock around each opcode: about 20 ms each. */
const TIMED_SLICE = 50_000;
const MAIN = '0x00000000000000000000000000000000000c0de1';

let evm: Evm | null = null;
/** The fork a replayed transaction runs on (null: a local session). */
let forked: ForkedEvm | null = null;
/** What the replay was opened with, to run it again for timing. */
let replayed: { f: Awaited<ReturnType<typeof fork>>; hash: Hex; mode: 'prefix' | 'prestate' } | null = null;
let spec: SessionSpec | null = null;
let main: string = MAIN;
let calldata = '0x';
let stopRequested = false;
let running = false;

const ready = init();

function toCode(text: string): { code: Hex; pcs: number[]; lines: number[] } {
  const t = text.trim();
  if (/^0x[0-9a-fA-F]*$/.test(t)) return { code: h(t), pcs: [], lines: [] };
  return assembleWithSourceMap(text);
}

function storageOf(json: string, what: string): Record<string, string> {
  if (!json.trim()) return {};
  try {
    return JSON.parse(json);
  } catch (e) {
    throw new Error(`${what}: storage is not JSON (${(e as Error).message})`);
  }
}

function load(s: SessionSpec, data: string): Loaded {
  const e = new Evm({ fork: s.fork as Fork, block: { number: s.block.number, time: s.block.time, baseFeePerGas: s.block.baseFeePerGas,
    gasLimit: s.block.gasLimit } });
  for (const a of s.accounts) {
    const { code } = toCode(a.code || '0x');
    e.setAccount(h(a.address), { balance: a.balance || '0', code, storage: storageOf(a.storage, a.address) });
  }
  const mapped = toCode(s.code);
  if (s.deploy) {
    const r = e.sendTransaction({ from: s.from ? h(s.from) : undefined, data: mapped.code });
    if (r.status !== 'success' || !r.createdAddress) {
      throw new Error(`deploying the code failed: ${r.revertReason ?? r.haltReason ?? r.status}`);
    }
    main = r.createdAddress;
    // The source map is the initcode's; breakpoints and lines apply to the runtime code only
    // when the code is written as mnemonics of the runtime code.
    mapped.pcs = [];
    mapped.lines = [];
  } else {
    main = MAIN;
    e.setCode(h(main), mapped.code);
  }
  evm?.free();
  evm = e;
  forked = null;
  spec = s;
  calldata = data;
  return { main, pcs: mapped.pcs, lines: mapped.lines };
}

function request() {
  const s = spec!;
  return { from: s.from ? h(s.from) : undefined, to: h(main), data: h(calldata), value: s.value || '0', gas: s.gas || undefined };
}

function breakpoints(loaded: { pcs: number[]; lines: number[] }) {
  const s = spec!;
  const out: Breakpoint[] = [];
  for (const line of s.breakpoints) {
    const i = loaded.lines.indexOf(line);
    if (i >= 0) out.push({ pc: loaded.pcs[i], address: h(main) });
  }
  for (const b of s.pcBreaks) out.push({ pc: b.pc, address: h(b.address) });
  for (const op of s.opcodeBreaks) out.push({ opcode: op });
  if (s.onEnter) out.push({ on: 'enter' });
  if (s.onExit) out.push({ on: 'exit' });
  return out;
}
let lastLoaded: Loaded = { main: MAIN, pcs: [], lines: [] };

const turn = () => new Promise((r) => setTimeout(r, 0));

/** Runs `fn` on the engine; on a fork, whenever it stops for state, fetches that and goes on. */
function exec<T>(fn: (e: Evm) => T): Promise<T> {
  return forked ? forked.run(fn) : Promise.resolve(fn(evm!));
}

/** Runs the session to its end (or a breakpoint, for `continue`) in slices. */
async function sliced(first: (e: Evm) => PauseState, t0: number, slice = SLICE) {
  let p = await exec(first);
  const gasLimit = BigInt(spec!.gas || 30_000_000);
  while (p.reason === 'limit') {
    const progress: Progress = { kind: 'progress', steps: p.steps, gasUsed: String(gasLimit - p.gasLeft),
      gasLimit: String(gasLimit), ms: performance.now() - t0 };
    postMessage(progress);
    await turn();
    if (stopRequested) {
      evm!.abort();
      throw new Error(`stopped after ${p.steps.toLocaleString('en')} opcodes; nothing was kept`);
    }
    p = await exec((e) => e.continue({ maxSteps: slice }));
  }
  return p;
}

/** A short transaction is timed again and again until this much time is used (a browser's
 *  clock ticks every 5 µs at best: one run of a few hundred opcodes is a few ticks). */
const TIMING_BUDGET_MS = 300;

/** Adds `b`'s times to `a`'s (runs of the same transaction: the same frames and opcodes). */
function addTimes(a: Profile, b: Profile): Profile {
  const add = (x: OpcodeStats[], y: OpcodeStats[]) => {
    if (x.map(statsKey).join() !== y.map(statsKey).join()) throw new Error('a timing run ran other opcodes than the first');
    return x.map((r, i) => ({ ...r, timeMs: (r.timeMs ?? 0) + (y[i].timeMs ?? 0) }));
  };
  if (a.frames.length !== b.frames.length) throw new Error('a timing run entered other frames than the first');
  return { total: add(a.total, b.total), frames: a.frames.map((f, i) => add(f, b.frames[i])) };
}

/** Runs the session's transaction again from the state it started from, timing each opcode,
 *  as many times as TIMING_BUDGET_MS allows (at least once); the times are per run. A replay
 *  is timed on a second fork (the node's answers are cached). The session stays. */
async function timeOpcodes(): Promise<Timed> {
  const keep = { evm, forked };
  try {
    let req: ReturnType<typeof request>;
    if (keep.forked) {
      const r = await replayed!.f.replayTransaction(replayed!.hash, { mode: replayed!.mode, debug: true });
      evm = r.forked.evm;
      forked = r.forked;
      evm.abort();
      req = requestOf(r.transaction) as ReturnType<typeof request>;
    } else {
      load(spec!, calldata);
      req = request();
    }
    let t0 = performance.now();
    const kept: { profile: Profile; ms: number }[] = [];
    let warm = false;
    do {
      if (stopRequested) throw new Error(`stopped after ${kept.length} timing runs`);
      const snap = evm!.snapshot();
      const t = performance.now();
      await exec((e) => e.begin(req, { profile: { time: true } }));
      const p = await sliced((e) => e.continue({ maxSteps: TIMED_SLICE }), t, TIMED_SLICE);
      evm!.revert(snap);
      // The first run of a short transaction warms up (code compiled on first use, the
      // engine's optimised build swapped in): its times are not kept. A long one is kept.
      const first = !warm;
      warm = true;
      if (first && performance.now() - t < TIMING_BUDGET_MS / 4) {
        t0 = performance.now();
        continue;
      }
      kept.push({ profile: p.result!.profile!, ms: performance.now() - t });
    } while (performance.now() - t0 < TIMING_BUDGET_MS);
    const ms = (performance.now() - t0) / kept.length;
    // Every run does the same work: one whose wall time (many clock ticks, unlike an opcode's
    // span) is well above the median run's was disturbed (the thread descheduled, a
    // collection) and would put that pause on whatever opcode it hit. Such runs are left out.
    const sorted = kept.map((k) => k.ms).sort((a, b) => a - b);
    const median = sorted[sorted.length >> 1];
    const calm = kept.filter((k) => k.ms <= median * 1.2).map((k) => k.profile);
    const sum = calm.reduce(addTimes);
    const per = (rows: OpcodeStats[]) => rows.map((r) => ({ ...r, timeMs: (r.timeMs ?? 0) / calm.length }));
    return { profile: { total: per(sum.total), frames: sum.frames.map(per) }, ms, runs: calm.length, disturbed: kept.length - calm.length };
  } finally {
    if (keep.forked) {
      evm!.free();
      evm = keep.evm;
      forked = keep.forked;
    } else {
      // A fresh world, as after a run; the debugging session (if any) is over.
      load(spec!, calldata);
    }
  }
}

/** Opens a mined transaction: a fork of the node before its block, the transaction begun. */
async function replay(req: Extract<Request, { kind: 'replay' }>): Promise<Replayed> {
  const t0 = performance.now();
  const f = await fork({ url: req.url, retries: 2 });
  const tick = () => {
    const m: FetchProgress = { kind: 'fetch', ...f.stats, ms: performance.now() - t0 };
    postMessage(m);
  };
  const timer = setInterval(tick, 100);
  try {
    const r = await f.replayTransaction(req.hash as Hex, { mode: req.mode, debug: true, callTree: true, profile: true });
    evm?.free();
    evm = r.forked.evm;
    forked = r.forked;
    replayed = { f, hash: req.hash as Hex, mode: r.mode };
    spec = req.spec;
    const tx = r.transaction as { to?: string | null; blockNumber: string; transactionIndex: string };
    lastLoaded = { main: tx.to ?? '0x', pcs: [], lines: [] };
    evm.setBreakpoints(breakpoints(lastLoaded));
    return { paused: beforeFirstOpcode(evm, performance.now() - t0), to: lastLoaded.main, block: String(BigInt(tx.blockNumber)),
      index: Number(tx.transactionIndex), mode: r.mode, requests: f.stats.requests };
  } finally {
    clearInterval(timer);
  }
}

async function handle(req: Request): Promise<unknown> {
  await ready;
  if (req.kind === 'load') {
    lastLoaded = load(req.spec, req.data);
    return lastLoaded;
  }
  if (req.kind === 'replay') return replay(req);
  if (!evm || !spec) throw new Error('no session loaded');
  const e = evm;
  switch (req.kind) {
    case 'run': {
      if (forked) {
        // A replay runs on from where it is paused, to its end.
        const t0 = performance.now();
        e.setBreakpoints([]);
        const p = await sliced((x) => x.continue({ maxSteps: SLICE }), t0);
        return { result: p.result!, ms: performance.now() - t0, steps: p.steps } satisfies Finished;
      }
      if (e.isPaused) e.abort();
      const t0 = performance.now();
      e.setBreakpoints([]);
      e.begin(request(), { callTree: true, profile: true, trace: { limit: 20_000, memory: false } });
      const p = await sliced((x) => x.continue({ maxSteps: SLICE }), t0);
      const done: Finished = { result: p.result!, ms: performance.now() - t0, steps: p.steps };
      // Keep the world as it was: a run shows what the transaction does, and can be re-run.
      load(spec, calldata);
      return done;
    }
    case 'begin': {
      if (e.isPaused) e.abort();
      e.setBreakpoints(breakpoints(lastLoaded));
      e.begin(request(), { callTree: true, profile: true });
      return beforeFirstOpcode(e, 0);
    }
    case 'command': {
      const t0 = performance.now();
      e.setBreakpoints(breakpoints(lastLoaded));
      const c = req.command;
      if (c === 'stepBack') return paused(await exec((x) => x.stepBack()), performance.now() - t0);
      if (c === 'stepInto') return paused(await exec((x) => x.stepInto()), performance.now() - t0);
      const p = await sliced((x) => x[c]({ maxSteps: SLICE }), t0);
      return paused(p, performance.now() - t0);
    }
    case 'abort':
      e.abort();
      return null;
    case 'time':
      return timeOpcodes();
    case 'code': {
      const account = await exec((x) => x.getAccount(h(req.address)));
      return disassemble(account.code).map((i) => ({ pc: i.pc, text: i.text }));
    }
    case 'breaks':
      spec.pcBreaks = req.pcBreaks;
      e.setBreakpoints(breakpoints(lastLoaded));
      return null;
  }
}

/** A session just begun, before its first opcode: a pause state of our own (no command ran). */
function beforeFirstOpcode(e: Evm, ms: number): Paused {
  const frames = e.frames();
  const pause = { reason: 'step', paused: true, depth: 1, steps: 0, gasLeft: frames[0]?.gasLeft ?? 0n } as PauseState;
  return { pause, frames, logs: [], ms };
}

function paused(pause: ReturnType<Evm['continue']>, ms: number): Paused {
  const live = evm!.isPaused;
  return { pause, frames: live ? evm!.frames() : [], logs: live ? evm!.logs() : [], ms };
}

self.onmessage = async (ev: MessageEvent) => {
  const { id, req } = ev.data as { id: number; req: Request | { kind: 'stop' } };
  if (req.kind === 'stop') {
    stopRequested = true;
    return;
  }
  if (running && req.kind !== 'load') {
    postMessage({ id, ok: false, error: 'busy: stop the current run first' });
    return;
  }
  running = true;
  stopRequested = false;
  try {
    const value = await handle(req);
    // Structured clone keeps bigints; the results' toJSON is not enumerable, so not copied.
    postMessage({ id, ok: true, value });
  } catch (e) {
    postMessage({ id, ok: false, error: e instanceof Error ? e.message : String(e) });
  } finally {
    running = false;
  }
};
