//! MODEXP (0x05): arbitrary-precision modular exponentiation with EIP-2565 gas.
//!
//! Lengths are 256-bit words; the gas formula is evaluated with saturating arithmetic before
//! anything is read, so a huge length is an out-of-gas, never a huge allocation.

use super::{padded, Out};
use crate::frame::Halt;
use crate::primitives::U256;

fn len_at(input: &[u8], i: usize) -> u64 {
    let w = U256::from_be_bytes(padded::<32>(input, 32 * i));
    u64::try_from(w).unwrap_or(u64::MAX)
}

/// `input[offset..offset+len]` zero-padded, with an offset that may lie far past the input.
fn slice_padded(input: &[u8], offset: u64, len: usize) -> Vec<u8> {
    let mut v = vec![0u8; len];
    if offset < input.len() as u64 {
        let o = offset as usize;
        let n = (input.len() - o).min(len);
        v[..n].copy_from_slice(&input[o..o + n]);
    }
    v
}

/// EIP-2565 gas.
pub(super) fn gas(input: &[u8]) -> u64 {
    let (b, e, m) = (len_at(input, 0), len_at(input, 1), len_at(input, 2));
    let words = (b.max(m) as u128).div_ceil(8);
    let complexity = words.saturating_mul(words);
    // The exponent's first (up to) 32 bytes.
    let head_len = e.min(32) as usize;
    let head_off = 96u64.saturating_add(b);
    let mut head = [0u8; 32];
    if head_off < input.len() as u64 {
        let o = head_off as usize;
        let n = (input.len() - o).min(head_len);
        head[32 - head_len..32 - head_len + n].copy_from_slice(&input[o..o + n]);
    }
    let head_bits = U256::from_be_bytes(head).bit_len() as u128;
    let iterations = if e <= 32 {
        head_bits.saturating_sub(1)
    } else {
        (8 * (e as u128 - 32)).saturating_add(head_bits.saturating_sub(1))
    }
    .max(1);
    let g = complexity.saturating_mul(iterations) / 3;
    g.max(200).min(u64::MAX as u128) as u64
}

pub(super) fn run(input: &[u8], out: &mut Vec<u8>) -> Out {
    let (b, e, m) = (len_at(input, 0), len_at(input, 1), len_at(input, 2));
    if m == 0 {
        return Ok(());
    }
    // Gas was paid, so these lengths are affordable; still refuse what cannot be addressed.
    let (Ok(bl), Ok(el), Ok(ml)) = (usize::try_from(b), usize::try_from(e), usize::try_from(m))
    else {
        return Err(Halt::OutOfGas);
    };
    let base = slice_padded(input, 96, bl);
    let exp = slice_padded(input, 96u64.saturating_add(b), el);
    let modulus = slice_padded(input, 96u64.saturating_add(b).saturating_add(e), ml);
    let r = aurora_engine_modexp::modexp(&base, &exp, &modulus);
    let r = &r[r.len().saturating_sub(ml)..];
    out.resize(ml - r.len(), 0);
    out.extend_from_slice(r);
    Ok(())
}
