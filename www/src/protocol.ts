// What the page and the engine worker say to each other.
import type { CallResult, FrameState, PauseState, Log, Profile, OpcodeStats } from 'evmbox';

/** An account of the session's world. `code` is mnemonics or 0x hex. */
export interface AccountSpec {
  address: string;
  balance: string;
  code: string;
  storage: string; // JSON object of slot -> value, or ''
}

/** Everything a session is: what the share link carries. */
export interface SessionSpec {
  /** The main contract: mnemonics or 0x hex (its runtime code), or initcode when `deploy`. */
  code: string;
  /** Run `code` as initcode first and call the contract it creates. */
  deploy: boolean;
  /** Calldata as 0x hex, used when no ABI function is chosen. */
  data: string;
  /** A JSON ABI, when the code has one; then `fn` and `args` make the calldata. */
  abi: string;
  fn: string;
  args: string[];
  value: string;
  gas: string;
  from: string;
  /** The rules: 'cancun', 'prague' or 'osaka'. */
  fork: string;
  block: { number: string; time: string; baseFeePerGas: string; gasLimit: string };
  accounts: AccountSpec[];
  /** Lines of `code` with a breakpoint. */
  breakpoints: number[];
  /** Breakpoints at a pc in the code of an account (set in the frame-code view). */
  pcBreaks: { address: string; pc: number }[];
  /** Breakpoints on opcodes and frame events, as the API takes them. */
  opcodeBreaks: string[];
  onEnter: boolean;
  onExit: boolean;
}

export type Command = 'stepInto' | 'stepOver' | 'stepOut' | 'continue' | 'stepBack';

export type Request =
  | { kind: 'load'; spec: SessionSpec; data: string }
  | { kind: 'run' }
  | { kind: 'begin' }
  | { kind: 'command'; command: Command }
  /** An account's code, disassembled: `{ pc, text }[]`. */
  | { kind: 'code'; address: string }
  /** New pc breakpoints for the session under way (without restarting it). */
  | { kind: 'breaks'; pcBreaks: { address: string; pc: number }[] }
  | { kind: 'abort' }
  /** Runs the last transaction again from the same state with a timed profile (slower). */
  | { kind: 'time' }
  /** Opens a mined transaction of a JSON-RPC node, begun and paused before its first opcode. */
  | { kind: 'replay'; url: string; hash: string; mode: 'prefix' | 'prestate'; spec: SessionSpec };

/** Where the main contract lives, and how its pcs map to editor lines. */
export interface Loaded {
  main: string;
  pcs: number[];
  lines: number[];
}

/** What the page shows after a debugger command. */
export interface Paused {
  pause: PauseState;
  frames: FrameState[];
  /** Logs emitted so far. */
  logs: Log[];
  ms: number;
}

/** A finished run: the result and how long it took. */
export interface Finished {
  result: CallResult;
  ms: number;
  steps: number;
}

/** What two runs of one transaction must share, row by row, for their timings to combine:
 *  the opcode, how often it ran and its gas. */
export const statsKey = (r: OpcodeStats) => `${r.opcode}:${r.count}:${r.gas}`;

/** A timed profile (mean times per run over the runs kept), how many runs were kept and how
 *  many left out as disturbed (far slower than the median run), and how long a run took. */
export interface Timed {
  profile: Profile;
  runs: number;
  disturbed: number;
  ms: number;
}

export type Reply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: string };

/** A replay opened: the paused state, the node's transaction, and the mode used. */
export interface Replayed {
  paused: Paused;
  to: string;
  block: string;
  index: number;
  mode: 'prefix' | 'prestate';
  requests: number;
}

/** Sent while a replay fetches state. */
export interface FetchProgress {
  kind: 'fetch';
  requests: number;
  calls: number;
  cached: number;
  ms: number;
}

/** Sent while a long run goes on. */
export interface Progress {
  kind: 'progress';
  steps: number;
  gasUsed: string;
  gasLimit: string;
  ms: number;
}
