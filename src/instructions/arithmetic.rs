//! ADD, MUL, SUB, DIV, SDIV, MOD, SMOD, ADDMOD, MULMOD, EXP, SIGNEXTEND.

use super::{charge, OpResult};
use crate::frame::Frame;
use crate::gas::EXP_BYTE;
use crate::primitives::U256;

const SIGN: U256 = U256::from_limbs([0, 0, 0, 1 << 63]);

#[inline(always)]
fn binop(f: &mut Frame, op: impl FnOnce(U256, U256) -> U256) -> OpResult {
    let a = f.stack.pop();
    let b = f.stack.top_mut();
    *b = op(a, *b);
    Ok(())
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

#[inline(always)]
pub(crate) fn add(f: &mut Frame) -> OpResult {
    binop(f, |a, b| a.wrapping_add(b))
}
#[inline(always)]
pub(crate) fn mul(f: &mut Frame) -> OpResult {
    binop(f, |a, b| a.wrapping_mul(b))
}
#[inline(always)]
pub(crate) fn sub(f: &mut Frame) -> OpResult {
    binop(f, |a, b| a.wrapping_sub(b))
}
#[inline(never)]
pub(crate) fn div(f: &mut Frame) -> OpResult {
    binop(f, |a, b| a.checked_div(b).unwrap_or(U256::ZERO))
}
#[inline(never)]
pub(crate) fn rem(f: &mut Frame) -> OpResult {
    binop(f, |a, b| a.checked_rem(b).unwrap_or(U256::ZERO))
}
#[inline(never)]
pub(crate) fn sdiv(f: &mut Frame) -> OpResult {
    binop(f, |a, b| {
        if b.is_zero() {
            return U256::ZERO;
        }
        let q = abs(a) / abs(b);
        if is_neg(&a) != is_neg(&b) {
            q.wrapping_neg()
        } else {
            q
        }
    })
}
#[inline(never)]
pub(crate) fn smod(f: &mut Frame) -> OpResult {
    binop(f, |a, b| {
        if b.is_zero() {
            return U256::ZERO;
        }
        let r = abs(a) % abs(b);
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
        let mask = (U256::from(1) << bit) - U256::from(1);
        *x = if x.bit(bit) { *x | !mask } else { *x & mask };
    }
    Ok(())
}

/// Signed less-than on two's complement words.
#[inline(always)]
pub(crate) fn signed_lt(a: U256, b: U256) -> bool {
    (a ^ SIGN) < (b ^ SIGN)
}
