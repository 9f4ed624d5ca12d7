// Types of both entries (identical APIs; `init` resolves at once in Node).
export * from '../pkg-web/evmbox.js';
export { default } from '../pkg-web/evmbox.js';
