//! Opcodes that read or write world state: BALANCE, SELFBALANCE, EXTCODESIZE, EXTCODECOPY,
//! EXTCODEHASH, BLOCKHASH, SLOAD, SSTORE, TLOAD, TSTORE, LOG0..LOG4, SELFDESTRUCT.

use super::system::copy_paid;
use super::{charge, mem_range_with, need, sat_u64, Interrupt, Machine, OpResult};
use crate::gas::{
    COLD_ACCOUNT_ACCESS, COLD_ACCOUNT_EXTRA, COLD_SLOAD, COLD_SLOAD_EXTRA, LOG_DATA,
    SELFDESTRUCT_NEW_ACCOUNT, SSTORE_CLEARS_REFUND, SSTORE_RESET, SSTORE_SENTRY, SSTORE_SET,
    WARM_ACCESS,
};
use crate::primitives::{Address, B256, U256};
use crate::state::{Backend, Log};
use crate::status::{Halt, Status};

/// Pops an address, loads and warms it, charging the cold surcharge.
#[inline]
fn access<B: Backend>(m: &mut Machine<B>) -> Result<Address, Interrupt> {
    let (a, cold) = access_cost(m)?;
    charge(m.frame, cold)?;
    Ok(a)
}

/// Pops an address, loads and warms it; returns it with the cold surcharge, not yet charged.
#[inline]
fn access_cost<B: Backend>(m: &mut Machine<B>) -> Result<(Address, u64), Interrupt> {
    let a = Address::from_word(m.frame.stack.pop());
    let cold = need(m.journal.load_warm(a))?;
    Ok((a, if cold { COLD_ACCOUNT_EXTRA } else { 0 }))
}

#[inline(never)]
pub(crate) fn balance<B: Backend>(m: &mut Machine<B>) -> OpResult {
    let a = access(m)?;
    let b = m.journal.cached(&a).map_or(U256::ZERO, |x| x.info.balance);
    m.frame.stack.push(b);
    Ok(())
}
#[inline(never)]
pub(crate) fn selfbalance<B: Backend>(m: &mut Machine<B>) -> OpResult {
    let b = need(m.journal.load(m.frame.message.address))?.info.balance;
    m.frame.stack.push(b);
    Ok(())
}
#[inline(never)]
pub(crate) fn extcodesize<B: Backend>(m: &mut Machine<B>) -> OpResult {
    let a = access(m)?;
    let n = m.journal.cached(&a).map_or(0, |x| x.info.code.len());
    m.frame.stack.push(U256::from(n));
    Ok(())
}
#[inline(never)]
pub(crate) fn extcodehash<B: Backend>(m: &mut Machine<B>) -> OpResult {
    let a = access(m)?;
    let h = match m.journal.cached(&a) {
        Some(x) if !x.info.is_empty() => x.info.code.hash().to_word(),
        _ => U256::ZERO,
    };
    m.frame.stack.push(h);
    Ok(())
}
#[inline(never)]
pub(crate) fn extcodecopy<B: Backend>(m: &mut Machine<B>) -> OpResult {
    let (a, cold) = access_cost(m)?;
    let (d, s, l) = (
        m.frame.stack.pop(),
        m.frame.stack.pop(),
        m.frame.stack.pop(),
    );
    let code = match m.journal.cached(&a) {
        Some(x) => x.info.code.clone(),
        None => m.journal.empty_code().clone(),
    };
    // The access, the copy and the expansion in one charge.
    copy_paid(m.frame, d, s, l, code.bytes(), cold)
}
#[inline(never)]
pub(crate) fn blockhash<B: Backend>(m: &mut Machine<B>) -> OpResult {
    let n = m.frame.stack.pop();
    let cur = m.env.block.number;
    let h = match u64::try_from(n) {
        Ok(n) if n < cur && cur - n <= 256 => need(m.journal.backend.block_hash(n))?,
        _ => B256::ZERO,
    };
    m.frame.stack.push(h.to_word());
    Ok(())
}
#[inline(never)]
pub(crate) fn sload<B: Backend>(m: &mut Machine<B>) -> OpResult {
    let key = m.frame.stack.pop();
    let (v, cold) = need(m.journal.sload(m.frame.message.address, key))?;
    if cold {
        charge(m.frame, COLD_SLOAD_EXTRA)?;
    }
    m.frame.stack.push(v);
    Ok(())
}

