//! The dispatch loop: runs opcodes of the current frame until it ends, asks for a nested frame,
//! suspends for state, or (single-step mode) has run one opcode.

use crate::frame::{CallKind, Halt, Status};
use crate::gas::{CALL_STIPEND, STACK_LIMIT};
use crate::inspector::{Inspector, Step, StepEnd};
use crate::instructions::{
    arithmetic as a, bitwise as b, charge, contract, control, host, info, memory as m, stack as s,
    system as sys, Ctx, Signal, R,
};
use crate::opcodes::{OpInfo, OPCODES};
use crate::primitives::U256;
use crate::state::Backend;

/// Runs the frame in `c` at `depth` (1 = outermost). `OBS` compiles the inspector calls in;
/// `SINGLE` returns after one opcode.
#[inline(never)]
pub(crate) fn run_frame<B: Backend, I: Inspector, const OBS: bool, const SINGLE: bool>(
    c: &mut Ctx<'_, B>,
    insp: &mut I,
    depth: usize,
) -> Signal {
    loop {
        let pc = c.f.pc;
        let op = c.f.code.padded().get(pc).copied().unwrap_or(0);
        let gas_before = c.f.gas;
        if OBS {
            insp.step(&Step {
                pc,
                op,
                gas: gas_before,
                depth,
                refund: c.j.refund(),
                frame: c.f,
            });
        }
        let r = step(c, op, &OPCODES[op as usize]);
        if OBS {
            let (error, forwarded) = match &r {
                Err(Signal::Exit(Status::Halt(h))) => (Some(*h), 0),
                Err(Signal::Call(a)) => (
                    None,
                    a.gas - if a.value.is_zero() { 0 } else { CALL_STIPEND },
                ),
                Err(Signal::Create(a)) => (None, a.gas),
                _ => (None, 0),
            };
            insp.step_end(&StepEnd {
                gas_cost: gas_before - c.f.gas.min(gas_before),
                forwarded,
                error,
                refund: c.j.refund(),
                frame: c.f,
            });
        }
        match r {
            Ok(()) => {
                if SINGLE {
                    return Signal::Paused;
                }
            }
            Err(Signal::Suspend(n)) => {
                c.f.pc = pc;
                c.f.gas = gas_before;
                return Signal::Suspend(n);
            }
            Err(sig) => return sig,
        }
    }
}

/// Checks the stack and static gas from the opcode table, then runs the opcode.
#[inline(always)]
fn step<B: Backend>(c: &mut Ctx<'_, B>, op: u8, info: &OpInfo) -> R {
    let len = c.f.stack.len();
    if !info.is_defined() {
        return Err(Halt::UndefinedOpcode(op).into());
    }
    if len < info.inputs as usize {
        return Err(Halt::StackUnderflow.into());
    }
    if len + info.outputs as usize > STACK_LIMIT + info.inputs as usize {
        return Err(Halt::StackOverflow.into());
    }
    charge(c.f, info.gas as u64)?;
    c.f.pc += 1;
    dispatch(c, op)
}

#[inline(always)]
fn dispatch<B: Backend>(c: &mut Ctx<'_, B>, op: u8) -> R {
    use crate::opcodes::*;
    let f = &mut *c.f;
    match op {
        STOP => Err(Signal::Exit(Status::Success)),
        ADD => a::add(f),
        MUL => a::mul(f),
        SUB => a::sub(f),
        DIV => a::div(f),
        SDIV => a::sdiv(f),
        MOD => a::rem(f),
        SMOD => a::smod(f),
        ADDMOD => a::addmod(f),
        MULMOD => a::mulmod(f),
        EXP => a::exp(f),
        SIGNEXTEND => a::signextend(f),
        LT => b::lt(f),
        GT => b::gt(f),
        SLT => b::slt_op(f),
        SGT => b::sgt_op(f),
        EQ => b::eq(f),
        ISZERO => b::iszero(f),
        AND => b::and(f),
        OR => b::or(f),
        XOR => b::xor(f),
        NOT => b::not(f),
        BYTE => b::byte(f),
        SHL => b::shl(f),
        SHR => b::shr(f),
        SAR => b::sar(f),
        KECCAK256 => sys::keccak(f),
        ADDRESS => sys::address(f),
        BALANCE => host::balance(c),
        ORIGIN => info::push_env(f, c.env, |e| e.tx.origin.to_word()),
        CALLER => sys::caller(f),
        CALLVALUE => sys::callvalue(f),
        CALLDATALOAD => sys::calldataload(f),
        CALLDATASIZE => sys::calldatasize(f),
        CALLDATACOPY => sys::calldatacopy(f),
        CODESIZE => sys::codesize(f),
        CODECOPY => sys::codecopy(f),
        GASPRICE => info::push_env(f, c.env, |e| e.tx.gas_price),
        EXTCODESIZE => host::extcodesize(c),
        EXTCODECOPY => host::extcodecopy(c),
        RETURNDATASIZE => sys::returndatasize(f),
        RETURNDATACOPY => sys::returndatacopy(f),
        EXTCODEHASH => host::extcodehash(c),
        BLOCKHASH => host::blockhash(c),
        COINBASE => info::push_env(f, c.env, |e| e.block.coinbase.to_word()),
        TIMESTAMP => info::push_env(f, c.env, |e| U256::from(e.block.timestamp)),
        NUMBER => info::push_env(f, c.env, |e| U256::from(e.block.number)),
        PREVRANDAO => info::push_env(f, c.env, |e| e.block.prevrandao.to_word()),
        GASLIMIT => info::push_env(f, c.env, |e| U256::from(e.block.gas_limit)),
        CHAINID => info::push_env(f, c.env, |e| U256::from(e.block.chain_id)),
        SELFBALANCE => host::selfbalance(c),
        BASEFEE => info::push_env(f, c.env, |e| e.block.base_fee),
        BLOBHASH => info::blobhash(f, c.env),
        BLOBBASEFEE => info::push_env(f, c.env, |e| e.block.blob_base_fee()),
        POP => s::pop(f),
        MLOAD => m::mload(f),
        MSTORE => m::mstore(f),
        MSTORE8 => m::mstore8(f),
        SLOAD => host::sload(c),
        SSTORE => host::sstore(c),
        JUMP => control::jump(f),
        JUMPI => control::jumpi(f),
        PC => control::pc(f),
        MSIZE => m::msize(f),
        GAS => sys::gas(f),
        JUMPDEST => Ok(()),
        TLOAD => host::tload(c),
        TSTORE => host::tstore(c),
        MCOPY => m::mcopy(f),
        PUSH0 => s::push0(f),
        PUSH1..=PUSH32 => s::push(f, (op - PUSH1 + 1) as usize),
        DUP1..=DUP16 => s::dup(f, (op - DUP1 + 1) as usize),
        SWAP1..=SWAP16 => s::swap(f, (op - SWAP1 + 1) as usize),
        LOG0..=LOG4 => host::log(c, (op - LOG0) as usize),
        CREATE => contract::create(c, CallKind::Create),
        CALL => contract::call(c, CallKind::Call),
        CALLCODE => contract::call(c, CallKind::CallCode),
        RETURN => control::ret(f, Status::Success),
        DELEGATECALL => contract::call(c, CallKind::DelegateCall),
        CREATE2 => contract::create(c, CallKind::Create2),
        STATICCALL => contract::call(c, CallKind::StaticCall),
        REVERT => control::ret(f, Status::Revert),
        INVALID => Err(Halt::InvalidFe.into()),
        SELFDESTRUCT => host::selfdestruct(c),
        _ => Err(Halt::UndefinedOpcode(op).into()),
    }
}
