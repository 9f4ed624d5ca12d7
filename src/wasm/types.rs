//! The TypeScript declarations of the JS API (emitted into the package's `.d.ts`), and the
//! argument types that carry them.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** 0x-prefixed hex. */
export type Hex = `0x${string}`;
/** A 20-byte address as 0x-prefixed hex. Going in: lowercase, uppercase, or mixed case with a
 * valid EIP-55 checksum. Coming out: always EIP-55 checksummed. */
export type Address = `0x${string}`;
/** An unsigned integer: a bigint, a safe-integer number, or a decimal or 0x string. */
export type Quantity = bigint | number | string;
/** Bytes: 0x-prefixed hex or a Uint8Array. */
export type Bytes = Hex | Uint8Array;
/** Bytes in a result: 0x hex, or, beyond 64 MiB (too long for a hex string), a Uint8Array. */
export type Data = Hex | Uint8Array;
/** A fork evmbox implements. */
export type Fork = 'cancun' | 'prague' | 'osaka';
/** Block fields to change, as viem's BlockOverrides names them (plus excessBlobGas). */
export interface BlockOverrides {
  number?: Quantity; time?: Quantity; feeRecipient?: Address; gasLimit?: Quantity;
  baseFeePerGas?: Quantity; prevRandao?: Quantity;
  /** BLOBBASEFEE set directly; or give excessBlobGas, from which it follows (not both). */
  blobBaseFee?: Quantity; excessBlobGas?: Quantity;
}
export interface Block {
  number: bigint; time: bigint; feeRecipient: Address; gasLimit: bigint; baseFeePerGas: bigint;
  prevRandao: Hex; blobBaseFee: bigint; excessBlobGas: bigint; chainId: bigint;
}
export interface EvmOptions {
  /** The rules to run (default `'osaka'`, what mainnet runs); other names are rejected. */
  fork?: Fork;
  /** CHAINID (default 1). */
  chainId?: Quantity;
  block?: BlockOverrides;
}
/** `Evm.forked`: a lazy copy of a chain. */
export interface ForkedOptions {
  /** The block whose environment runs (an eth_getBlockByNumber result). */
  header: Record<string, unknown>;
  /** The chain's id (eth_chainId). */
  chainId: Quantity;
  /** The block whose state is fetched (default: the header's number). */
  stateBlock?: Quantity;
  /** The rules to run (default: the fork the block ran under). */
  fork?: Fork;
}
/** Storage: an object of slot to value, or viem's array of { slot, value }. */
export type StorageInput = Record<string, Quantity> | { slot: Quantity; value: Quantity }[];
export interface AccountInput {
  balance?: Quantity; nonce?: Quantity; code?: Bytes;
  /** The slots given are set (zero clears one); the others stay. */
  storage?: StorageInput;
}
export interface Account {
  exists: boolean; balance: bigint; nonce: bigint; code: Hex; codeHash: Hex;
  /** With { storage: true }: every non-zero slot, 32-byte hex to 32-byte hex. */
  storage?: Record<Hex, Hex>;
}
export interface GetAccountOptions { storage?: boolean }
export type AccessList = { address: Address; storageKeys: Hex[] }[];
/** A transaction request as viem's TransactionRequest spells it. The type follows from the
 * fields unless given; fees default to what a node gives a local account (see the README). */
