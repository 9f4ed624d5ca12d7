//! Nested frames as the opcodes ask for them: how a frame is entered ([`CallKind`]) and the
//! `Copy` requests that CALL* and CREATE* hand to the driver once their gas is charged. A
//! request is plain data (no `Box`, no borrow), so the loop can return it and the driver can
//! keep it across a suspension for missing state.

use crate::bytecode::Code;
use crate::primitives::{Address, U256};
use std::sync::Arc;

/// How a frame was entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CallKind {
    /// CALL, or a message-call transaction.
    Call,
    /// CALLCODE.
    CallCode,
    /// DELEGATECALL.
    DelegateCall,
    /// STATICCALL.
    StaticCall,
    /// CREATE, or a contract-creation transaction.
    Create,
    /// CREATE2.
    Create2,
}

impl CallKind {
    /// The opcode-style name (`CALL`, `CREATE2`, ...).
    pub fn name(&self) -> &'static str {
        match self {
            CallKind::Call => "CALL",
            CallKind::CallCode => "CALLCODE",
            CallKind::DelegateCall => "DELEGATECALL",
            CallKind::StaticCall => "STATICCALL",
            CallKind::Create => "CREATE",
            CallKind::Create2 => "CREATE2",
        }
    }

    /// Whether the frame runs initcode.
    pub fn is_create(&self) -> bool {
        matches!(self, CallKind::Create | CallKind::Create2)
    }
}

/// The parameters of a frame that its code observes: who called whom, with what value, in
/// which mode (the yellow paper's message call).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Message {
    /// How the frame was entered.
    pub kind: CallKind,
    /// The account that made the call (CALLER).
    pub caller: Address,
    /// The account whose storage and balance the code acts on (ADDRESS).
    pub address: Address,
    /// The account whose code runs (differs from `address` for DELEGATECALL and CALLCODE).
    pub code_address: Address,
    /// CALLVALUE.
    pub value: U256,
    /// Inside a STATICCALL: no state changes allowed.
    pub is_static: bool,
}

impl Default for Message {
    fn default() -> Message {
        Message {
            kind: CallKind::Call,
            caller: Address::ZERO,
            address: Address::ZERO,
            code_address: Address::ZERO,
            value: U256::ZERO,
            is_static: false,
        }
    }
}

/// A nested call requested by CALL, CALLCODE, DELEGATECALL or STATICCALL, gas already charged.
#[derive(Debug, Clone)]
pub(crate) struct CallRequest {
    /// Which of the four call opcodes.
    pub kind: CallKind,
    /// The account whose code runs (the callee; for DELEGATECALL and CALLCODE, only its code).
    pub target: Address,
    /// Value to transfer (CALL, CALLCODE; zero otherwise).
    pub value: U256,
    /// Gas given to the callee, stipend included.
    pub gas: u64,
    /// Offset of the call data in the caller's memory.
    pub in_offset: usize,
    /// Length of the call data.
    pub in_len: usize,
    /// Where the callee's output goes in the caller's memory.
    pub out_offset: usize,
    /// How many bytes of output the caller takes.
    pub out_len: usize,
    /// The code that runs, when the opcode found it (no delegation to follow): the frame's
    /// start then need not look the target up again.
    pub code: Option<Arc<Code>>,
}

/// A nested create requested by CREATE or CREATE2, gas already charged.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CreateRequest {
    /// CREATE or CREATE2.
    pub kind: CallKind,
    /// Endowment.
    pub value: U256,
    /// Offset of the initcode in the caller's memory.
    pub offset: usize,
    /// Length of the initcode.
    pub len: usize,
    /// CREATE2's salt (zero for CREATE).
    pub salt: U256,
    /// Gas given to the initcode.
    pub gas: u64,
}

/// A nested frame requested by an opcode.
#[derive(Debug, Clone)]
pub(crate) enum Request {
    /// CALL, CALLCODE, DELEGATECALL, STATICCALL.
    Call(CallRequest),
    /// CREATE, CREATE2.
    Create(CreateRequest),
}
