//! The opcode table, as data: name, immediate size, stack inputs/outputs and static gas, one
//! table per set of opcodes a fork defines ([`CANCUN_OPCODES`], also Prague's, and
//! [`OSAKA_OPCODES`]; [`Rules`](crate::fork::Rules) says which a fork uses).
//!
//! The table serves the interpreter loop (stack checks and static gas), the assembler and the
//! disassembler. Static gas is the part of an opcode's cost known before it runs; for opcodes
//! with account or slot access (BALANCE, SLOAD, CALL, ...) it is the warm cost, the cold
//! surcharge being dynamic, as evm.codes and evmone present it. Every cost is named from
//! [`gas`](crate::gas); the table holds no bare numbers but stack counts and sizes.

use crate::gas;

/// Static facts about one opcode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpInfo {
    /// Mnemonic, e.g. `PUSH1`; empty for an undefined opcode.
    pub name: &'static str,
    /// Bytes of immediate data that follow the opcode (PUSHn: n).
    pub immediate: u8,
    /// Stack items the opcode reads (pops or, for DUP/SWAP, needs present).
    pub inputs: u8,
    /// Stack items the opcode leaves in place of its inputs.
    pub outputs: u8,
    /// Gas charged before the opcode runs.
    pub gas: u16,
}

impl OpInfo {
    /// Whether the opcode is defined in the active fork.
    pub const fn is_defined(&self) -> bool {
        !self.name.is_empty()
    }
}

const UNDEFINED: OpInfo = OpInfo {
    name: "",
    immediate: 0,
    inputs: 0,
    outputs: 0,
    gas: 0,
};

/// A table row; `gas` must fit the table's `u16` (checked when the table is built, at
/// compile time).
const fn op(name: &'static str, inputs: u8, outputs: u8, gas: u64) -> OpInfo {
    assert!(gas <= u16::MAX as u64);
    OpInfo {
        name,
        immediate: 0,
        inputs,
        outputs,
        gas: gas as u16,
    }
}

