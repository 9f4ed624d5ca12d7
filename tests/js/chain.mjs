// The test chain for forking: anvil (see anvil.mjs) with contracts compiled by solc-js deployed
// in one block and thirteen transactions from four senders in the next; and the node's trace
// of a transaction in the terms evmbox's trace uses. Shared by tests/js/fork.test.mjs (Node)
// and tests/browser/run.mjs (headless Chromium).
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import solc from 'solc';
import { encodeFunctionData, encodeDeployData, getContractAddress } from 'viem';
import { startAnvil } from './anvil.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

// --- Compile -------------------------------------------------------------------------------
const FILES = ['Token.sol', 'Factory.sol', 'Proxy.sol', 'Recursive.sol', 'Lock.sol', 'Env.sol'];
const C = (() => {
  const sources = Object.fromEntries(FILES.map((f) => [f, { content: readFileSync(join(root, 'tests/js/contracts', f), 'utf8') }]));
  const out = JSON.parse(solc.compile(JSON.stringify({
    language: 'Solidity', sources,
    settings: { evmVersion: 'cancun', optimizer: { enabled: true, runs: 200 }, outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } } },
  })));
  const errors = (out.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length) throw new Error(errors.map((e) => e.formattedMessage).join('\n'));
  const all = {};
  for (const cs of Object.values(out.contracts)) for (const [n, c] of Object.entries(cs)) all[n] = { abi: c.abi, bytecode: '0x' + c.evm.bytecode.object };
  return all;
})();

/** Starts anvil and mines the chain: resolves to `{ anvil, hashes, A }` (every transaction
 * hash in order, and the contract addresses). */
export async function startChain() {
  const anvil = await startAnvil(['--hardfork', 'prague', '--no-mining', '--steps-tracing']);
  const { rpc } = anvil;
  const hashes = [];
  const A = {};
  const senders = (await rpc('eth_accounts')).slice(0, 4);
  const nonces = {};
  const send = async (from, to, data, value = 0n) => {
    nonces[from] ??= BigInt(await rpc('eth_getTransactionCount', [from, 'latest']));
    const tx = { from, data, gas: '0x2dc6c0', nonce: '0x' + nonces[from].toString(16), value: '0x' + value.toString(16), ...(to ? { to } : {}) };
    nonces[from]++;
    hashes.push(await rpc('eth_sendTransaction', [tx]));
  };
  const deploy = async (from, name, args = []) => {
    nonces[from] ??= BigInt(await rpc('eth_getTransactionCount', [from, 'latest']));
    const address = getContractAddress({ from, nonce: nonces[from] });
    await send(from, null, encodeDeployData({ abi: C[name].abi, bytecode: C[name].bytecode, args }));
    return address;
  };
  const call = (name, fn, args = []) => encodeFunctionData({ abi: C[name].abi, functionName: fn, args });
  const [s0, s1, s2, s3] = senders;
  // Block 1: deployments.
  A.token = await deploy(s0, 'Token', [10n ** 24n]);
  A.factory = await deploy(s0, 'Factory');
  A.recursive = await deploy(s1, 'Recursive');
  A.impl = await deploy(s1, 'CounterImpl');
  A.proxy = await deploy(s1, 'Proxy', [A.impl]);
  A.vault = await deploy(s2, 'Vault');
  A.env = await deploy(s2, 'Env');
  await rpc('evm_mine');
  // Block 2: several senders, calls through CALL, DELEGATECALL and CREATE2, reverts caught and
  // not, transient storage, MCOPY, and the environment readers.
  await send(s0, A.token, call('Token', 'transfer', [s1, 1000n]));
  await send(s0, A.token, call('Token', 'transfer', [s2, 2000n]));
  await send(s1, A.env, call('Env', 'bump'));
  await send(s3, A.env, call('Env', 'bump')); // the counter, touched twice in one block
  await send(s2, A.env, call('Env', 'record'));
  await send(s3, A.env, call('Env', 'copy', ['0x' + 'ab'.repeat(100)]));
  await send(s1, A.recursive, call('Recursive', 'sum', [6n, 3n]));
  await send(s1, A.recursive, call('Recursive', 'sum', [4n, 4n])); // reverts
  await send(s0, A.factory, call('Factory', 'deploy', ['0x' + '01'.repeat(32), 7n]));
  await send(s1, A.proxy, call('CounterImpl', 'init'));
  await send(s1, A.proxy, call('CounterImpl', 'add', [5n]));
  await send(s2, A.vault, call('Vault', 'deposit'), 10n ** 15n);
  await send(s2, A.vault, call('Vault', 'withdraw')); // TSTORE, then a revert
  await rpc('evm_mine');
  return { anvil, hashes, A };
}

/** The node's steps of a transaction: pc, op, gas, gasCost, depth, stack. */
export async function nodeSteps(rpc, hash) {
  const t = await rpc('debug_traceTransaction', [hash, { enableMemory: false, disableStorage: true }]);
  return t.structLogs.map((s) => ({ pc: s.pc, op: s.op, gas: BigInt(s.gas), gasCost: BigInt(s.gasCost), depth: s.depth, stack: (s.stack ?? []).map((x) => BigInt(x)) }));
}

/** Our trace's steps in the node's terms. Our gasCost is geth's (the reference traces in
 * ../shared/fixtures); anvil's tracer (revm-inspectors) also counts, for a CREATE or CREATE2
 * that enters its frame, the gas handed to it: all but a 64th of what is left (EIP-150). */
export function ourSteps(steps) {
  return steps.map((s, i) => {
    let gasCost = BigInt(s.gasCost);
    const entered = steps[i + 1]?.depth > s.depth;
    if ((s.opName === 'CREATE' || s.opName === 'CREATE2') && entered) {
      const left = BigInt(s.gas) - gasCost;
      gasCost += left - left / 64n;
    }
    return { pc: s.pc, op: s.opName, gas: BigInt(s.gas), gasCost, depth: s.depth, stack: s.stack.map((x) => BigInt(x)) };
  });
}
