//! The dispatch loop: runs opcodes of the current frame until it ends, asks for a nested frame,
//! suspends for state, or (single-step mode) has run one opcode.
//!
//! One loop body is compiled three ways by const generics: `OBS = false, LIMIT = false` is
//! the fast path ([`Evm::run`](crate::Evm::run)), `OBS = true` calls the inspector before and
//! after every opcode, and `LIMIT = true` runs at most a budget of opcodes (one for the
//! debugger's single step, a slice for [`Evm::run_steps`](crate::Evm::run_steps)).
//!
//! **Hot opcodes are inlined in the loop; cold ones are calls.** The hot set is what
//! dominates compiled Solidity and the benchmark contracts and has a short body: PUSH0..32,
//! DUP, SWAP, POP, JUMP, JUMPI, JUMPDEST, PC, GAS, MSIZE, ADD, SUB, MUL, SIGNEXTEND, the
//! comparisons, bitwise and shift opcodes (CLZ among them), MLOAD, MSTORE, MSTORE8, CALLDATALOAD, and the
//! opcodes that push a frame field (ADDRESS, CALLER, CALLVALUE, CALLDATASIZE, CODESIZE,
//! RETURNDATASIZE). Their functions are `#[inline(always)]`. Everything else is
//! `#[inline(never)]`: division and modular arithmetic and EXP (long multi-limb loops),
//! KECCAK256, the copies, every opcode that reaches the journal or the environment (SLOAD,
//! SSTORE, BALANCE, LOG, ...), RETURN, REVERT and SELFDESTRUCT. Inlining those would grow the
//! loop's code and register pressure for opcodes that run rarely or whose own work dwarfs a
//! call. CALL* and CREATE* are the exception, left to the compiler (see `contract`). Memory expansion is a cold call from the inlined MLOAD and
//! MSTORE (it runs only when memory grows). Match arms with ranges (PUSH, DUP, SWAP, LOG)
//! come last: rustc tests arms in order, and a range first became compares in front of the
//! jump table that mispredicted on every PUSH. `scripts/check-inlining.sh` lists the calls
//! left in the loop of the native and wasm release builds, and fails on a hot one.

use crate::gas::{CALL_STIPEND, STACK_LIMIT};
use crate::inspector::{Inspector, Step, StepEnd};
use crate::instructions::{
    arithmetic, bitwise, contract, control, host, info, memory, stack, system, Interrupt, Machine,
    OpResult,
};
use crate::opcodes::OpInfo;
use crate::state::Backend;
use crate::status::{Halt, Status};

/// Why [`run_frame`] returned.
pub(crate) enum Yield {
    /// The step budget is spent; the frame goes on when run again.
    Paused,
    /// An opcode ended the frame, asked for a nested one, or needs state.
    Interrupted(Interrupt),
}

