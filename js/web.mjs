// Browser and bundler entry: the wasm-bindgen `web` build. Call `await init()` once before
// using the API; it fetches evmbox_bg.wasm next to this package's pkg-web/evmbox.js.
export { Evm, assemble, assembleWithSourceMap, disassemble, runStateTests, initSync } from '../pkg-web/evmbox.js';
export { DEFAULT_SENDER, DEFAULT_BALANCE, SCRATCH_ADDRESS } from './constants.mjs';
export { default } from '../pkg-web/evmbox.js';
import { Evm as EvmClass } from '../pkg-web/evmbox.js';
import { createFork } from './fork.mjs';
export { ForkedEvm, ForkError, requestOf } from './fork.mjs';
/** `await fork({ url, blockNumber? })`: an Evm that is the lazy copy of a JSON-RPC node's state. */
export const fork = (options) => createFork(EvmClass, options);
