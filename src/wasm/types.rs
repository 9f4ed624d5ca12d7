//! The TypeScript declarations of the JS API (emitted into the package's `.d.ts`), and the
//! argument types that carry them.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** 0x-prefixed hex. */
export type Hex = `0x${string}`;
/** A 20-byte address as 0x-prefixed hex. */
export type Address = `0x${string}`;
/** An unsigned integer: a bigint, a safe-integer number, or a decimal or 0x string. */
export type Quantity = bigint | number | string;
/** Bytes: 0x-prefixed hex or a Uint8Array. */
export type Bytes = Hex | Uint8Array;
/** Bytes in a result: 0x hex, or, beyond 64 MiB (too long for a hex string), a Uint8Array. */
export type Data = Hex | Uint8Array;
export interface BlockOptions {
  number?: Quantity; timestamp?: Quantity; coinbase?: Address; gasLimit?: Quantity;
  baseFee?: Quantity; prevrandao?: Quantity; chainId?: Quantity; excessBlobGas?: Quantity;
}
export interface EvmOptions {
  /** The only fork implemented so far; anything else is rejected. */
  fork?: 'cancun';
  block?: BlockOptions;
}
export interface AccountInput {
  balance?: Quantity; nonce?: Quantity; code?: Bytes; storage?: Record<string, Quantity>;
}
export interface Account { exists: boolean; balance: bigint; nonce: bigint; code: Hex; codeHash: Hex }
export interface TxFields {
  /** Sender; a funded default sender is used when absent. */
  from?: Address; value?: Quantity; gas?: Quantity; gasPrice?: Quantity;
  maxFeePerGas?: Quantity; maxPriorityFeePerGas?: Quantity;
  /** Defaults to the sender's current nonce. */
  nonce?: Quantity;
}
export interface CallRequest extends TxFields { to: Address; data?: Bytes }
export interface DeployRequest extends TxFields { code: Bytes }
export interface RunCodeRequest extends TxFields { data?: Bytes }
export type BeginRequest = CallRequest | DeployRequest;
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
export interface RunOptions {
  /** Run at most this many opcodes; a run that would take more throws and commits nothing. */
  maxSteps?: Quantity;
  /** Record EIP-3155 trace lines (default limit: 100,000 steps). */
  trace?: boolean | TraceOptions;
  /** Record the call tree with gas and wall time per frame. */
  callTree?: boolean;
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
export type CallKind = 'CALL' | 'CALLCODE' | 'DELEGATECALL' | 'STATICCALL' | 'CREATE' | 'CREATE2';
export type Status = 'success' | 'revert' | 'halt';
export interface CallNode {
  kind: CallKind; from: Address; to: Address; codeAddress: Address; value: bigint; depth: number;
  inputSize: number; outputSize: number; gas: bigint; gasUsed: bigint; status: Status | 'running';
  precompile: boolean; opcodes: number; timeTotalMs: number; timeSelfMs: number;
  /** Indexes of the child frames in the same array. */
  children: number[];
}
export interface Log { address: Address; topics: Hex[]; data: Data }
export type StateChange =
  | { address: Address; deleted: true }
  | { address: Address; deleted: false; created: boolean; balance: bigint; nonce: bigint;
      codeHash: Hex; storage: Record<Hex, Hex> };
export interface CallResult {
  status: Status; haltReason?: string; output: Data; gasUsed: bigint; gasRefunded: bigint;
  logs: Log[]; createdAddress?: Address; stateChanges: StateChange[];
  trace?: Trace; callTree?: CallNode[];
}
export type Breakpoint =
  | { pc: number; address?: Address }
  | { opcode: string | number }
  | { depth: number }
  | { on: 'enter' | 'exit' };
export interface PauseState {
  /** 'limit': the command's maxSteps ran out first; the run goes on when resumed. */
  reason: 'step' | 'breakpoint' | 'limit' | 'done';
  /** Index into the breakpoints array, when one matched. */
  breakpoint?: number;
  /** The transaction's result, when it finished. */
  result?: CallResult;
  paused: boolean;
  depth: number;
}
export interface FrameState {
  depth: number; kind: CallKind; address: Address; caller: Address; codeAddress: Address;
  value: bigint; isStatic: boolean; pc: number; opcode: number; opName: string;
  gasLeft: bigint; gasLimit: bigint; stack: Hex[]; memory: Data; returnData: Data; input: Data;
  storage: Record<Hex, { original: Hex; current: Hex }>; transientStorage: Record<Hex, Hex>;
}
export interface Instruction {
  pc: number; opcode: number; name: string; immediate?: Hex; truncated?: true;
  /** Assembler text of this instruction; the texts joined by newlines assemble back to the code. */
  text: string;
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
}

/// An optional argument as a plain value (`undefined` when absent).
pub fn opt<T: Into<JsValue>>(v: Option<T>) -> JsValue {
    v.map(Into::into).unwrap_or(JsValue::UNDEFINED)
}
