//! CALL, CALLCODE, DELEGATECALL, STATICCALL, CREATE, CREATE2: they charge their gas here and
//! hand a request to the loop, which switches to the context of the next depth.

use super::{charge, mem_range, need, sat_u64, CallArgs, CreateArgs, Ctx, Signal, R};
use crate::frame::{CallKind, Halt};
use crate::gas::{
    all_but_one_64th, words, CALL_STIPEND, CALL_VALUE, COLD_ACCOUNT_ACCESS, INITCODE_WORD,
    KECCAK_WORD, MAX_INITCODE_SIZE, NEW_ACCOUNT, WARM_ACCESS,
};
use crate::primitives::{Address, U256};
use crate::state::Backend;

pub(crate) fn call<B: Backend>(c: &mut Ctx<B>, kind: CallKind) -> R {
    let sp = c.f.stack.len();
    let gas_req = c.f.stack.pop();
    let to = Address::from_word(c.f.stack.pop());
    let value = match kind {
        CallKind::Call | CallKind::CallCode => c.f.stack.pop(),
        _ => U256::ZERO,
    };
    let (in_off, in_len) = (c.f.stack.pop(), c.f.stack.pop());
    let (out_off, out_len) = (c.f.stack.pop(), c.f.stack.pop());
    if kind == CallKind::Call && c.f.is_static && !value.is_zero() {
        return Err(Halt::StaticViolation.into());
    }
    let target_empty = need(c.f, sp, c.j.load(to).map(|a| a.info.is_empty()))?;
    let in_offset = mem_range(c.f, in_off, in_len)?;
    let out_offset = mem_range(c.f, out_off, out_len)?;
    let mut cost = 0;
    if c.j.warm(to) {
        cost += COLD_ACCOUNT_ACCESS - WARM_ACCESS;
    }
    if !value.is_zero() {
        cost += CALL_VALUE;
        if kind == CallKind::Call && target_empty {
            cost += NEW_ACCOUNT;
        }
    }
    charge(c.f, cost)?;
    let gas = sat_u64(gas_req).min(all_but_one_64th(c.f.gas));
    charge(c.f, gas)?;
    let gas = if value.is_zero() {
        gas
    } else {
        gas + CALL_STIPEND
    };
    Err(Signal::Call(CallArgs {
        kind,
        target: to,
        value,
        gas,
        in_offset,
        in_len: sat_u64(in_len) as usize,
        out_offset,
        out_len: sat_u64(out_len) as usize,
    }))
}

pub(crate) fn create<B: Backend>(c: &mut Ctx<B>, kind: CallKind) -> R {
    if c.f.is_static {
        return Err(Halt::StaticViolation.into());
    }
    let value = c.f.stack.pop();
    let (off, len) = (c.f.stack.pop(), c.f.stack.pop());
    let salt = if kind == CallKind::Create2 {
        c.f.stack.pop()
    } else {
        U256::ZERO
    };
    if len > U256::from(MAX_INITCODE_SIZE) {
        return Err(Halt::InitcodeTooLarge.into());
    }
    let n = sat_u64(len);
    let offset = mem_range(c.f, off, len)?;
    let mut cost = words(n) * INITCODE_WORD;
    if kind == CallKind::Create2 {
        cost += words(n) * KECCAK_WORD;
    }
    charge(c.f, cost)?;
    let gas = all_but_one_64th(c.f.gas);
    charge(c.f, gas)?;
    Err(Signal::Create(CreateArgs {
        kind,
        value,
        offset,
        len: n as usize,
        salt,
        gas,
    }))
}
