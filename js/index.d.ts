// Types of both entries (identical APIs; `init` resolves at once in Node).
export * from '../pkg-web/evmbox.js';
export { default } from '../pkg-web/evmbox.js';
/** The sender of requests that name no `from`; every new Evm holds it with DEFAULT_BALANCE. */
export const DEFAULT_SENDER: `0x${string}`;
/** The default sender's balance in a new Evm: 10^24 wei. */
export const DEFAULT_BALANCE: bigint;
/** Where runCode places the code it runs. */
export const SCRATCH_ADDRESS: `0x${string}`;
