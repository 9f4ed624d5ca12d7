//! MLOAD, MSTORE, MSTORE8, MSIZE, MCOPY.

use super::{charge, copy_cost, mem_range, mem_range_with, OpResult};
use crate::frame::Frame;
use crate::primitives::U256;

const WORD: U256 = U256::from_limbs([32, 0, 0, 0]);

#[inline(always)]
pub(crate) fn mload(f: &mut Frame) -> OpResult {
    let off = f.stack.pop();
    let o = mem_range(f, off, WORD)?;
    let w = f.memory.word(o);
    f.stack.push(U256::from_be_bytes(w));
    Ok(())
}
#[inline(always)]
pub(crate) fn mstore(f: &mut Frame) -> OpResult {
    let off = f.stack.pop();
    let v = f.stack.pop();
    let o = mem_range(f, off, WORD)?;
    f.memory
        .slice_mut(o, 32)
        .copy_from_slice(&v.to_be_bytes::<32>());
    Ok(())
}
#[inline(always)]
pub(crate) fn mstore8(f: &mut Frame) -> OpResult {
    let off = f.stack.pop();
    let v = f.stack.pop();
    let o = mem_range(f, off, U256::from(1))?;
    f.memory.slice_mut(o, 1)[0] = v.byte(0);
    Ok(())
}
#[inline(always)]
pub(crate) fn msize(f: &mut Frame) -> OpResult {
    let s = f.memory.len();
    f.stack.push(U256::from(s));
    Ok(())
}
#[inline(never)]
pub(crate) fn mcopy(f: &mut Frame) -> OpResult {
    let dst = f.stack.pop();
    let src = f.stack.pop();
    let len = f.stack.pop();
    if len.is_zero() {
        return charge(f, copy_cost(len));
    }
    // Expanding to the farther end of the two ranges covers both; one charge for the copy
    // and the expansion.
    let far = if src > dst { src } else { dst };
    mem_range_with(f, far, len, copy_cost(len))?;
    let l = super::sat_u64(len) as usize;
    f.memory.copy_within(
        super::sat_u64(src) as usize,
        super::sat_u64(dst) as usize,
        l,
    );
    Ok(())
}