/// SSTORE with EIP-2200 metering, EIP-2929 cold access and EIP-3529 refunds.
#[inline(never)]
pub(crate) fn sstore<B: Backend>(m: &mut Machine<B>) -> OpResult {
    if m.frame.message.is_static {
        return Err(Halt::StaticViolation.into());
    }
    if m.frame.gas <= SSTORE_SENTRY {
        return Err(Halt::OutOfGas.into());
    }
    let key = m.frame.stack.pop();
    let new = m.frame.stack.pop();
    let (slot, cold) = need(m.journal.sstore(m.frame.message.address, key, new))?;
    let (original, current) = (slot.original, slot.present);
    let mut cost = if cold { COLD_SLOAD } else { 0 };
    cost += if current == new || original != current {
        WARM_ACCESS
    } else if original.is_zero() {
        SSTORE_SET
    } else {
        SSTORE_RESET
    };
    if current != new {
        let mut refund = 0i64;
        if original == current {
            if !original.is_zero() && new.is_zero() {
                refund += SSTORE_CLEARS_REFUND;
            }
        } else {
            if !original.is_zero() {
                if current.is_zero() {
                    refund -= SSTORE_CLEARS_REFUND;
                } else if new.is_zero() {
                    refund += SSTORE_CLEARS_REFUND;
                }
            }
            if original == new {
                refund += if original.is_zero() {
                    (SSTORE_SET - WARM_ACCESS) as i64
                } else {
                    (SSTORE_RESET - WARM_ACCESS) as i64
                };
            }
        }
        m.journal.add_refund(refund);
    }
    charge(m.frame, cost)
}
#[inline(never)]
pub(crate) fn tload<B: Backend>(m: &mut Machine<B>) -> OpResult {
    let key = m.frame.stack.top_mut();
    *key = m.journal.tload(m.frame.message.address, *key);
    Ok(())
}
#[inline(never)]
pub(crate) fn tstore<B: Backend>(m: &mut Machine<B>) -> OpResult {
    if m.frame.message.is_static {
        return Err(Halt::StaticViolation.into());
    }
    let key = m.frame.stack.pop();
    let v = m.frame.stack.pop();
    m.journal.tstore(m.frame.message.address, key, v);
    Ok(())
}
#[inline(never)]
pub(crate) fn log<B: Backend>(m: &mut Machine<B>, topics: usize) -> OpResult {
    if m.frame.message.is_static {
        return Err(Halt::StaticViolation.into());
    }
    let off = m.frame.stack.pop();
    let len = m.frame.stack.pop();
    let o = mem_range_with(m.frame, off, len, sat_u64(len).saturating_mul(LOG_DATA))?;
    let mut t = Vec::with_capacity(topics);
    for _ in 0..topics {
        t.push(B256::from_word(m.frame.stack.pop()));
    }
    let data = m.frame.memory.slice(o, sat_u64(len) as usize).to_vec();
    m.journal.log(Log {
        address: m.frame.message.address,
        topics: t,
        data,
    });
    Ok(())
}

/// SELFDESTRUCT with EIP-6780 semantics.
#[inline(never)]
pub(crate) fn selfdestruct<B: Backend>(m: &mut Machine<B>) -> OpResult {
    if m.frame.message.is_static {
        return Err(Halt::StaticViolation.into());
    }
    let to = Address::from_word(m.frame.stack.pop());
    need(m.journal.load(to).map(|_| ()))?;
    let me = m.frame.message.address;
    let balance = need(m.journal.load(me))?.info.balance;
    let mut cost = 0;
    if m.journal.warm(to) {
        cost += COLD_ACCOUNT_ACCESS;
    }
    let to_empty = m.journal.cached(&to).is_none_or(|a| a.info.is_empty());
    if !balance.is_zero() && to_empty {
        cost += SELFDESTRUCT_NEW_ACCOUNT;
    }
    charge(m.frame, cost)?;
    m.journal.selfdestruct(me, to);
    Err(Interrupt::Exit(Status::Success))
}
