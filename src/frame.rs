//! Execution contexts: one per call depth, created once and reused (the context pool).

use crate::bytecode::Code;
use crate::memory::Memory;
use crate::primitives::{Address, U256};
use crate::stack::Stack;
use crate::state::Checkpoint;
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

/// Why a frame stopped abnormally. Every halt consumes all the frame's gas.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Halt {
    /// Not enough gas.
    OutOfGas,
    /// An opcode needed more stack items than present.
    StackUnderflow,
    /// The stack would exceed 1024 items.
    StackOverflow,
    /// JUMP or JUMPI to a byte that is not a JUMPDEST.
    BadJump,
    /// An undefined opcode.
    UndefinedOpcode(u8),
    /// The designated INVALID opcode (0xFE).
    InvalidFe,
    /// A state change inside a static call.
    StaticViolation,
    /// RETURNDATACOPY beyond the return data.
    ReturnDataOutOfBounds,
    /// Deployed code starting with 0xEF (EIP-3541).
    CodeStartsWithEf,
    /// Deployed code over 24576 bytes (EIP-170).
    CodeTooLarge,
    /// Initcode over 49152 bytes (EIP-3860).
    InitcodeTooLarge,
    /// A precompile rejected its input.
    PrecompileFailure,
    /// Memory beyond what this build can address.
    MemoryLimit,
    /// Contract creation at an address that already has code, nonce or storage.
    CreateCollision,
}

impl std::fmt::Display for Halt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Halt::OutOfGas => write!(f, "out of gas"),
            Halt::StackUnderflow => write!(f, "stack underflow"),
            Halt::StackOverflow => write!(f, "stack overflow"),
            Halt::BadJump => write!(f, "invalid jump destination"),
            Halt::UndefinedOpcode(op) => write!(f, "invalid opcode 0x{op:02x}"),
            Halt::InvalidFe => write!(f, "invalid opcode 0xfe"),
            Halt::StaticViolation => write!(f, "write protection"),
            Halt::ReturnDataOutOfBounds => write!(f, "return data out of bounds"),
            Halt::CodeStartsWithEf => write!(f, "invalid code: must not begin with 0xef"),
            Halt::CodeTooLarge => write!(f, "max code size exceeded"),
            Halt::InitcodeTooLarge => write!(f, "max initcode size exceeded"),
            Halt::PrecompileFailure => write!(f, "precompile failed"),
            Halt::MemoryLimit => write!(f, "memory limit exceeded"),
            Halt::CreateCollision => write!(f, "contract address collision"),
        }
    }
}

/// How a frame ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// STOP, RETURN, SELFDESTRUCT or the end of code.
    Success,
    /// REVERT: state undone, unused gas returned.
    Revert,
    /// Exceptional halt: state undone, all gas consumed.
    Halt(Halt),
}

impl Status {
    /// Whether the frame succeeded.
    pub fn is_success(&self) -> bool {
        matches!(self, Status::Success)
    }
}

/// Where a frame's results go when it returns to its caller.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ReturnTo {
    /// Caller memory offset for the output (calls).
    pub offset: usize,
    /// Caller memory length for the output (calls).
    pub len: usize,
}

/// One execution context: operand stack, memory, and the state of the frame running in it.
#[derive(Debug)]
pub struct Frame {
    /// Operand stack.
    pub stack: Stack,
    /// Memory.
    pub memory: Memory,
    /// Return data of the last call this frame made.
    pub return_data: Vec<u8>,
    /// Call data (or, in a create frame, empty; the initcode is the code).
    pub input: Vec<u8>,
    /// Program counter.
    pub pc: usize,
    /// Gas given to the frame.
    pub gas_limit: u64,
    /// Gas left.
    pub gas: u64,
    /// Code being run.
    pub code: Arc<Code>,
    /// How the frame was entered.
    pub kind: CallKind,
    /// The account whose storage and balance the code acts on.
    pub address: Address,
    /// The account that made the call (CALLER).
    pub caller: Address,
    /// The account whose code runs (differs from `address` for DELEGATECALL and CALLCODE).
    pub code_address: Address,
    /// CALLVALUE.
    pub value: U256,
    /// Inside a STATICCALL: no state changes allowed.
    pub is_static: bool,
    /// Output range in memory, set by RETURN or REVERT.
    pub(crate) output: (usize, usize),
    pub(crate) checkpoint: Checkpoint,
    pub(crate) ret: ReturnTo,
}

impl Frame {
    /// A new context, with a 1024-word stack and 4 KiB of memory capacity.
    pub fn new(empty_code: Arc<Code>) -> Frame {
        Frame {
            stack: Stack::new(),
            memory: Memory::new(),
            return_data: Vec::new(),
            input: Vec::new(),
            pc: 0,
            gas_limit: 0,
            gas: 0,
            code: empty_code,
            kind: CallKind::Call,
            address: Address::ZERO,
            caller: Address::ZERO,
            code_address: Address::ZERO,
            value: U256::ZERO,
            is_static: false,
            output: (0, 0),
            checkpoint: Checkpoint::default(),
            ret: ReturnTo::default(),
        }
    }

    /// Resets the context for a new frame, keeping every buffer's capacity.
    pub(crate) fn reset(&mut self) {
        self.stack.clear();
        self.memory.clear();
        self.return_data.clear();
        self.input.clear();
        self.pc = 0;
        self.output = (0, 0);
    }

    /// The opcode at the program counter (0 = STOP past the end of code).
    pub fn current_opcode(&self) -> u8 {
        self.code.padded().get(self.pc).copied().unwrap_or(0)
    }

    /// The output the frame returned (RETURN or REVERT data), once it has ended.
    pub fn output(&self) -> &[u8] {
        let (o, l) = self.output;
        if l == 0 {
            &[]
        } else {
            self.memory.slice(o, l)
        }
    }

    /// Gas used so far.
    pub fn gas_used(&self) -> u64 {
        self.gas_limit - self.gas
    }
}
