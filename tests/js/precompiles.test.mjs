// The precompiles Prague and Osaka added, called through the package and checked against
// independent implementations: @noble/curves for BLS12-381 (EIP-2537) and Node's OpenSSL
// for P-256 signatures (EIP-7951). Gas is each EIP's constant.
// Uses pkg-node (scripts/build-pkg.sh). Run: node --test tests/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { bls12_381 as bls } from '@noble/curves/bls12-381.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const { Evm } = createRequire(import.meta.url)(join(root, 'pkg-node/evmbox.js'));

const at = (n) => '0x' + n.toString(16).padStart(40, '0');
const word = (n, bytes = 32) => n.toString(16).padStart(bytes * 2, '0');
const fp = (n) => word(n, 64); // EIP-2537: 16 zero bytes, then 48 bytes
const g1 = (P) => { if (P.equals(bls.G1.Point.ZERO)) return '00'.repeat(128); const { x, y } = P.toAffine(); return fp(x) + fp(y); };
const g2 = (P) => { const { x, y } = P.toAffine(); return fp(x.c0) + fp(x.c1) + fp(y.c0) + fp(y.c1); };
const G1 = bls.G1.Point.BASE;
const G2 = bls.G2.Point.BASE;

/** Calls precompile `id` with `data` (hex without 0x); returns output and the precompile's gas. */
function run(evm, id, data) {
  const r = evm.call({ to: at(id), data: '0x' + data }, { callTree: true });
  assert.equal(r.status, 'success', `0x${id.toString(16)}: ${r.haltReason}`);
  return { out: r.output.slice(2), gas: r.callTree[0].gasUsed };
}

test('BLS12-381 additions, MSMs and maps equal @noble/curves, at EIP-2537 prices', () => {
  const evm = new Evm({ fork: 'prague' });
  let r = run(evm, 0x0b, g1(G1) + g1(G1.multiply(2n)));
  assert.deepEqual(r, { out: g1(G1.multiply(3n)), gas: 375n });
  r = run(evm, 0x0d, g2(G2) + g2(G2.multiply(5n)));
  assert.deepEqual(r, { out: g2(G2.multiply(6n)), gas: 600n });
  // MSM of two pairs: 5·G + 7·(2G) = 19·G; k = 2 costs 2 × 12000 × 949 / 1000.
  r = run(evm, 0x0c, g1(G1) + word(5n) + g1(G1.multiply(2n)) + word(7n));
  assert.deepEqual(r, { out: g1(G1.multiply(19n)), gas: 2n * 12000n * 949n / 1000n });
  r = run(evm, 0x0e, g2(G2) + word(3n));
  assert.deepEqual(r, { out: g2(G2.multiply(3n)), gas: 22500n });
  const u = 0x1234567890abcdefn;
  r = run(evm, 0x10, fp(u));
  assert.deepEqual(r, { out: g1(bls.G1.mapToCurve(u)), gas: 5500n });
  r = run(evm, 0x11, fp(u) + fp(u + 1n));
  assert.deepEqual(r, { out: g2(bls.G2.mapToCurve([u, u + 1n])), gas: 23800n });
});

test('BLS12-381 pairing check: e(aP, bQ)·e(-abP, Q) = 1, a wrong product is not', () => {
  const evm = new Evm({ fork: 'prague' });
  const [a, b] = [7n, 11n];
  const pairs = (k) => g1(G1.multiply(a)) + g2(G2.multiply(b)) + g1(G1.multiply(a * b + k).negate()) + g2(G2);
  assert.deepEqual(run(evm, 0x0f, pairs(0n)), { out: word(1n), gas: 2n * 32600n + 37700n });
  assert.equal(run(evm, 0x0f, pairs(1n)).out, word(0n));
});

test('malformed BLS12-381 inputs fail the call and consume its gas', () => {
  const evm = new Evm({ fork: 'prague' });
  const offCurve = fp(1n) + fp(1n);
  const bad = [
    [0x0b, g1(G1)], // one point: wrong length
    [0x0b, offCurve + g1(G1)], // not on the curve
    [0x10, '01' + fp(1n).slice(2)], // non-zero padding
    [0x10, fp(bls.fields.Fp.ORDER)], // ≥ p
    [0x0c, ''], // no pairs
  ];
  for (const [id, data] of bad) {
    const r = evm.call({ to: at(id), data: '0x' + data, gas: 100_000n });
    assert.equal(r.status, 'halt', `0x${id.toString(16)} ${data.slice(0, 20)}`);
    assert.equal(r.gasUsed, 100_000n);
  }
  // Before Prague, 0x0b is an empty account: the call succeeds with no output.
  const cancun = new Evm({ fork: 'cancun' });
  assert.equal(cancun.call({ to: at(0x0b), data: '0x' + g1(G1) + g1(G1) }).output, '0x');
});

test('P256VERIFY (Osaka) accepts what OpenSSL signs, and nothing else', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const msg = Buffer.from('a passkey assertion');
  const sig = sign('sha256', msg, { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('hex');
  const { x, y } = publicKey.export({ format: 'jwk' });
  const q = Buffer.from(x, 'base64url').toString('hex') + Buffer.from(y, 'base64url').toString('hex');
  const h = (m) => createHash('sha256').update(m).digest('hex');
  const evm = new Evm();
  assert.deepEqual(run(evm, 0x100, h(msg) + sig + q), { out: word(1n), gas: 6900n });
  assert.deepEqual(run(evm, 0x100, h(Buffer.from('another')) + sig + q), { out: '', gas: 6900n });
  assert.deepEqual(run(evm, 0x100, (h(msg) + sig + q).slice(2)), { out: '', gas: 6900n });
  // Before Osaka, 0x100 is an empty account.
  assert.equal(run(new Evm({ fork: 'prague' }), 0x100, h(msg) + sig + q).out, '');
});
