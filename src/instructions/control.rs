//! JUMP, JUMPI, PC, STOP, RETURN, REVERT, INVALID.

use super::{mem_range, Signal, R};
use crate::frame::{Frame, Halt, Status};
use crate::primitives::U256;

#[inline(always)]
fn jump_to(f: &mut Frame, dest: U256) -> R {
    let d = usize::try_from(dest).unwrap_or(usize::MAX);
    if !f.code.is_jumpdest(d) {
        return Err(Halt::BadJump.into());
    }
    f.pc = d;
    Ok(())
}

pub(crate) fn jump(f: &mut Frame) -> R {
    let dest = f.stack.pop();
    jump_to(f, dest)
}
pub(crate) fn jumpi(f: &mut Frame) -> R {
    let dest = f.stack.pop();
    let cond = f.stack.pop();
    if cond.is_zero() {
        Ok(())
    } else {
        jump_to(f, dest)
    }
}
pub(crate) fn pc(f: &mut Frame) -> R {
    let pc = f.pc - 1;
    f.stack.push(U256::from(pc));
    Ok(())
}
pub(crate) fn ret(f: &mut Frame, status: Status) -> R {
    let off = f.stack.pop();
    let len = f.stack.pop();
    let o = mem_range(f, off, len)?;
    f.output = (o, super::sat_u64(len) as usize);
    Err(Signal::Exit(status))
}
