// Node entry: the wasm-bindgen `nodejs` build loads its .wasm synchronously, so there is
// nothing to initialise; `init` exists so that code written for the browser runs unchanged.
export { Evm, assemble, assembleWithSourceMap, disassemble, runStateTests } from '../pkg-node/evmbox.js';
export { DEFAULT_SENDER, DEFAULT_BALANCE, SCRATCH_ADDRESS } from './constants.mjs';

/** Loads the wasm module (already loaded in Node). */
export default async function init() {}
import { Evm as EvmClass } from '../pkg-node/evmbox.js';
import { createFork } from './fork.mjs';
export { ForkedEvm, ForkError, requestOf } from './fork.mjs';
/** `await fork({ url, blockNumber? })`: an Evm that is the lazy copy of a JSON-RPC node's state. */
export const fork = (options) => createFork(EvmClass, options);
