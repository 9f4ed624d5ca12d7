//! How a frame ends: [`Status`], and for an exceptional halt its [`Halt`] reason. A leaf
//! module (it depends on nothing in the crate), shared by the loop, the precompiles, the
//! driver and the results.

/// Why a frame stopped abnormally. Every halt consumes all the frame's gas, except the three
/// refusals at a frame's entry (`CallDepth`, `InsufficientBalance`, `NonceOverflow`), which
/// return it to the caller.
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
    /// A call or create beyond depth 1024 (refused at entry).
    CallDepth,
    /// A call or create sending more value than the caller has (refused at entry).
    InsufficientBalance,
    /// A create by an account whose nonce is at its maximum (refused at entry).
    NonceOverflow,
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
            Halt::CallDepth => write!(f, "max call depth exceeded"),
            Halt::InsufficientBalance => write!(f, "insufficient balance for transfer"),
            Halt::NonceOverflow => write!(f, "nonce uint64 overflow"),
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
