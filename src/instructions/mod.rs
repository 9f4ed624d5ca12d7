//! Opcode implementations, grouped by family, and the helpers they share.

pub(crate) mod arithmetic;
pub(crate) mod bitwise;
pub(crate) mod contract;
pub(crate) mod control;
pub(crate) mod host;
pub(crate) mod info;
pub(crate) mod memory;
pub(crate) mod stack;
pub(crate) mod system;

use crate::env::Env;
use crate::frame::{CallKind, Frame, Halt, Status};
use crate::gas;
use crate::memory::MAX_MEMORY;
use crate::primitives::{Address, U256};
use crate::state::{Journal, Need};

/// What an opcode asks the loop to do besides continuing.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Signal {
    /// The frame ends.
    Exit(Status),
    /// Enter a nested call.
    Call(CallArgs),
    /// Enter a nested create.
    Create(CreateArgs),
    /// The backend lacks a value: undo this opcode's effects and suspend before it.
    Suspend(Need),
    /// Single-step mode: one opcode ran.
    Paused,
}

impl From<Halt> for Signal {
    #[inline]
    fn from(h: Halt) -> Signal {
        Signal::Exit(Status::Halt(h))
    }
}

/// Result of one opcode.
pub(crate) type R = Result<(), Signal>;

/// A nested call requested by CALL, CALLCODE, DELEGATECALL or STATICCALL, gas already charged.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CallArgs {
    pub kind: CallKind,
    pub target: Address,
    pub value: U256,
    pub gas: u64,
    pub in_offset: usize,
    pub in_len: usize,
    pub out_offset: usize,
    pub out_len: usize,
}

/// A nested create requested by CREATE or CREATE2, gas already charged.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CreateArgs {
    pub kind: CallKind,
    pub value: U256,
    pub offset: usize,
    pub len: usize,
    pub salt: U256,
    pub gas: u64,
}

/// What an opcode can reach: its frame, the journaled state and the environment.
pub(crate) struct Ctx<'a, B> {
    pub f: &'a mut Frame,
    pub j: &'a mut Journal<B>,
    pub env: &'a Env,
}

/// Charges `cost` gas or halts out of gas.
#[inline(always)]
pub(crate) fn charge(f: &mut Frame, cost: u64) -> R {
    if f.gas < cost {
        return Err(Halt::OutOfGas.into());
    }
    f.gas -= cost;
    Ok(())
}

/// A word as u64, saturating (a huge length or offset then simply costs too much gas).
#[inline(always)]
pub(crate) fn sat_u64(v: U256) -> u64 {
    u64::try_from(v).unwrap_or(u64::MAX)
}

/// Expands memory so that `[offset, offset+len)` is addressable, charging expansion gas.
/// Returns the offset as usize (0 when `len` is 0: nothing is touched then).
#[inline]
pub(crate) fn mem_range(f: &mut Frame, offset: U256, len: U256) -> Result<usize, Signal> {
    if len.is_zero() {
        return Ok(0);
    }
    let (Ok(off), Ok(len)) = (u64::try_from(offset), u64::try_from(len)) else {
        return Err(Halt::OutOfGas.into());
    };
    let end = off as u128 + len as u128;
    if end > f.memory.len() as u128 {
        expand(f, end)?;
    }
    Ok(off as usize)
}

#[cold]
fn expand(f: &mut Frame, end: u128) -> R {
    let new_words = end.div_ceil(32);
    if new_words > u64::MAX as u128 {
        return Err(Halt::OutOfGas.into());
    }
    let new_words = new_words as u64;
    let cur_words = (f.memory.len() / 32) as u64;
    let cost = gas::memory_cost(new_words) - gas::memory_cost(cur_words);
    charge(f, cost)?;
    if new_words * 32 > MAX_MEMORY {
        return Err(Halt::MemoryLimit.into());
    }
    if !f.memory.grow((new_words * 32) as usize) {
        return Err(Halt::MemoryLimit.into());
    }
    Ok(())
}

/// Gas for copying `len` bytes (3 per word).
#[inline]
pub(crate) fn copy_cost(len: U256) -> u64 {
    gas::words(sat_u64(len)).saturating_mul(gas::COPY_WORD)
}

/// Passes a state read through; on a backend miss, restores the stack to `sp` items (undoing
/// the opcode's pops) and turns the miss into a suspension before the opcode.
#[inline]
pub(crate) fn need<T>(f: &mut Frame, sp: usize, r: Result<T, Need>) -> Result<T, Signal> {
    r.map_err(|n| {
        f.stack.restore_len(sp);
        Signal::Suspend(n)
    })
}
