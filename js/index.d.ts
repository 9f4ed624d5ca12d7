// Types of both entries (identical APIs; `init` resolves at once in Node).
export * from '../pkg-web/evmbox.js';
export { default } from '../pkg-web/evmbox.js';
/** The sender of requests that name no `from`; every new Evm holds it with DEFAULT_BALANCE. */
export const DEFAULT_SENDER: `0x${string}`;
/** The default sender's balance in a new Evm: 10^24 wei. */
export const DEFAULT_BALANCE: bigint;
/** Where runCode places the code it runs. */
export const SCRATCH_ADDRESS: `0x${string}`;

import type { Evm, Fork, TransactionRequest, RunOptions, CallResult } from '../pkg-web/evmbox.js';

/** Options of `fork`. */
export interface ForkOptions {
  /** The node's JSON-RPC endpoint (HTTP). */
  url: string;
  /** The block whose state is fetched and whose environment runs (default: the latest). */
  blockNumber?: bigint | number | string;
  /** The rules, when the block's own cannot be told from its header (default: the block's). */
  fork?: Fork;
  /** The fetch to use (default: globalThis.fetch). */
  fetch?: typeof globalThis.fetch;
  /** Extra HTTP headers (an API key, say). */
  headers?: Record<string, string>;
  /** Most HTTP requests this fork may make (default 10,000). */
  maxRequests?: number;
  /** Retries of a request that failed with 429, 5xx, a network error or an error item (default 4). */
  retries?: number;
  /** The first retry's delay, doubled each time (default 200 ms). */
  retryDelayMs?: number;
  /** How long to wait for one answer (default 30,000 ms). */
  timeoutMs?: number;
}
/** Counts of a fork's traffic. */
export interface ForkStats { requests: number; calls: number; cached: number; retries: number; ms: number }
/** Options of `replayTransaction`: what `sendTransaction` takes, and how to replay. */
export interface ReplayOptions extends RunOptions {
  /** 'prefix' (default): the block's earlier transactions first; 'prestate': the state the
   * transaction started from, from the node's prestateTracer (falls back to prefix). */
  mode?: 'prefix' | 'prestate';
  /** The rules, when the block's own cannot be told from its header. */
  fork?: Fork;
  /** Begin a paused session on the transaction instead of running it. */
  debug?: boolean;
}
/** A forked Evm: the methods of Evm that read state, async, fetching what they need. */
export declare class ForkedEvm {
  /** The forked Evm itself; its synchronous methods throw (needsState) when state is missing. */
  readonly evm: Evm;
  readonly chainId: bigint;
  /** The block whose state is fetched. */
  readonly blockNumber: bigint;
  readonly fork: Fork;
  readonly stats: ForkStats;
  /** Runs fn(evm), fetching state whenever it stops for some, until it is done. */
  run<T>(fn: (evm: Evm) => T): Promise<T>;
  call(...a: Parameters<Evm['call']>): Promise<ReturnType<Evm['call']>>;
  sendTransaction(...a: Parameters<Evm['sendTransaction']>): Promise<ReturnType<Evm['sendTransaction']>>;
  estimateGas(...a: Parameters<Evm['estimateGas']>): Promise<bigint>;
  runCode(...a: Parameters<Evm['runCode']>): Promise<ReturnType<Evm['runCode']>>;
  getAccount(...a: Parameters<Evm['getAccount']>): Promise<ReturnType<Evm['getAccount']>>;
  getStorageAt(...a: Parameters<Evm['getStorageAt']>): Promise<ReturnType<Evm['getStorageAt']>>;
  setAccount(...a: Parameters<Evm['setAccount']>): Promise<void>;
  setBalance(...a: Parameters<Evm['setBalance']>): Promise<void>;
  setNonce(...a: Parameters<Evm['setNonce']>): Promise<void>;
  setCode(...a: Parameters<Evm['setCode']>): Promise<void>;
  setStorageAt(...a: Parameters<Evm['setStorageAt']>): Promise<void>;
  begin(...a: Parameters<Evm['begin']>): Promise<void>;
  stepInto(...a: Parameters<Evm['stepInto']>): Promise<ReturnType<Evm['stepInto']>>;
  stepOver(...a: Parameters<Evm['stepOver']>): Promise<ReturnType<Evm['stepOver']>>;
  stepOut(...a: Parameters<Evm['stepOut']>): Promise<ReturnType<Evm['stepOut']>>;
  continue(...a: Parameters<Evm['continue']>): Promise<ReturnType<Evm['continue']>>;
  stepBack(...a: Parameters<Evm['stepBack']>): Promise<ReturnType<Evm['stepBack']>>;
  /** Replays a mined transaction on a new fork of the state before its block. */
  replayTransaction(hash: `0x${string}`, options?: ReplayOptions): Promise<{ forked: ForkedEvm; transaction: Record<string, unknown>; mode: 'prefix' | 'prestate'; result?: CallResult }>;
}
/** A JSON-RPC or transport failure, named. */
export declare class ForkError extends Error {}
/** An Evm that is the lazy copy of a JSON-RPC node's state at a block. */
export declare function fork(options: ForkOptions): Promise<ForkedEvm>;
/** A mined transaction (eth_getTransactionByHash) as a TransactionRequest. */
export declare function requestOf(tx: Record<string, unknown>): TransactionRequest;
