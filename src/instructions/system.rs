//! KECCAK256 and the frame's own environment: ADDRESS, CALLER, CALLVALUE, CALLDATA*, CODE*,
//! RETURNDATA*, GAS.

use super::{copy_cost, mem_range_with, sat_u64, OpResult};
use crate::frame::Frame;
use crate::gas::{words, KECCAK_WORD};
use crate::primitives::{keccak256, U256};
use crate::status::Halt;

#[inline(never)]
pub(crate) fn keccak(f: &mut Frame) -> OpResult {
    let off = f.stack.pop();
    let len = f.stack.pop();
    let o = mem_range_with(f, off, len, words(sat_u64(len)).saturating_mul(KECCAK_WORD))?;
    let h = keccak256(f.memory.slice(o, sat_u64(len) as usize));
    f.stack.push(h.to_word());
    Ok(())
}
#[inline(always)]
pub(crate) fn address(f: &mut Frame) -> OpResult {
    let a = f.message.address.to_word();
    f.stack.push(a);
    Ok(())
}
#[inline(always)]
pub(crate) fn caller(f: &mut Frame) -> OpResult {
    let a = f.message.caller.to_word();
    f.stack.push(a);
    Ok(())
}
#[inline(always)]
pub(crate) fn callvalue(f: &mut Frame) -> OpResult {
    let v = f.message.value;
    f.stack.push(v);
    Ok(())
}
#[inline(always)]
pub(crate) fn calldataload(f: &mut Frame) -> OpResult {
    let i = f.stack.peek(0);
    let mut buf = [0u8; 32];
    if let Ok(i) = usize::try_from(i) {
        if i < f.input.len() {
            let n = (f.input.len() - i).min(32);
            buf[..n].copy_from_slice(&f.input[i..i + n]);
        }
    }
    *f.stack.top_mut() = U256::from_be_bytes(buf);
    Ok(())
}
#[inline(always)]
pub(crate) fn calldatasize(f: &mut Frame) -> OpResult {
    let n = f.input.len();
    f.stack.push(U256::from(n));
    Ok(())
}

/// The shared body of CALLDATACOPY, CODECOPY and EXTCODECOPY's copy: pops (dest, src, len),
/// charges copy and expansion gas, and copies from `src` with zero fill.
#[inline]
pub(crate) fn copy_to_memory(
    f: &mut Frame,
    dst: U256,
    src_off: U256,
    len: U256,
    src: &[u8],
) -> OpResult {
    copy_paid(f, dst, src_off, len, src, 0)
}

/// [`copy_to_memory`] with `extra` gas charged together with the copy and the expansion
/// (EXTCODECOPY's account access).
#[inline]
pub(crate) fn copy_paid(
    f: &mut Frame,
    dst: U256,
    src_off: U256,
    len: U256,
    src: &[u8],
    extra: u64,
) -> OpResult {
    let o = mem_range_with(f, dst, len, copy_cost(len).saturating_add(extra))?;
    if !len.is_zero() {
        f.memory
            .set_data(o, src, sat_u64(src_off), sat_u64(len) as usize);
    }
    Ok(())
}

#[inline(never)]
pub(crate) fn calldatacopy(f: &mut Frame) -> OpResult {
    let (d, s, l) = (f.stack.pop(), f.stack.pop(), f.stack.pop());
    let input = std::mem::take(&mut f.input);
    let r = copy_to_memory(f, d, s, l, &input);
    f.input = input;
    r
}
#[inline(always)]
pub(crate) fn codesize(f: &mut Frame) -> OpResult {
    let n = f.code.len();
    f.stack.push(U256::from(n));
    Ok(())
}
#[inline(never)]
pub(crate) fn codecopy(f: &mut Frame) -> OpResult {
    let (d, s, l) = (f.stack.pop(), f.stack.pop(), f.stack.pop());
    let code = f.code.clone();
    copy_to_memory(f, d, s, l, code.bytes())
}
#[inline(always)]
pub(crate) fn returndatasize(f: &mut Frame) -> OpResult {
    let n = f.return_data.len();
    f.stack.push(U256::from(n));
    Ok(())
}
#[inline(never)]
pub(crate) fn returndatacopy(f: &mut Frame) -> OpResult {
    let (d, s, l) = (f.stack.pop(), f.stack.pop(), f.stack.pop());
    let end = s.checked_add(l);
    if end.is_none_or(|e| e > U256::from(f.return_data.len())) {
        return Err(Halt::ReturnDataOutOfBounds.into());
    }
    let data = std::mem::take(&mut f.return_data);
    let r = copy_to_memory(f, d, s, l, &data);
    f.return_data = data;
    r
}
#[inline(always)]
pub(crate) fn gas(f: &mut Frame) -> OpResult {
    let g = f.gas;
    f.stack.push(U256::from(g));
    Ok(())
}
