// Constants of the JS API (the values the wasm module uses; tests/js check that they agree).

/** The sender of requests that name no `from`; every new Evm holds it with DEFAULT_BALANCE. */
export const DEFAULT_SENDER = '0x1000000000000000000000000000000000000001';
/** The default sender's balance in a new Evm: 10^24 wei (a million ether). */
export const DEFAULT_BALANCE = 10n ** 24n;
/** Where runCode places the code it runs. */
export const SCRATCH_ADDRESS = '0xC0de000000000000000000000000000000000001';
