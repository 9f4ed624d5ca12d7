//! MODEXP (0x05): arbitrary-precision modular exponentiation, priced by EIP-2565 (up to
//! Prague) or EIP-7883 with EIP-7823's 1024-byte bound on each operand (Osaka).
//!
//! Lengths are 256-bit words; the gas formula is evaluated with saturating arithmetic before
//! anything is read, so a huge length is an out-of-gas, never a huge allocation.

use super::{padded, ModexpRules, Out};
use crate::memory::MAX_MEMORY;
use crate::primitives::U256;
use crate::status::Halt;

fn len_at(input: &[u8], i: usize) -> u64 {
    let w = U256::from_be_bytes(padded::<32>(input, 32 * i));
    u64::try_from(w).unwrap_or(u64::MAX)
}

/// `input[offset..offset+len]` zero-padded, with an offset that may lie far past the input;
/// `None` if the allocator cannot provide `len` bytes.
fn slice_padded(input: &[u8], offset: u64, len: usize) -> Option<Vec<u8>> {
    let mut v = Vec::new();
    v.try_reserve_exact(len).ok()?;
    v.resize(len, 0);
    if offset < input.len() as u64 {
        let o = offset as usize;
        let n = (input.len() - o).min(len);
        v[..n].copy_from_slice(&input[o..o + n]);
    }
    Some(v)
}

/// Largest base, exponent or modulus length from Osaka on (EIP-7823).
const MAX_OPERAND: u64 = 1024;

/// The gas of a call with `input` (EIP-2565 or EIP-7883).
pub(super) fn gas(input: &[u8], rules: ModexpRules) -> u64 {
    let (b, e, m) = (len_at(input, 0), len_at(input, 1), len_at(input, 2));
    let max_len = b.max(m) as u128;
    let words = max_len.div_ceil(8);
    let complexity = match rules {
        ModexpRules::Eip2565 => words.saturating_mul(words),
        ModexpRules::Eip7883 if max_len <= 32 => 16,
        ModexpRules::Eip7883 => words.saturating_mul(words).saturating_mul(2),
    };
    let (per_byte, divisor, min) = match rules {
        ModexpRules::Eip2565 => (8, 3, 200),
        ModexpRules::Eip7883 => (16, 1, 500),
    };
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
        (per_byte * (e as u128 - 32)).saturating_add(head_bits.saturating_sub(1))
    }
    .max(1);
    let g = complexity.saturating_mul(iterations) / divisor;
    g.max(min).min(u64::MAX as u128) as u64
}

/// Computes the result into `out` (the gas already paid).
pub(super) fn run(input: &[u8], out: &mut Vec<u8>, rules: ModexpRules) -> Out {
    let (b, e, m) = (len_at(input, 0), len_at(input, 1), len_at(input, 2));
    if rules == ModexpRules::Eip7883 && b.max(e).max(m) > MAX_OPERAND {
        return Err(Halt::PrecompileFailure);
    }
    if m == 0 {
        return Ok(());
    }
    // Gas was paid, so these lengths are affordable; operands larger than a frame's memory
    // limit, or than the allocator can provide, halt instead of aborting the process.
    if b.max(e).max(m) > MAX_MEMORY {
        return Err(Halt::MemoryLimit);
    }
    let (bl, el, ml) = (b as usize, e as usize, m as usize);
    let operands = (
        slice_padded(input, 96, bl),
        slice_padded(input, 96u64.saturating_add(b), el),
        slice_padded(input, 96u64.saturating_add(b).saturating_add(e), ml),
    );
    let (Some(base), Some(exp), Some(modulus)) = operands else {
        return Err(Halt::MemoryLimit);
    };
    let r = aurora_engine_modexp::modexp(&base, &exp, &modulus);
    let r = &r[r.len().saturating_sub(ml)..];
    out.resize(ml - r.len(), 0);
    out.extend_from_slice(r);
    Ok(())
}