export interface TransactionRequest {
  /** Sender; DEFAULT_SENDER when absent. */
  from?: Address;
  /** Recipient; absent or null creates a contract (sendTransaction, begin). */
  to?: Address | null;
  /** Call data, or a creation's initcode. */
  data?: Bytes;
  value?: Quantity;
  /** Gas limit; when absent, the block's gas limit, capped at 2^24 from Osaka on (EIP-7825). */
  gas?: Quantity;
  gasPrice?: Quantity; maxFeePerGas?: Quantity; maxPriorityFeePerGas?: Quantity;
  maxFeePerBlobGas?: Quantity;
  /** The sender's nonce when absent (a call does not check it). */
  nonce?: Quantity;
  accessList?: AccessList;
  blobVersionedHashes?: Hex[];
  /** EIP-7702 signed authorizations (Prague and later), as viem's signAuthorization makes them. */
  authorizationList?: SignedAuthorization[];
  type?: 'legacy' | 'eip2930' | 'eip1559' | 'eip4844' | 'eip7702' | 0 | 1 | 2 | 3 | 4 | '0x0' | '0x1' | '0x2' | '0x3' | '0x4';
}
/** An EIP-7702 authorization signed by its authority (viem's SignedAuthorization). */
export interface SignedAuthorization {
  /** The account whose code the authority will run (the zero address clears a delegation). */
  address: Address;
  /** 0: valid on any chain. */
  chainId: Quantity;
  /** The authority's nonce when the authorization is applied. */
  nonce: Quantity;
  r: Quantity; s: Quantity;
  /** 0 or 1; or give v (27 or 28). */
  yParity?: Quantity; v?: Quantity;
}
export type RunCodeRequest = Omit<TransactionRequest, 'to'>;
/** One account of a state override, as viem's StateOverride item. */
export interface AccountOverride {
  address: Address; balance?: Quantity; nonce?: Quantity; code?: Bytes;
  /** Replaces the whole storage. */
  state?: StorageInput;
  /** Changes these slots only. */
  stateDiff?: StorageInput;
}
export type StateOverride = AccountOverride[];
export interface TraceOptions {
  stack?: boolean; memory?: boolean; returnData?: boolean;
  /** Most steps recorded (default 100,000). */
  limit?: Quantity;
  /** Most bytes of trace text recorded (default 64 MiB, at most 256 MiB); memory dumps grow fast. */
  maxBytes?: Quantity;
}
export interface StepOptions {
  /** Run at most this many opcodes, then pause with reason 'limit'. */
  maxSteps?: Quantity;
}
/** Options of call, runCode (all), sendTransaction (no overrides), estimateGas (overrides
 * only) and begin (trace, callTree, callTracer). An unknown key throws. */
export interface RunOptions {
  /** call, runCode, estimateGas: accounts changed for this run only. */
  stateOverride?: StateOverride;
  /** call, runCode, estimateGas: block fields changed for this run only. */
  blockOverrides?: BlockOverrides;
  /** Run at most this many opcodes; a run that would take more throws and commits nothing. */
  maxSteps?: Quantity;
  /** Record EIP-3155 trace lines (default limit: 100,000 steps). */
  trace?: boolean | TraceOptions;
  /** Record the call tree with gas and wall time per frame (result.callTree). */
  callTree?: boolean;
  /** Also return it in geth's callTracer JSON shape (result.callTracer). */
  callTracer?: boolean;
  /** Count and gas per opcode, for the run and per frame (result.profile); with
   *  `{ time: true }` also the time each opcode took (several clock readings per opcode:
   *  the run is slower). */
  profile?: boolean | { time?: boolean };
}
export interface OpcodeStats {
  opcode: number; name: string; count: number; gas: bigint;
  /** Milliseconds the opcode took, from its start to the next opcode's (a call's includes
   *  entering the frame, a frame's last opcode leaving it), recorders and clock readings
   *  left out; present when profiled with `{ time: true }`. An estimate: the clocks' own
   *  cost is taken off, so on a coarse clock an opcode cheaper than its noise can come out
   *  a little below zero (sum repeated runs for a steadier figure). */
  timeMs?: number;
}
export interface Profile {
  /** The whole run's opcodes, most gas first. */
  total: OpcodeStats[];
  /** Per frame, in the order of callTree's rows. */
  frames: OpcodeStats[][];
}
export interface TraceStep {
  pc: number; op: number; gas: Hex; gasCost: Hex; memSize: number; stack: Hex[];
  depth: number; returnData: Hex; refund: Hex; opName?: string; error?: string; memory?: Hex;
}
export interface Trace {
  steps: TraceStep[];
  /** The same lines as JSON text, one per line, then the EIP-3155 summary line. */
  jsonl: string;
  /** Whether the step limit cut the trace. */
  truncated: boolean;
  stepsOmitted: number;
}
export type CallType = 'CALL' | 'CALLCODE' | 'DELEGATECALL' | 'STATICCALL' | 'CREATE' | 'CREATE2';
export type Status = 'success' | 'revert' | 'halt';
/** A frame of the call tree. Parties follow geth's callTracer: for DELEGATECALL and CALLCODE,
 * from is the contract that executed the opcode and to the account whose code ran. */
export interface CallNode {
  type: CallType; from: Address; to: Address; value: bigint; gas: bigint; gasUsed: bigint;
  input: Hex; output: Hex; status: Status | 'running';
  /** geth's error text, when the frame did not succeed. */
  error?: string;
  /** The decoded Error(string) or Panic(uint256) of a revert. */
  revertReason?: string;
  depth: number;
  /** Index of the calling frame in the same array; null for the outermost. */
  parent: number | null;
  /** Indexes of the child frames in the same array. */
  children: number[];
  precompile: boolean; opcodes: number; timeTotalMs: number; timeSelfMs: number;
  inputTruncated?: true; outputTruncated?: true;
}
/** geth's callTracer output: quantities and bytes as hex. */
export interface CallTracerFrame {
  type: CallType; from: Address; to?: Address; value?: Hex; gas: Hex; gasUsed: Hex; input: Hex;
  output?: Hex; error?: string; revertReason?: string; calls?: CallTracerFrame[];
}
export interface Log { address: Address; topics: Hex[]; data: Data }
export type StateChange =
  | { address: Address; deleted: true }
  | { address: Address; deleted: false; created: boolean; balance: bigint; nonce: bigint;
      codeHash: Hex; storage: Record<Hex, Hex> };
