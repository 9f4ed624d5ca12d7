//! ADD, MUL, SUB, DIV, SDIV, MOD, SMOD, ADDMOD, MULMOD, EXP, SIGNEXTEND.

use super::{charge, OpResult};
use crate::frame::Frame;
use crate::gas::EXP_BYTE;
use crate::primitives::U256;

const SIGN: U256 = U256::from_limbs([0, 0, 0, 1 << 63]);

/// `a + b` mod 2^256, limb by limb. ruint's `wrapping_add` is correct but stayed an
/// out-of-line call inside the dispatch loop, natively and in wasm (the loop function is too
/// large for LLVM to inline it there); this body always inlines.
#[inline(always)]
fn wrapping_add(a: U256, b: U256) -> U256 {
    let (a, b) = (a.as_limbs(), b.as_limbs());
    let mut r = [0u64; 4];
    let mut carry = false;
    for i in 0..4 {
        let (s, c1) = a[i].overflowing_add(b[i]);
        let (s, c2) = s.overflowing_add(carry as u64);
        r[i] = s;
        carry = c1 | c2;
    }
    U256::from_limbs(r)
}

/// `a - b` mod 2^256, limb by limb (see [`wrapping_add`]).
#[inline(always)]
fn wrapping_sub(a: U256, b: U256) -> U256 {
    let (a, b) = (a.as_limbs(), b.as_limbs());
    let mut r = [0u64; 4];
    let mut borrow = false;
    for i in 0..4 {
        let (d, b1) = a[i].overflowing_sub(b[i]);
        let (d, b2) = d.overflowing_sub(borrow as u64);
        r[i] = d;
        borrow = b1 | b2;
    }
    U256::from_limbs(r)
}

/// Whether the word is negative in two's complement.
#[inline(always)]
pub(crate) fn is_neg(v: &U256) -> bool {
    v.bit(255)
}

#[inline(always)]
fn abs(v: U256) -> U256 {
    if is_neg(&v) {
        v.wrapping_neg()
    } else {
        v
    }
}

/// The value of a word that fits 64 bits.
#[inline(always)]
fn small(v: &U256) -> Option<u64> {
    let l = v.as_limbs();
    (l[1] | l[2] | l[3] == 0).then_some(l[0])
}

/// `a * b` mod 2^256, with fast paths for operands that fit 32 and 64 bits (most do): wasm
/// has no 64×64→128 multiply, and ruint's product makes ten 128-bit ones, each a call.
#[inline(always)]
fn mul_words(a: U256, b: U256) -> U256 {
    match (small(&a), small(&b)) {
        (Some(x), Some(y)) if (x | y) >> 32 == 0 => U256::from(x * y),
        (Some(x), Some(y)) => U256::from(x as u128 * y as u128),
        _ => a.wrapping_mul(b),
    }
}

/// `a / b` (0 when `b` is 0), in 64-bit arithmetic when both fit it.
#[inline(always)]
fn div_words(a: U256, b: U256) -> U256 {
    match (small(&a), small(&b)) {
        (_, Some(0)) => U256::ZERO,
        (Some(x), Some(y)) => U256::from(x / y),
        _ if a < b => U256::ZERO,
        _ => a / b,
    }
}

/// `a % b` (0 when `b` is 0), in 64-bit arithmetic when both fit it.
#[inline(always)]
fn rem_words(a: U256, b: U256) -> U256 {
    match (small(&a), small(&b)) {
        (_, Some(0)) => U256::ZERO,
        (Some(x), Some(y)) => U256::from(x % y),
        _ if a < b => a,
        _ => a % b,
    }
}

#[inline(always)]
pub(crate) fn add(f: &mut Frame) -> OpResult {
    binary!(f, |a, b| wrapping_add(a, b))
}
#[inline(always)]
pub(crate) fn mul(f: &mut Frame) -> OpResult {
    binary!(f, |a, b| mul_words(a, b))
}
#[inline(always)]
pub(crate) fn sub(f: &mut Frame) -> OpResult {
    binary!(f, |a, b| wrapping_sub(a, b))
}
#[inline(never)]
pub(crate) fn div(f: &mut Frame) -> OpResult {
    binary!(f, |a, b| div_words(a, b))
}
#[inline(never)]
pub(crate) fn rem(f: &mut Frame) -> OpResult {
    binary!(f, |a, b| rem_words(a, b))
}
#[inline(never)]
pub(crate) fn sdiv(f: &mut Frame) -> OpResult {
    binary!(f, |a, b| if b.is_zero() {
        U256::ZERO
    } else {
        let q = div_words(abs(a), abs(b));
        if is_neg(&a) != is_neg(&b) {
            q.wrapping_neg()
        } else {
            q
        }
    })
}
#[inline(never)]
pub(crate) fn smod(f: &mut Frame) -> OpResult {
    binary!(f, |a, b| if b.is_zero() {
        U256::ZERO
    } else {
        let r = rem_words(abs(a), abs(b));
        if is_neg(&a) {
            r.wrapping_neg()
        } else {
            r
        }
    })
}
#[inline(never)]
pub(crate) fn addmod(f: &mut Frame) -> OpResult {
    let a = f.stack.pop();
    let b = f.stack.pop();
    let n = f.stack.top_mut();
    *n = if n.is_zero() {
        U256::ZERO
    } else {
        a.add_mod(b, *n)
    };
    Ok(())
}
#[inline(never)]
pub(crate) fn mulmod(f: &mut Frame) -> OpResult {
    let a = f.stack.pop();
    let b = f.stack.pop();
    let n = f.stack.top_mut();
    *n = if n.is_zero() {
        U256::ZERO
    } else {
        a.mul_mod(b, *n)
    };
    Ok(())
}
#[inline(never)]
pub(crate) fn exp(f: &mut Frame) -> OpResult {
    let base = f.stack.pop();
    let exponent = f.stack.peek(0);
    let bytes = exponent.bit_len().div_ceil(8) as u64;
    charge(f, EXP_BYTE * bytes)?;
    *f.stack.top_mut() = base.wrapping_pow(exponent);
    Ok(())
}
#[inline(always)]
pub(crate) fn signextend(f: &mut Frame) -> OpResult {
    let b = f.stack.pop();
    let x = f.stack.top_mut();
    if b < U256::from(31) {
        let bit = b.as_limbs()[0] as usize * 8 + 7;
        // Bits below the sign bit (no subtraction: see `wrapping_add`).
        let mask = U256::MAX >> (256 - bit);
        *x = if x.bit(bit) { *x | !mask } else { *x & mask };
    }
    Ok(())
}

/// Signed less-than on two's complement words.
#[inline(always)]
pub(crate) fn signed_lt(a: U256, b: U256) -> bool {
    (a ^ SIGN) < (b ^ SIGN)
}
