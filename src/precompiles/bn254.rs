//! BN254 (alt_bn128) addition (0x06), scalar multiplication (0x07) and pairing check (0x08),
//! with EIP-1108 gas, on the substrate-bn crate.

use super::{padded, Out};
use crate::status::Halt;
use bn::{AffineG1, AffineG2, Fq, Fq2, Fr, Group, Gt, G1, G2};

pub(super) const ADD_GAS: u64 = 150;
pub(super) const MUL_GAS: u64 = 6000;
const PAIR_BASE: u64 = 45000;
const PAIR_PER_POINT: u64 = 34000;
const PAIR_LEN: usize = 192;

pub(super) fn pairing_gas(len: usize) -> u64 {
    PAIR_BASE + (len / PAIR_LEN) as u64 * PAIR_PER_POINT
}

fn fq(b: &[u8]) -> Result<Fq, Halt> {
    Fq::from_slice(b).map_err(|_| Halt::PrecompileFailure)
}

/// A G1 point from 64 bytes; (0, 0) is the point at infinity.
fn g1(b: &[u8]) -> Result<G1, Halt> {
    let (x, y) = (fq(&b[..32])?, fq(&b[32..64])?);
    if x.is_zero() && y.is_zero() {
        return Ok(G1::zero());
    }
    AffineG1::new(x, y)
        .map(Into::into)
        .map_err(|_| Halt::PrecompileFailure)
}

/// A G2 point from 128 bytes (each coordinate imaginary part first, EIP-197).
fn g2(b: &[u8]) -> Result<G2, Halt> {
    let x = Fq2::new(fq(&b[32..64])?, fq(&b[..32])?);
    let y = Fq2::new(fq(&b[96..128])?, fq(&b[64..96])?);
    if x.is_zero() && y.is_zero() {
        return Ok(G2::zero());
    }
    AffineG2::new(x, y)
        .map(Into::into)
        .map_err(|_| Halt::PrecompileFailure)
}

fn write_g1(p: G1, out: &mut Vec<u8>) {
    let mut buf = [0u8; 64];
    if let Some(a) = AffineG1::from_jacobian(p) {
        // Both writes are into 32-byte slices, the exact size these calls require.
        let _ = a.x().to_big_endian(&mut buf[..32]);
        let _ = a.y().to_big_endian(&mut buf[32..]);
    }
    out.extend_from_slice(&buf);
}

pub(super) fn add(input: &[u8], out: &mut Vec<u8>) -> Out {
    let b: [u8; 128] = padded(input, 0);
    let p = g1(&b[..64])? + g1(&b[64..])?;
    write_g1(p, out);
    Ok(())
}

pub(super) fn mul(input: &[u8], out: &mut Vec<u8>) -> Out {
    let b: [u8; 96] = padded(input, 0);
    let p = g1(&b[..64])?;
    let s = Fr::from_slice(&b[64..96]).map_err(|_| Halt::PrecompileFailure)?;
    write_g1(p * s, out);
    Ok(())
}

pub(super) fn pairing(input: &[u8], out: &mut Vec<u8>) -> Out {
    if !input.len().is_multiple_of(PAIR_LEN) {
        return Err(Halt::PrecompileFailure);
    }
    let mut pairs = Vec::with_capacity(input.len() / PAIR_LEN);
    for c in input.chunks_exact(PAIR_LEN) {
        let (a, b) = (g1(&c[..64])?, g2(&c[64..])?);
        if !a.is_zero() && !b.is_zero() {
            pairs.push((a, b));
        }
    }
    let ok = pairs.is_empty() || bn::pairing_batch(&pairs) == Gt::one();
    let mut w = [0u8; 32];
    w[31] = ok as u8;
    out.extend_from_slice(&w);
    Ok(())
}
