// The fork as a per-instance choice: Osaka by default, Cancun and Prague on request, each
// with its own rules. Expected numbers come from the EIPs' formulas (EIP-7939 CLZ, EIP-7825
// gas cap, EIP-7623 calldata floor, EIP-7702 intrinsic gas and refunds); authorizations
// are signed by viem, an independent implementation of EIP-7702's signing hash.
// Uses pkg-node (scripts/build-pkg.sh). Run: node --test tests/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { privateKeyToAccount } from 'viem/accounts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const { Evm, assemble } = createRequire(import.meta.url)(join(root, 'pkg-node/evmbox.js'));

const A = '0x' + 'aa'.repeat(20);
const D = '0x' + 'dd'.repeat(20);
const message = (fn) => {
  try { fn(); } catch (e) { assert.ok(e instanceof Error); return e.message; }
  assert.fail('did not throw');
};
const RETURN_TOP = 'PUSH0 MSTORE PUSH1 32 PUSH0 RETURN';

test('the fork is chosen per instance, osaka by default, and named back', () => {
  assert.equal(new Evm().fork, 'osaka');
  assert.equal(new Evm({ fork: 'Prague' }).fork, 'prague');
  assert.equal(new Evm({ fork: 'cancun' }).fork, 'cancun');
  assert.match(message(() => new Evm({ fork: 'shanghai' })), /^options\.fork: unknown fork "shanghai" \(known: cancun, prague, osaka\)/);
});

test('CLZ (EIP-7939) exists from Osaka on', () => {
  const code = assemble(`PUSH1 1 CLZ ${RETURN_TOP}`);
  const osaka = new Evm();
  osaka.setCode(A, code);
  assert.equal(BigInt(osaka.call({ to: A }).output), 255n);
  for (const fork of ['cancun', 'prague']) {
    const evm = new Evm({ fork });
    evm.setCode(A, code);
    const r = evm.call({ to: A });
    assert.equal(r.status, 'halt', fork);
    assert.match(r.haltReason, /0x1e/, fork);
  }
});

test('Osaka caps a transaction at 2^24 gas (EIP-7825); the default gas follows the cap', () => {
  const code = assemble(`GAS ${RETURN_TOP}`);
  const osaka = new Evm();
  osaka.setCode(A, code);
  // GAS reads what is left after the intrinsic 21,000 and GAS's own 2.
  assert.equal(BigInt(osaka.call({ to: A }).output), (1n << 24n) - 21000n - 2n);
  assert.match(message(() => osaka.call({ to: A, gas: (1n << 24n) + 1n })), /transaction gas cap of 16777216 \(EIP-7825\)/);
  const prague = new Evm({ fork: 'prague' });
  prague.setCode(A, code);
  assert.equal(BigInt(prague.call({ to: A }).output), 30_000_000n - 21000n - 2n);
});

test('Prague charges at least the calldata floor (EIP-7623)', () => {
  const data = '0x' + '01'.repeat(100); // 100 non-zero bytes: 400 tokens
  const used = (fork) => {
    const evm = new Evm({ fork });
    evm.setCode(A, assemble('STOP'));
    return evm.sendTransaction({ to: A, data }).gasUsed;
  };
  assert.equal(used('cancun'), 21000n + 100n * 16n);
  assert.equal(used('prague'), 21000n + 10n * 400n);
  assert.equal(used('osaka'), 21000n + 10n * 400n);
});

test('an EIP-7702 authorization makes an account run another one\'s code', async () => {
  const authority = privateKeyToAccount('0x' + '42'.repeat(32));
  const evm = new Evm({ fork: 'prague' });
  // The delegate stores CALLER in slot 0 of whoever runs it.
  evm.setCode(D, assemble('CALLER PUSH0 SSTORE STOP'));
  const sign = (nonce, chainId = 1) => authority.signAuthorization({ address: D, chainId, nonce });

  const r = evm.sendTransaction({ to: authority.address, authorizationList: [await sign(0)] });
  assert.equal(r.status, 'success');
  const acc = evm.getAccount(authority.address);
  assert.equal(acc.code, '0xef0100' + D.slice(2));
  assert.equal(acc.nonce, 1n);
  const { DEFAULT_SENDER } = await import(join(root, 'js/constants.mjs'));
  assert.equal(BigInt(evm.getStorageAt(authority.address, 0n)), BigInt(DEFAULT_SENDER));
  // 21,000 + 25,000 per authorization + the delegate's run (CALLER 2, PUSH0 2, a fresh
  // SSTORE 22,100); the transaction's own target warms its delegate for free, and nothing
  // is refunded: the authority was new.
  assert.equal(r.gasUsed, 21000n + 25000n + 2n + 2n + 22100n);

  // Again, now that the authority exists: 12,500 comes back, capped at a fifth of the gas
  // used (EIP-3529).
  evm.setCode(D, assemble('STOP'));
  const again = evm.sendTransaction({ to: authority.address, authorizationList: [await sign(1)] });
  const before = 21000n + 25000n;
  const refund = before / 5n < 12500n ? before / 5n : 12500n;
  assert.equal(again.gasUsed, before - refund);

  // A signature for another chain is skipped, not fatal.
  const other = evm.sendTransaction({ to: A, authorizationList: [await sign(2, 5)] });
  assert.equal(other.status, 'success');
  assert.equal(evm.getAccount(authority.address).nonce, 2n);

  // Before Prague there are no set-code transactions; an empty list is invalid.
  const cancun = new Evm({ fork: 'cancun' });
  assert.match(message(() => cancun.sendTransaction({ to: A, authorizationList: [] })), /authorizationList: an eip7702 transaction needs at least one/);
  const auth = await sign(0);
  assert.match(message(() => cancun.sendTransaction({ to: A, authorizationList: [auth] })), /EIP-7702\) need Prague or later/);
  assert.match(message(() => evm.sendTransaction({ authorizationList: [auth] })), /^request\.to: an eip7702 transaction cannot create a contract|to: an eip7702 transaction cannot create/);
  assert.match(message(() => evm.call({ to: A, authorizationList: [{ ...auth, v: 30n }] })), /authorizationList\[0\]\.v: disagrees with yParity/);
  assert.match(message(() => evm.call({ to: A, authorizationList: [{ ...auth, contractAddress: D }] })), /authorizationList\[0\]\.contractAddress: unknown field; did you mean address\?/);
});