/// Runs the frame in `m` at `depth` (1 = outermost). `OBS` compiles the inspector calls in;
/// with `LIMIT`, it returns [`Yield::Paused`] once `budget` opcodes have run (the budget is
/// decremented per opcode; without `LIMIT` it is not read).
#[inline(never)]
pub(crate) fn run_frame<B: Backend, I: Inspector, const OBS: bool, const LIMIT: bool>(
    m: &mut Machine<'_, B>,
    insp: &mut I,
    depth: usize,
    budget: &mut u64,
) -> Yield {
    let table = m.env.rules.opcodes;
    loop {
        if LIMIT {
            if *budget == 0 {
                return Yield::Paused;
            }
            *budget -= 1;
        }
        let pc = m.frame.pc;
        let op = m.frame.code.padded().get(pc).copied().unwrap_or(0);
        let gas_before = m.frame.gas;
        let sp = m.frame.stack.len();
        if OBS {
            m.frame.shortfall = 0;
            insp.step(&Step {
                pc,
                op,
                gas: gas_before,
                depth,
                refund: m.journal.refund(),
                frame: m.frame,
            });
        }
        let r = execute(m, op, &table[op as usize]);
        // The common case, an opcode that ran and the frame goes on, is one test.
        let i = match r {
            Ok(()) => {
                if OBS {
                    step_end(m, insp, gas_before, None, 0);
                }
                continue;
            }
            Err(i) => i,
        };
        if let Interrupt::Suspend(n) = i {
            // Undo the opcode (see the suspension rule in `instructions`): it runs, and is
            // counted and reported, when the run resumes.
            m.frame.pc = pc;
            m.frame.gas = gas_before;
            m.frame.stack.restore_len(sp);
            if LIMIT {
                *budget += 1;
            }
            return Yield::Interrupted(Interrupt::Suspend(n));
        }
        if OBS {
            let (error, forwarded) = match &i {
                Interrupt::Exit(Status::Halt(h)) => (Some(*h), 0),
                Interrupt::Call(a) => (
                    None,
                    a.gas - if a.value.is_zero() { 0 } else { CALL_STIPEND },
                ),
                Interrupt::Create(a) => (None, a.gas),
                _ => (None, 0),
            };
            step_end(m, insp, gas_before, error, forwarded);
        }
        return Yield::Interrupted(i);
    }
}

/// Tells the inspector what the opcode just run did. An opcode that ran out of gas costs, in
/// the trace, what it charged and what it could not pay (the execution spec's whole cost).
#[inline(always)]
fn step_end<B: Backend, I: Inspector>(
    m: &mut Machine<'_, B>,
    insp: &mut I,
    gas_before: u64,
    error: Option<Halt>,
    forwarded: u64,
) {
    let shortfall = if error == Some(Halt::OutOfGas) {
        m.frame.shortfall
    } else {
        0
    };
    insp.step_end(&StepEnd {
        gas_cost: (gas_before - m.frame.gas.min(gas_before)).saturating_add(shortfall),
        forwarded,
        error,
        refund: m.journal.refund(),
        frame: m.frame,
    });
}

/// Checks the stack and static gas from the opcode table, then runs the opcode.
#[inline(always)]
fn execute<B: Backend>(m: &mut Machine<'_, B>, op: u8, info: &OpInfo) -> OpResult {
    let len = m.frame.stack.len();
    // Three tests, not evmone's one compare against a precomputed bound: that one counted
    // 3 % fewer instructions natively but ran snailtracer 4 % slower in wasm.
    if !info.is_defined() {
        return Err(Halt::UndefinedOpcode(op).into());
    }
    if len < info.inputs as usize {
        return Err(Halt::StackUnderflow.into());
    }
    if len + info.outputs as usize > STACK_LIMIT + info.inputs as usize {
        return Err(Halt::StackOverflow.into());
    }
    // The static part, checked here without noting a shortfall (`charge` notes one for the
    // dynamic parts): that keeps the failure path out of the loop's registers.
    let cost = info.gas as u64;
    if m.frame.gas < cost {
        return Err(Halt::OutOfGas.into());
    }
    m.frame.gas -= cost;
    m.frame.pc += 1;
    dispatch(m, op)
}

