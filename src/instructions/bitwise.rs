//! LT, GT, SLT, SGT, EQ, ISZERO, AND, OR, XOR, NOT, BYTE, SHL, SHR, SAR, CLZ.

use super::arithmetic::{is_neg, signed_lt};
use super::OpResult;
use crate::frame::Frame;
use crate::primitives::U256;

#[inline(always)]
fn flag(b: bool) -> U256 {
    U256::from(b as u8)
}

#[inline(always)]
pub(crate) fn lt(f: &mut Frame) -> OpResult {
    binary!(f, |a, b| flag(a < b))
}
#[inline(always)]
pub(crate) fn gt(f: &mut Frame) -> OpResult {
    binary!(f, |a, b| flag(a > b))
}
#[inline(always)]
pub(crate) fn slt(f: &mut Frame) -> OpResult {
    binary!(f, |a, b| flag(signed_lt(a, b)))
}
#[inline(always)]
pub(crate) fn sgt(f: &mut Frame) -> OpResult {
    binary!(f, |a, b| flag(signed_lt(b, a)))
}
#[inline(always)]
pub(crate) fn eq(f: &mut Frame) -> OpResult {
    binary!(f, |a, b| flag(a == b))
}
#[inline(always)]
pub(crate) fn iszero(f: &mut Frame) -> OpResult {
    let a = f.stack.top_mut();
    *a = flag(a.is_zero());
    Ok(())
}
#[inline(always)]
pub(crate) fn and(f: &mut Frame) -> OpResult {
    binary!(f, |a, b| a & b)
}
#[inline(always)]
pub(crate) fn or(f: &mut Frame) -> OpResult {
    binary!(f, |a, b| a | b)
}
#[inline(always)]
pub(crate) fn xor(f: &mut Frame) -> OpResult {
    binary!(f, |a, b| a ^ b)
}
#[inline(always)]
pub(crate) fn not(f: &mut Frame) -> OpResult {
    let a = f.stack.top_mut();
    *a = !*a;
    Ok(())
}
#[inline(always)]
pub(crate) fn byte(f: &mut Frame) -> OpResult {
    binary!(f, |i, x| {
        if i < U256::from(32) {
            U256::from(x.byte(31 - i.as_limbs()[0] as usize))
        } else {
            U256::ZERO
        }
    })
}
#[inline(always)]
pub(crate) fn shl(f: &mut Frame) -> OpResult {
    binary!(f, |s, x| {
        if s < U256::from(256) {
            x << (s.as_limbs()[0] as usize)
        } else {
            U256::ZERO
        }
    })
}
#[inline(always)]
pub(crate) fn shr(f: &mut Frame) -> OpResult {
    binary!(f, |s, x| {
        if s < U256::from(256) {
            x >> (s.as_limbs()[0] as usize)
        } else {
            U256::ZERO
        }
    })
}
#[inline(always)]
pub(crate) fn sar(f: &mut Frame) -> OpResult {
    binary!(f, |s, x| {
        if s < U256::from(256) {
            // Shift the complement of a negative word, so the vacated bits fill with ones
            // (ruint's `arithmetic_shr` stayed an out-of-line call in the loop).
            let s = s.as_limbs()[0] as usize;
            if is_neg(&x) {
                !(!x >> s)
            } else {
                x >> s
            }
        } else if is_neg(&x) {
            U256::MAX
        } else {
            U256::ZERO
        }
    })
}

/// CLZ (EIP-7939): the number of leading zero bits, 256 for zero.
#[inline(always)]
pub(crate) fn clz(f: &mut Frame) -> OpResult {
    let a = f.stack.top_mut();
    *a = U256::from(a.leading_zeros());
    Ok(())
}