/** A run's result. JSON.stringify(result) works: its toJSON writes bigints as 0x quantities. */
export interface CallResult {
  status: Status; haltReason?: string; revertReason?: string; output: Data; gasUsed: bigint;
  gasRefunded: bigint; logs: Log[]; createdAddress?: Address; stateChanges: StateChange[];
  trace?: Trace; callTree?: CallNode[]; callTracer?: CallTracerFrame; profile?: Profile;
  toJSON(): unknown;
}
/** geth's alloc format, as dumpState returns it. */
export type StateDump = Record<Address, {
  balance: Hex; nonce?: Hex; code?: Hex; storage?: Record<Hex, Hex>;
}>;
export type Breakpoint =
  | { pc: number; address?: Address }
  | { opcode: string | number }
  | { depth: number }
  | { on: 'enter' | 'exit' };
export interface PauseState {
  /** 'limit': the command's maxSteps ran out first; the run goes on when resumed.
   * 'state' (a forked Evm): the next opcode reads state not fetched yet (`need` says what);
   * stateRequest/supplyState fetch it, and the same command again goes on. */
  reason: 'step' | 'breakpoint' | 'limit' | 'state' | 'done';
  /** With reason 'state': what is needed, e.g. "storage slot 0x1 of 0x…". */
  need?: string;
  /** Index into the breakpoints array, when one matched. */
  breakpoint?: number;
  /** The transaction's result, when it finished. */
  result?: CallResult;
  paused: boolean;
  depth: number;
  /** Opcodes run in the session so far (stepBack goes to steps - 1). */
  steps: number;
  /** Gas the running frames have left between them (0 once done): progress of a long run. */
  gasLeft: bigint;
  toJSON(): unknown;
}
export interface FrameState {
  depth: number; kind: CallType; address: Address; caller: Address; codeAddress: Address;
  value: bigint; isStatic: boolean; pc: number; opcode: number; opName: string;
  gasLeft: bigint; gasLimit: bigint; stack: Hex[]; memory: Data; returnData: Data; input: Data;
  storage: Record<Hex, { original: Hex; current: Hex }>; transientStorage: Record<Hex, Hex>;
  toJSON(): unknown;
}
export interface Instruction {
  pc: number; opcode: number; name: string; immediate?: Hex; truncated?: true;
  /** Assembler text of this instruction; the texts joined by newlines assemble back to the code. */
  text: string;
}
export interface AssembledCode {
  code: Hex;
  /** For each instruction (or DATA run), in order: its pc, and the line of its mnemonic. */
  pcs: number[]; lines: number[];
}
export interface StateTestSummary {
  passed: number; failed: number; skipped: number;
  failures: { test: string; index: number; reason: string }[];
  /** Why cases were skipped (e.g. "fork Prague not supported"), with their counts. */
  skipReasons: Record<string, number>;
}
"#;

#[wasm_bindgen]
extern "C" {
    /// `EvmOptions` (TypeScript type of an optional argument).
    #[wasm_bindgen(typescript_type = "EvmOptions")]
    pub type EvmOptionsArg;
    /// `RunOptions` (TypeScript type of an optional argument).
    #[wasm_bindgen(typescript_type = "RunOptions")]
    pub type RunOptionsArg;
    /// `StepOptions` (TypeScript type of an optional argument).
    #[wasm_bindgen(typescript_type = "StepOptions")]
    pub type StepOptionsArg;
    /// `RunCodeRequest` (TypeScript type of an optional argument).
    #[wasm_bindgen(typescript_type = "RunCodeRequest")]
    pub type RunCodeRequestArg;
    /// `ForkedOptions` (TypeScript type of an argument).
    #[wasm_bindgen(typescript_type = "ForkedOptions")]
    pub type ForkedOptionsArg;
    /// `GetAccountOptions` (TypeScript type of an optional argument).
    #[wasm_bindgen(typescript_type = "GetAccountOptions")]
    pub type GetAccountOptionsArg;
}

/// An optional argument as a plain value (`undefined` when absent).
pub fn opt<T: Into<JsValue>>(v: Option<T>) -> JsValue {
    v.map(Into::into).unwrap_or(JsValue::UNDEFINED)
}