#[inline(always)]
fn dispatch<B: Backend>(m: &mut Machine<'_, B>, op: u8) -> OpResult {
    use crate::call::CallKind::*;
    use crate::opcodes::*;
    let f = &mut *m.frame;
    match op {
        // Hot: inlined (PUSH, DUP and SWAP are below).
        PUSH0 => stack::push0(f),
        POP => stack::pop(f),
        JUMPDEST => Ok(()),
        JUMP => control::jump(f),
        JUMPI => control::jumpi(f),
        PC => control::pc(f),
        GAS => system::gas(f),
        MSIZE => memory::msize(f),
        ADD => arithmetic::add(f),
        SUB => arithmetic::sub(f),
        MUL => arithmetic::mul(f),
        SIGNEXTEND => arithmetic::signextend(f),
        LT => bitwise::lt(f),
        GT => bitwise::gt(f),
        SLT => bitwise::slt(f),
        SGT => bitwise::sgt(f),
        EQ => bitwise::eq(f),
        ISZERO => bitwise::iszero(f),
        AND => bitwise::and(f),
        OR => bitwise::or(f),
        XOR => bitwise::xor(f),
        NOT => bitwise::not(f),
        BYTE => bitwise::byte(f),
        SHL => bitwise::shl(f),
        SHR => bitwise::shr(f),
        SAR => bitwise::sar(f),
        CLZ => bitwise::clz(f),
        MLOAD => memory::mload(f),
        MSTORE => memory::mstore(f),
        MSTORE8 => memory::mstore8(f),
        CALLDATALOAD => system::calldataload(f),
        ADDRESS => system::address(f),
        CALLER => system::caller(f),
        CALLVALUE => system::callvalue(f),
        CALLDATASIZE => system::calldatasize(f),
        CODESIZE => system::codesize(f),
        RETURNDATASIZE => system::returndatasize(f),
        STOP => Err(Interrupt::Exit(Status::Success)),
        // Cold: calls.
        DIV => arithmetic::div(f),
        SDIV => arithmetic::sdiv(f),
        MOD => arithmetic::rem(f),
        SMOD => arithmetic::smod(f),
        ADDMOD => arithmetic::addmod(f),
        MULMOD => arithmetic::mulmod(f),
        EXP => arithmetic::exp(f),
        KECCAK256 => system::keccak(f),
        CALLDATACOPY => system::calldatacopy(f),
        CODECOPY => system::codecopy(f),
        RETURNDATACOPY => system::returndatacopy(f),
        MCOPY => memory::mcopy(f),
        ORIGIN => info::origin(f, m.env),
        GASPRICE => info::gasprice(f, m.env),
        COINBASE => info::coinbase(f, m.env),
        TIMESTAMP => info::timestamp(f, m.env),
        NUMBER => info::number(f, m.env),
        PREVRANDAO => info::prevrandao(f, m.env),
        GASLIMIT => info::gaslimit(f, m.env),
        CHAINID => info::chainid(f, m.env),
        BASEFEE => info::basefee(f, m.env),
        BLOBBASEFEE => info::blobbasefee(f, m.env),
        BLOBHASH => info::blobhash(f, m.env),
        BALANCE => host::balance(m),
        SELFBALANCE => host::selfbalance(m),
        EXTCODESIZE => host::extcodesize(m),
        EXTCODECOPY => host::extcodecopy(m),
        EXTCODEHASH => host::extcodehash(m),
        BLOCKHASH => host::blockhash(m),
        SLOAD => host::sload(m),
        SSTORE => host::sstore(m),
        TLOAD => host::tload(m),
        TSTORE => host::tstore(m),
        CALL => contract::call(m, Call),
        CALLCODE => contract::call(m, CallCode),
        DELEGATECALL => contract::call(m, DelegateCall),
        STATICCALL => contract::call(m, StaticCall),
        CREATE => contract::create(m, Create),
        CREATE2 => contract::create(m, Create2),
        RETURN => control::ret(f, Status::Success),
        REVERT => control::ret(f, Status::Revert),
        SELFDESTRUCT => host::selfdestruct(m),
        INVALID => Err(Halt::InvalidFe.into()),
        // Ranges last: rustc tests match arms in order, and a range arm placed first became
        // compares in front of the jump table, which mispredicted on every PUSH.
        PUSH1..=PUSH32 => stack::push(f, (op - PUSH1 + 1) as usize),
        DUP1..=DUP16 => stack::dup(f, (op - DUP1 + 1) as usize),
        SWAP1..=SWAP16 => stack::swap(f, (op - SWAP1 + 1) as usize),
        LOG0..=LOG4 => host::log(m, (op - LOG0) as usize),
        _ => Err(Halt::UndefinedOpcode(op).into()),
    }
}
