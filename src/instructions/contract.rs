//! CALL, CALLCODE, DELEGATECALL, STATICCALL, CREATE, CREATE2: they charge their gas here and
//! hand a request to the driver, which starts the frame of the next depth.
//!
//! Unlike the other cold opcodes these carry no inline attribute: the compiler's choice was
//! measured best (forcing them out of line made call-heavy workloads 15 % slower, the request
//! and target address then round-tripping through memory; forcing them inline, 8 %).

use super::{
    charge, expansion_cost, grow_paid, mem_range_with, need, offset_of, out_of_gas, sat_u64,
    span_end, Interrupt, Machine, OpResult,
};
use crate::call::{CallKind, CallRequest, CreateRequest};
use crate::gas::{
    all_but_one_64th, words, CALL_STIPEND, CALL_VALUE, COLD_ACCOUNT_EXTRA, INITCODE_WORD,
    KECCAK_WORD, MAX_INITCODE_SIZE, NEW_ACCOUNT, WARM_ACCESS,
};
use crate::primitives::{Address, U256};
use crate::state::Backend;
use crate::status::Halt;

pub(crate) fn call<B: Backend>(m: &mut Machine<B>, kind: CallKind) -> OpResult {
    let gas_req = m.frame.stack.pop();
    let to = Address::from_word(m.frame.stack.pop());
    let value = match kind {
        CallKind::Call | CallKind::CallCode => m.frame.stack.pop(),
        _ => U256::ZERO,
    };
    let (in_off, in_len) = (m.frame.stack.pop(), m.frame.stack.pop());
    let (out_off, out_len) = (m.frame.stack.pop(), m.frame.stack.pop());
    if kind == CallKind::Call && m.frame.message.is_static && !value.is_zero() {
        return Err(Halt::StaticViolation.into());
    }
    // An EIP-7702 delegation: the delegate's code runs, and accessing it costs as any
    // account access does (read here, before any write, by the suspension rule).
    let set_code = m.env.rules.set_code;
    let target = m.journal.load(to).map(|a| {
        let delegate = if set_code {
            a.info.code.delegation()
        } else {
            None
        };
        let code = delegate.is_none().then(|| a.info.code.clone());
        (a.info.is_empty(), delegate, !a.warm, code)
    });
    let (target_empty, delegate, cold, code) = need(target)?;
    if let Some(d) = delegate {
        need(m.journal.load(d).map(|_| ()))?;
    }
    // Both memory ranges, the access and value costs, and (when those cannot be paid) the
    // gas asked for: one charge, as the execution spec makes it (so a trace shows the whole
    // cost of a CALL that runs out of gas).
    let (Some(in_end), Some(out_end)) = (span_end(in_off, in_len), span_end(out_off, out_len))
    else {
        return Err(out_of_gas(m.frame, u64::MAX));
    };
    let end = in_end.max(out_end);
    let Some(mut cost) = expansion_cost(m.frame, end) else {
        return Err(out_of_gas(m.frame, u64::MAX));
    };
    if cold {
        // Warmed only now, after every read that may suspend: a warm target (a loop's)
        // costs one lookup.
        m.journal.warm(to);
        cost += COLD_ACCOUNT_EXTRA;
    }
    if let Some(d) = delegate {
        cost += WARM_ACCESS;
        if m.journal.warm(d) {
            cost += COLD_ACCOUNT_EXTRA;
        }
    }
    if !value.is_zero() {
        cost += CALL_VALUE;
        if kind == CallKind::Call && target_empty {
            cost += NEW_ACCOUNT;
        }
    }
    if m.frame.gas < cost {
        return Err(out_of_gas(m.frame, cost.saturating_add(sat_u64(gas_req))));
    }
    m.frame.gas -= cost;
    if end > m.frame.memory.len() as u128 {
        grow_paid(m.frame, end)?;
    }
    let in_offset = offset_of(in_off, in_len);
    let out_offset = offset_of(out_off, out_len);
    let gas = sat_u64(gas_req).min(all_but_one_64th(m.frame.gas));
    charge(m.frame, gas)?;
    let gas = if value.is_zero() {
        gas
    } else {
        gas + CALL_STIPEND
    };
    Err(Interrupt::Call(CallRequest {
        kind,
        target: to,
        value,
        gas,
        in_offset,
        in_len: sat_u64(in_len) as usize,
        out_offset,
        out_len: sat_u64(out_len) as usize,
        code,
    }))
}

pub(crate) fn create<B: Backend>(m: &mut Machine<B>, kind: CallKind) -> OpResult {
    if m.frame.message.is_static {
        return Err(Halt::StaticViolation.into());
    }
    let value = m.frame.stack.pop();
    let (off, len) = (m.frame.stack.pop(), m.frame.stack.pop());
    let salt = if kind == CallKind::Create2 {
        m.frame.stack.pop()
    } else {
        U256::ZERO
    };
    if len > U256::from(MAX_INITCODE_SIZE) {
        return Err(Halt::InitcodeTooLarge.into());
    }
    let n = sat_u64(len);
    let mut cost = words(n) * INITCODE_WORD;
    if kind == CallKind::Create2 {
        cost += words(n) * KECCAK_WORD;
    }
    // The initcode's words and the expansion in one charge, as the execution spec has it.
    let offset = mem_range_with(m.frame, off, len, cost)?;
    let gas = all_but_one_64th(m.frame.gas);
    charge(m.frame, gas)?;
    Err(Interrupt::Create(CreateRequest {
        kind,
        value,
        offset,
        len: n as usize,
        salt,
        gas,
    }))
}