macro_rules! opcode_consts {
    ($($name:ident = $val:expr),* $(,)?) => {
        $(#[doc = concat!("The `", stringify!($name), "` opcode.")] pub const $name: u8 = $val;)*
    };
}

opcode_consts! {
    STOP = 0x00, ADD = 0x01, MUL = 0x02, SUB = 0x03, DIV = 0x04, SDIV = 0x05, MOD = 0x06,
    SMOD = 0x07, ADDMOD = 0x08, MULMOD = 0x09, EXP = 0x0a, SIGNEXTEND = 0x0b,
    LT = 0x10, GT = 0x11, SLT = 0x12, SGT = 0x13, EQ = 0x14, ISZERO = 0x15, AND = 0x16, OR = 0x17,
    XOR = 0x18, NOT = 0x19, BYTE = 0x1a, SHL = 0x1b, SHR = 0x1c, SAR = 0x1d, CLZ = 0x1e,
    KECCAK256 = 0x20,
    ADDRESS = 0x30, BALANCE = 0x31, ORIGIN = 0x32, CALLER = 0x33, CALLVALUE = 0x34,
    CALLDATALOAD = 0x35, CALLDATASIZE = 0x36, CALLDATACOPY = 0x37, CODESIZE = 0x38, CODECOPY = 0x39,
    GASPRICE = 0x3a, EXTCODESIZE = 0x3b, EXTCODECOPY = 0x3c, RETURNDATASIZE = 0x3d,
    RETURNDATACOPY = 0x3e, EXTCODEHASH = 0x3f,
    BLOCKHASH = 0x40, COINBASE = 0x41, TIMESTAMP = 0x42, NUMBER = 0x43, PREVRANDAO = 0x44,
    GASLIMIT = 0x45, CHAINID = 0x46, SELFBALANCE = 0x47, BASEFEE = 0x48, BLOBHASH = 0x49,
    BLOBBASEFEE = 0x4a,
    POP = 0x50, MLOAD = 0x51, MSTORE = 0x52, MSTORE8 = 0x53, SLOAD = 0x54, SSTORE = 0x55,
    JUMP = 0x56, JUMPI = 0x57, PC = 0x58, MSIZE = 0x59, GAS = 0x5a, JUMPDEST = 0x5b, TLOAD = 0x5c,
    TSTORE = 0x5d, MCOPY = 0x5e, PUSH0 = 0x5f, PUSH1 = 0x60, PUSH32 = 0x7f, DUP1 = 0x80,
    DUP16 = 0x8f, SWAP1 = 0x90, SWAP16 = 0x9f, LOG0 = 0xa0, LOG4 = 0xa4,
    CREATE = 0xf0, CALL = 0xf1, CALLCODE = 0xf2, RETURN = 0xf3, DELEGATECALL = 0xf4,
    CREATE2 = 0xf5, STATICCALL = 0xfa, REVERT = 0xfd, INVALID = 0xfe, SELFDESTRUCT = 0xff,
}

const PUSH_NAMES: [&str; 32] = [
    "PUSH1", "PUSH2", "PUSH3", "PUSH4", "PUSH5", "PUSH6", "PUSH7", "PUSH8", "PUSH9", "PUSH10",
    "PUSH11", "PUSH12", "PUSH13", "PUSH14", "PUSH15", "PUSH16", "PUSH17", "PUSH18", "PUSH19",
    "PUSH20", "PUSH21", "PUSH22", "PUSH23", "PUSH24", "PUSH25", "PUSH26", "PUSH27", "PUSH28",
    "PUSH29", "PUSH30", "PUSH31", "PUSH32",
];
const DUP_NAMES: [&str; 16] = [
    "DUP1", "DUP2", "DUP3", "DUP4", "DUP5", "DUP6", "DUP7", "DUP8", "DUP9", "DUP10", "DUP11",
    "DUP12", "DUP13", "DUP14", "DUP15", "DUP16",
];
const SWAP_NAMES: [&str; 16] = [
    "SWAP1", "SWAP2", "SWAP3", "SWAP4", "SWAP5", "SWAP6", "SWAP7", "SWAP8", "SWAP9", "SWAP10",
    "SWAP11", "SWAP12", "SWAP13", "SWAP14", "SWAP15", "SWAP16",
];
const LOG_NAMES: [&str; 5] = ["LOG0", "LOG1", "LOG2", "LOG3", "LOG4"];

const fn cancun() -> [OpInfo; 256] {
    let mut t = [UNDEFINED; 256];
    t[0x00] = op("STOP", 0, 0, gas::ZERO);
    t[0x01] = op("ADD", 2, 1, gas::VERY_LOW);
    t[0x02] = op("MUL", 2, 1, gas::LOW);
    t[0x03] = op("SUB", 2, 1, gas::VERY_LOW);
    t[0x04] = op("DIV", 2, 1, gas::LOW);
    t[0x05] = op("SDIV", 2, 1, gas::LOW);
    t[0x06] = op("MOD", 2, 1, gas::LOW);
    t[0x07] = op("SMOD", 2, 1, gas::LOW);
    t[0x08] = op("ADDMOD", 3, 1, gas::MID);
    t[0x09] = op("MULMOD", 3, 1, gas::MID);
    t[0x0a] = op("EXP", 2, 1, gas::EXP);
    t[0x0b] = op("SIGNEXTEND", 2, 1, gas::LOW);
    t[0x10] = op("LT", 2, 1, gas::VERY_LOW);
    t[0x11] = op("GT", 2, 1, gas::VERY_LOW);
    t[0x12] = op("SLT", 2, 1, gas::VERY_LOW);
    t[0x13] = op("SGT", 2, 1, gas::VERY_LOW);
    t[0x14] = op("EQ", 2, 1, gas::VERY_LOW);
    t[0x15] = op("ISZERO", 1, 1, gas::VERY_LOW);
    t[0x16] = op("AND", 2, 1, gas::VERY_LOW);
    t[0x17] = op("OR", 2, 1, gas::VERY_LOW);
    t[0x18] = op("XOR", 2, 1, gas::VERY_LOW);
    t[0x19] = op("NOT", 1, 1, gas::VERY_LOW);
    t[0x1a] = op("BYTE", 2, 1, gas::VERY_LOW);
    t[0x1b] = op("SHL", 2, 1, gas::VERY_LOW);
    t[0x1c] = op("SHR", 2, 1, gas::VERY_LOW);
    t[0x1d] = op("SAR", 2, 1, gas::VERY_LOW);
    t[0x20] = op("KECCAK256", 2, 1, gas::KECCAK256);
    t[0x30] = op("ADDRESS", 0, 1, gas::BASE);
    t[0x31] = op("BALANCE", 1, 1, gas::WARM_ACCESS);
    t[0x32] = op("ORIGIN", 0, 1, gas::BASE);
    t[0x33] = op("CALLER", 0, 1, gas::BASE);
    t[0x34] = op("CALLVALUE", 0, 1, gas::BASE);
    t[0x35] = op("CALLDATALOAD", 1, 1, gas::VERY_LOW);
    t[0x36] = op("CALLDATASIZE", 0, 1, gas::BASE);
    t[0x37] = op("CALLDATACOPY", 3, 0, gas::VERY_LOW);
    t[0x38] = op("CODESIZE", 0, 1, gas::BASE);
    t[0x39] = op("CODECOPY", 3, 0, gas::VERY_LOW);
    t[0x3a] = op("GASPRICE", 0, 1, gas::BASE);
    t[0x3b] = op("EXTCODESIZE", 1, 1, gas::WARM_ACCESS);
    t[0x3c] = op("EXTCODECOPY", 4, 0, gas::WARM_ACCESS);
    t[0x3d] = op("RETURNDATASIZE", 0, 1, gas::BASE);
    t[0x3e] = op("RETURNDATACOPY", 3, 0, gas::VERY_LOW);
    t[0x3f] = op("EXTCODEHASH", 1, 1, gas::WARM_ACCESS);
    t[0x40] = op("BLOCKHASH", 1, 1, gas::BLOCKHASH);
    t[0x41] = op("COINBASE", 0, 1, gas::BASE);
    t[0x42] = op("TIMESTAMP", 0, 1, gas::BASE);
    t[0x43] = op("NUMBER", 0, 1, gas::BASE);
    t[0x44] = op("PREVRANDAO", 0, 1, gas::BASE);
    t[0x45] = op("GASLIMIT", 0, 1, gas::BASE);
    t[0x46] = op("CHAINID", 0, 1, gas::BASE);
    t[0x47] = op("SELFBALANCE", 0, 1, gas::LOW);
    t[0x48] = op("BASEFEE", 0, 1, gas::BASE);
    t[0x49] = op("BLOBHASH", 1, 1, gas::VERY_LOW);
    t[0x4a] = op("BLOBBASEFEE", 0, 1, gas::BASE);
    t[0x50] = op("POP", 1, 0, gas::BASE);
    t[0x51] = op("MLOAD", 1, 1, gas::VERY_LOW);
    t[0x52] = op("MSTORE", 2, 0, gas::VERY_LOW);
    t[0x53] = op("MSTORE8", 2, 0, gas::VERY_LOW);
    t[0x54] = op("SLOAD", 1, 1, gas::WARM_ACCESS);
    t[0x55] = op("SSTORE", 2, 0, gas::ZERO);
    t[0x56] = op("JUMP", 1, 0, gas::MID);
    t[0x57] = op("JUMPI", 2, 0, gas::HIGH);
    t[0x58] = op("PC", 0, 1, gas::BASE);
    t[0x59] = op("MSIZE", 0, 1, gas::BASE);
    t[0x5a] = op("GAS", 0, 1, gas::BASE);
    t[0x5b] = op("JUMPDEST", 0, 0, gas::JUMPDEST);
    t[0x5c] = op("TLOAD", 1, 1, gas::WARM_ACCESS);
    t[0x5d] = op("TSTORE", 2, 0, gas::WARM_ACCESS);
    t[0x5e] = op("MCOPY", 3, 0, gas::VERY_LOW);
    t[0x5f] = op("PUSH0", 0, 1, gas::BASE);
    let mut i = 0;
    while i < 32 {
        t[0x60 + i] = OpInfo {
            immediate: (i + 1) as u8,
            ..op(PUSH_NAMES[i], 0, 1, gas::VERY_LOW)
        };
        i += 1;
    }
    i = 0;
    while i < 16 {
        t[0x80 + i] = op(DUP_NAMES[i], (i + 1) as u8, (i + 2) as u8, gas::VERY_LOW);
        t[0x90 + i] = op(SWAP_NAMES[i], (i + 2) as u8, (i + 2) as u8, gas::VERY_LOW);
        i += 1;
    }
    i = 0;
    while i < 5 {
        t[0xa0 + i] = op(
            LOG_NAMES[i],
            (i + 2) as u8,
            0,
            gas::LOG + gas::LOG_TOPIC * i as u64,
        );
        i += 1;
    }
    t[0xf0] = op("CREATE", 3, 1, gas::CREATE);
    t[0xf1] = op("CALL", 7, 1, gas::WARM_ACCESS);
    t[0xf2] = op("CALLCODE", 7, 1, gas::WARM_ACCESS);
    t[0xf3] = op("RETURN", 2, 0, gas::ZERO);
    t[0xf4] = op("DELEGATECALL", 6, 1, gas::WARM_ACCESS);
    t[0xf5] = op("CREATE2", 4, 1, gas::CREATE);
    t[0xfa] = op("STATICCALL", 6, 1, gas::WARM_ACCESS);
    t[0xfd] = op("REVERT", 2, 0, gas::ZERO);
    t[0xfe] = op("INVALID", 0, 0, gas::ZERO);
    t[0xff] = op("SELFDESTRUCT", 1, 0, gas::SELFDESTRUCT);
    t
}

/// Osaka's opcodes: Cancun's and CLZ (EIP-7939).
const fn osaka() -> [OpInfo; 256] {
    let mut t = cancun();
    t[0x1e] = op("CLZ", 1, 1, gas::LOW);
    t
}

/// The opcodes of Cancun and Prague, indexed by opcode byte.
pub static CANCUN_OPCODES: [OpInfo; 256] = cancun();
/// The opcodes of Osaka, indexed by opcode byte.
pub static OSAKA_OPCODES: [OpInfo; 256] = osaka();
/// Every opcode of the newest fork: the table of the assembler, the disassembler and the
/// trace's names (an opcode a fork lacks halts before any of them matters).
pub static OPCODES: &[OpInfo; 256] = &OSAKA_OPCODES;

/// Looks up an opcode by mnemonic (case-insensitive; `SHA3` and `DIFFICULTY` are accepted as
/// the old names of KECCAK256 and PREVRANDAO).
pub fn by_name(name: &str) -> Option<u8> {
    let upper = name.to_ascii_uppercase();
    let n = match upper.as_str() {
        "SHA3" => "KECCAK256",
        "DIFFICULTY" => "PREVRANDAO",
        other => other,
    };
    (0..=255u8).find(|&b| OPCODES[b as usize].is_defined() && OPCODES[b as usize].name == n)
}

/// The mnemonic of an opcode, or `INVALID(0x..)`-style text for an undefined byte.
pub fn name(op: u8) -> std::borrow::Cow<'static, str> {
    let info = &OPCODES[op as usize];
    if info.is_defined() {
        std::borrow::Cow::Borrowed(info.name)
    } else {
        std::borrow::Cow::Owned(format!("opcode 0x{op:02x} not defined"))
    }
}
