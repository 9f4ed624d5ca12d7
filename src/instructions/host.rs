//! Opcodes that read or write world state: BALANCE, SELFBALANCE, EXTCODESIZE, EXTCODECOPY,
//! EXTCODEHASH, BLOCKHASH, SLOAD, SSTORE, TLOAD, TSTORE, LOG0..LOG4, SELFDESTRUCT.

use super::system::copy_to_memory;
use super::{charge, mem_range, need, sat_u64, Ctx, Signal, R};
use crate::frame::{Halt, Status};
use crate::gas::{
    COLD_ACCOUNT_ACCESS, COLD_SLOAD, LOG_DATA, SELFDESTRUCT_NEW_ACCOUNT, SSTORE_CLEARS_REFUND,
    SSTORE_RESET, SSTORE_SENTRY, SSTORE_SET, WARM_ACCESS,
};
use crate::primitives::{Address, B256, U256};
use crate::state::{Backend, Log};

/// Cold surcharge on top of the warm cost already charged statically.
const COLD_ACCOUNT_EXTRA: u64 = COLD_ACCOUNT_ACCESS - WARM_ACCESS;
const COLD_SLOT_EXTRA: u64 = COLD_SLOAD - WARM_ACCESS;

/// Pops an address, loads and warms it, charging the cold surcharge.
#[inline]
fn access<B: Backend>(c: &mut Ctx<B>) -> Result<Address, Signal> {
    let sp = c.f.stack.len();
    let a = Address::from_word(c.f.stack.pop());
    let cold = need(c.f, sp, c.j.load_warm(a))?;
    if cold {
        charge(c.f, COLD_ACCOUNT_EXTRA)?;
    }
    Ok(a)
}

pub(crate) fn balance<B: Backend>(c: &mut Ctx<B>) -> R {
    let a = access(c)?;
    let b = c.j.cached(&a).map_or(U256::ZERO, |x| x.info.balance);
    c.f.stack.push(b);
    Ok(())
}
pub(crate) fn selfbalance<B: Backend>(c: &mut Ctx<B>) -> R {
    let sp = c.f.stack.len();
    let b = need(c.f, sp, c.j.load(c.f.address))?.info.balance;
    c.f.stack.push(b);
    Ok(())
}
pub(crate) fn extcodesize<B: Backend>(c: &mut Ctx<B>) -> R {
    let a = access(c)?;
    let n = c.j.cached(&a).map_or(0, |x| x.info.code.len());
    c.f.stack.push(U256::from(n));
    Ok(())
}
pub(crate) fn extcodehash<B: Backend>(c: &mut Ctx<B>) -> R {
    let a = access(c)?;
    let h = match c.j.cached(&a) {
        Some(x) if !x.info.is_empty() => x.info.code.hash().to_word(),
        _ => U256::ZERO,
    };
    c.f.stack.push(h);
    Ok(())
}
pub(crate) fn extcodecopy<B: Backend>(c: &mut Ctx<B>) -> R {
    let a = access(c)?;
    let (d, s, l) = (c.f.stack.pop(), c.f.stack.pop(), c.f.stack.pop());
    let code = match c.j.cached(&a) {
        Some(x) => x.info.code.clone(),
        None => c.j.empty_code().clone(),
    };
    copy_to_memory(c.f, d, s, l, code.bytes())
}
pub(crate) fn blockhash<B: Backend>(c: &mut Ctx<B>) -> R {
    let sp = c.f.stack.len();
    let n = c.f.stack.pop();
    let cur = c.env.block.number;
    let h = match u64::try_from(n) {
        Ok(n) if n < cur && cur - n <= 256 => need(c.f, sp, c.j.backend.block_hash(n))?,
        _ => B256::ZERO,
    };
    c.f.stack.push(h.to_word());
    Ok(())
}
pub(crate) fn sload<B: Backend>(c: &mut Ctx<B>) -> R {
    let sp = c.f.stack.len();
    let key = c.f.stack.pop();
    let (v, cold) = need(c.f, sp, c.j.sload(c.f.address, key))?;
    if cold {
        charge(c.f, COLD_SLOT_EXTRA)?;
    }
    c.f.stack.push(v);
    Ok(())
}

/// SSTORE with EIP-2200 metering, EIP-2929 cold access and EIP-3529 refunds.
pub(crate) fn sstore<B: Backend>(c: &mut Ctx<B>) -> R {
    if c.f.is_static {
        return Err(Halt::StaticViolation.into());
    }
    if c.f.gas <= SSTORE_SENTRY {
        return Err(Halt::OutOfGas.into());
    }
    let sp = c.f.stack.len();
    let key = c.f.stack.pop();
    let new = c.f.stack.pop();
    let (slot, cold) = need(c.f, sp, c.j.sstore(c.f.address, key, new))?;
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
        c.j.add_refund(refund);
    }
    charge(c.f, cost)
}
pub(crate) fn tload<B: Backend>(c: &mut Ctx<B>) -> R {
    let key = c.f.stack.top_mut();
    *key = c.j.tload(c.f.address, *key);
    Ok(())
}
pub(crate) fn tstore<B: Backend>(c: &mut Ctx<B>) -> R {
    if c.f.is_static {
        return Err(Halt::StaticViolation.into());
    }
    let key = c.f.stack.pop();
    let v = c.f.stack.pop();
    c.j.tstore(c.f.address, key, v);
    Ok(())
}
pub(crate) fn log<B: Backend>(c: &mut Ctx<B>, topics: usize) -> R {
    if c.f.is_static {
        return Err(Halt::StaticViolation.into());
    }
    let off = c.f.stack.pop();
    let len = c.f.stack.pop();
    charge(c.f, sat_u64(len).saturating_mul(LOG_DATA))?;
    let o = mem_range(c.f, off, len)?;
    let mut t = Vec::with_capacity(topics);
    for _ in 0..topics {
        t.push(B256::from_word(c.f.stack.pop()));
    }
    let data = c.f.memory.slice(o, sat_u64(len) as usize).to_vec();
    c.j.log(Log {
        address: c.f.address,
        topics: t,
        data,
    });
    Ok(())
}

/// SELFDESTRUCT with EIP-6780 semantics.
pub(crate) fn selfdestruct<B: Backend>(c: &mut Ctx<B>) -> R {
    if c.f.is_static {
        return Err(Halt::StaticViolation.into());
    }
    let sp = c.f.stack.len();
    let to = Address::from_word(c.f.stack.pop());
    need(c.f, sp, c.j.load(to).map(|_| ()))?;
    let me = c.f.address;
    let balance = need(c.f, sp, c.j.load(me))?.info.balance;
    let mut cost = 0;
    if c.j.warm(to) {
        cost += COLD_ACCOUNT_ACCESS;
    }
    let to_empty = c.j.cached(&to).is_none_or(|a| a.info.is_empty());
    if !balance.is_zero() && to_empty {
        cost += SELFDESTRUCT_NEW_ACCOUNT;
    }
    charge(c.f, cost)?;
    c.j.selfdestruct(me, to);
    Err(Signal::Exit(Status::Success))
}
