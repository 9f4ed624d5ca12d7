//! JUMP, JUMPI, PC, STOP, RETURN, REVERT, INVALID.

use super::{mem_range, Interrupt, OpResult};
use crate::frame::Frame;
use crate::primitives::U256;
use crate::status::{Halt, Status};

#[inline(always)]
fn jump_to(f: &mut Frame, dest: U256) -> OpResult {
    let d = usize::try_from(dest).unwrap_or(usize::MAX);
    if !f.code.is_jumpdest(d) {
        return Err(Halt::BadJump.into());
    }
    f.pc = d;
    Ok(())
}

#[inline(always)]
pub(crate) fn jump(f: &mut Frame) -> OpResult {
    let dest = f.stack.pop();
    jump_to(f, dest)
}
#[inline(always)]
pub(crate) fn jumpi(f: &mut Frame) -> OpResult {
    let dest = f.stack.pop();
    let cond = f.stack.pop();
    if cond.is_zero() {
        Ok(())
    } else {
        jump_to(f, dest)
    }
}
#[inline(always)]
pub(crate) fn pc(f: &mut Frame) -> OpResult {
    let pc = f.pc - 1;
    f.stack.push(U256::from(pc));
    Ok(())
}
#[inline(never)]
pub(crate) fn ret(f: &mut Frame, status: Status) -> OpResult {
    let off = f.stack.pop();
    let len = f.stack.pop();
    let o = mem_range(f, off, len)?;
    f.output = (o, super::sat_u64(len) as usize);
    Err(Interrupt::Exit(status))
}
