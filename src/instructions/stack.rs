//! POP, PUSH0..PUSH32, DUP1..DUP16, SWAP1..SWAP16.

use super::R;
use crate::frame::Frame;
use crate::primitives::U256;

pub(crate) fn pop(f: &mut Frame) -> R {
    f.stack.pop();
    Ok(())
}
pub(crate) fn push0(f: &mut Frame) -> R {
    f.stack.push(U256::ZERO);
    Ok(())
}
/// PUSHn: the n bytes after the opcode (zero-padded past the end of code).
#[inline(always)]
pub(crate) fn push(f: &mut Frame, n: usize) -> R {
    let start = f.pc;
    let bytes = &f.code.padded()[start..start + n];
    let mut buf = [0u8; 32];
    buf[32 - n..].copy_from_slice(bytes);
    f.stack.push(U256::from_be_bytes(buf));
    f.pc += n;
    Ok(())
}
#[inline(always)]
pub(crate) fn dup(f: &mut Frame, n: usize) -> R {
    f.stack.dup(n);
    Ok(())
}
#[inline(always)]
pub(crate) fn swap(f: &mut Frame, n: usize) -> R {
    f.stack.swap(n);
    Ok(())
}
