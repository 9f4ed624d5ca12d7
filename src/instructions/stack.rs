//! POP, PUSH0..PUSH32, DUP1..DUP16, SWAP1..SWAP16.

use super::OpResult;
use crate::frame::Frame;
use crate::primitives::U256;

#[inline(always)]
pub(crate) fn pop(f: &mut Frame) -> OpResult {
    f.stack.pop();
    Ok(())
}
#[inline(always)]
pub(crate) fn push0(f: &mut Frame) -> OpResult {
    f.stack.push(U256::ZERO);
    Ok(())
}
/// PUSHn: the n bytes after the opcode (zero-padded past the end of code).
///
/// Reads a fixed window (the code carries 33 bytes of zero padding, so the window always
/// exists) and shifts away what is not the immediate: a variable-length copy into a buffer
/// followed by word loads stalled store-to-load forwarding and cost a fifth of snailtracer's
/// loop time. Up to PUSH8 (jump targets, selectors, most constants) the window is one
/// 64-bit word: a 256-bit byte swap and shift cost more than the rest of the opcode.
#[inline(always)]
pub(crate) fn push(f: &mut Frame, n: usize) -> OpResult {
    let start = f.pc;
    let code = f.code.padded();
    let v = if n == 1 {
        U256::from(code.get(start).copied().unwrap_or(0))
    } else if n <= 8 {
        let window: [u8; 8] = code
            .get(start..start + 8)
            .and_then(|w| w.try_into().ok())
            .unwrap_or([0; 8]);
        U256::from(u64::from_be_bytes(window) >> ((8 - n) * 8))
    } else {
        let window: [u8; 32] = code
            .get(start..start + 32)
            .and_then(|w| w.try_into().ok())
            .unwrap_or([0; 32]);
        U256::from_be_bytes(window) >> ((32 - n) * 8)
    };
    f.stack.push(v);
    f.pc += n;
    Ok(())
}

#[inline(always)]
pub(crate) fn dup(f: &mut Frame, n: usize) -> OpResult {
    f.stack.dup(n);
    Ok(())
}
#[inline(always)]
pub(crate) fn swap(f: &mut Frame, n: usize) -> OpResult {
    f.stack.swap(n);
    Ok(())
}
