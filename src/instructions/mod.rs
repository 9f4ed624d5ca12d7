//! Opcode implementations, grouped by family, and the helpers they share.
//!
//! Every opcode is a function from the [`Machine`] (or just the [`Frame`], when it needs
//! nothing else) to an [`OpResult`]. The loop in `interpreter` has already checked the stack
//! against the opcode table and charged the static gas; an opcode charges only its dynamic
//! part.
//!
//! **The suspension rule.** An opcode that reads the backend does every read before its first
//! write (to the stack, memory, gas or state). A read the backend cannot answer yet returns
//! [`Interrupt::Suspend`]; the loop then restores pc, gas and the stack length saved before the
//! opcode, and since pops only move the stack pointer, the popped words are still in place. So
//! the opcode runs again from the start once the state is there, with identical effects.

/// The body of a two-operand opcode, expanded in place: pops `a`, and replaces the new top
/// `b` with `$e`. A macro rather than a helper taking a closure, because the closure of such a
/// helper stayed a real call inside the loop (found with `scripts/check-inlining.sh`).
macro_rules! binary {
    ($f:expr, |$a:ident, $b:ident| $e:expr) => {{
        let $a = $f.stack.pop();
        let top = $f.stack.top_mut();
        let $b = *top;
        *top = $e;
        Ok(())
    }};
}

pub(crate) mod arithmetic;
pub(crate) mod bitwise;
pub(crate) mod contract;
pub(crate) mod control;
pub(crate) mod host;
pub(crate) mod info;
pub(crate) mod memory;
pub(crate) mod stack;
pub(crate) mod system;

use crate::call::{CallRequest, CreateRequest};
use crate::env::Env;
use crate::frame::Frame;
use crate::gas;
use crate::memory::MAX_MEMORY;
use crate::primitives::U256;
use crate::state::{Journal, Need};
use crate::status::{Halt, Status};

/// Why an opcode stops the frame's straight-line execution.
#[derive(Debug, Clone)]
pub(crate) enum Interrupt {
    /// The frame ends.
    Exit(Status),
    /// Enter a nested call (its gas already charged).
    Call(CallRequest),
    /// Enter a nested create (its gas already charged).
    Create(CreateRequest),
    /// The backend lacks a value: the loop undoes this opcode and suspends before it.
    Suspend(Need),
}

impl From<Halt> for Interrupt {
    #[inline]
    fn from(h: Halt) -> Interrupt {
        Interrupt::Exit(Status::Halt(h))
    }
}

/// What one opcode returns: `Ok` to go on with the next one.
pub(crate) type OpResult = Result<(), Interrupt>;

/// What an opcode can reach: its frame, the journaled world state and the environment.
pub(crate) struct Machine<'a, B> {
    /// The running frame.
    pub frame: &'a mut Frame,
    /// World state.
    pub journal: &'a mut Journal<B>,
    /// Block and transaction environment.
    pub env: &'a Env,
}

/// Charges `cost` gas or halts out of gas.
#[inline(always)]
pub(crate) fn charge(f: &mut Frame, cost: u64) -> OpResult {
    if f.gas < cost {
        return Err(out_of_gas(f, cost));
    }
    f.gas -= cost;
    Ok(())
}

/// The out-of-gas halt, noting the `cost` that could not be paid (for the trace's
/// `gasCost`).
#[cold]
#[inline(never)]
pub(crate) fn out_of_gas(f: &mut Frame, cost: u64) -> Interrupt {
    f.shortfall = cost;
    Halt::OutOfGas.into()
}

/// A word as u64, saturating (a huge length or offset then simply costs too much gas).
#[inline(always)]
pub(crate) fn sat_u64(v: U256) -> u64 {
    u64::try_from(v).unwrap_or(u64::MAX)
}

/// Expands memory so that `[offset, offset+len)` is addressable, charging expansion gas.
/// Returns the offset as usize (0 when `len` is 0: nothing is touched then).
#[inline(always)]
pub(crate) fn mem_range(f: &mut Frame, offset: U256, len: U256) -> Result<usize, Interrupt> {
    if len.is_zero() {
        return Ok(0);
    }
    let (Ok(off), Ok(len)) = (u64::try_from(offset), u64::try_from(len)) else {
        return Err(out_of_gas(f, u64::MAX));
    };
    let end = off as u128 + len as u128;
    if end > f.memory.len() as u128 {
        expand(f, end, 0)?;
    }
    Ok(off as usize)
}

/// As [`mem_range`], charging `extra` (the opcode's other dynamic gas) together with the
/// expansion, in one charge, as the execution spec does: an opcode that cannot pay shows
/// its whole cost in a trace.
#[inline]
pub(crate) fn mem_range_with(
    f: &mut Frame,
    offset: U256,
    len: U256,
    extra: u64,
) -> Result<usize, Interrupt> {
    let Some(end) = span_end(offset, len) else {
        return Err(out_of_gas(f, u64::MAX));
    };
    if end > f.memory.len() as u128 {
        expand(f, end, extra)?;
    } else {
        charge(f, extra)?;
    }
    Ok(offset_of(offset, len))
}

/// The end of the memory range `[offset, offset+len)` (0 when `len` is 0: nothing is
/// touched); `None` when it lies beyond any gas.
pub(crate) fn span_end(offset: U256, len: U256) -> Option<u128> {
    if len.is_zero() {
        return Some(0);
    }
    let (off, len) = (u64::try_from(offset).ok()?, u64::try_from(len).ok()?);
    Some(off as u128 + len as u128)
}

/// A memory range's offset as usize (0 when its length is 0), once [`span_end`] accepted it.
pub(crate) fn offset_of(offset: U256, len: U256) -> usize {
    if len.is_zero() {
        0
    } else {
        sat_u64(offset) as usize
    }
}

/// What growing memory to hold `end` bytes costs (0 if it holds them); `None` beyond any
/// gas.
pub(crate) fn expansion_cost(f: &Frame, end: u128) -> Option<u64> {
    if end <= f.memory.len() as u128 {
        return Some(0);
    }
    let new_words = u64::try_from(end.div_ceil(32)).ok()?;
    let cur_words = (f.memory.len() / 32) as u64;
    Some(gas::memory_cost(new_words) - gas::memory_cost(cur_words))
}

/// Grows memory to hold `end` bytes, its gas already paid.
pub(crate) fn grow_paid(f: &mut Frame, end: u128) -> OpResult {
    let bytes = end.div_ceil(32) * 32;
    if bytes > MAX_MEMORY as u128 || !f.memory.grow(bytes as usize) {
        return Err(Halt::MemoryLimit.into());
    }
    Ok(())
}

#[cold]
#[inline(never)]
fn expand(f: &mut Frame, end: u128, extra: u64) -> OpResult {
    let Some(cost) = expansion_cost(f, end) else {
        return Err(out_of_gas(f, u64::MAX));
    };
    charge(f, cost.saturating_add(extra))?;
    grow_paid(f, end)
}

/// Gas for copying `len` bytes (3 per word).
#[inline]
pub(crate) fn copy_cost(len: U256) -> u64 {
    gas::words(sat_u64(len)).saturating_mul(gas::COPY_WORD)
}

/// Passes a backend read through, turning a miss into a suspension (see the module doc).
#[inline]
pub(crate) fn need<T>(r: Result<T, Need>) -> Result<T, Interrupt> {
    r.map_err(Interrupt::Suspend)
}
