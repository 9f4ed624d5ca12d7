//! Gas constants, in one place. The opcode table (`opcodes`) names its static costs from
//! here; the instructions charge their dynamic parts from here; what differs between forks
//! is chosen in `fork`.

/// Static cost tier G_zero (STOP, RETURN, REVERT, INVALID; SSTORE is all dynamic).
pub const ZERO: u64 = 0;
/// Static cost tier G_jumpdest.
pub const JUMPDEST: u64 = 1;
/// Static cost tier G_base (ADDRESS, CALLER, POP, PC, GAS, ...).
pub const BASE: u64 = 2;
/// Static cost tier G_verylow (ADD, SUB, comparisons, PUSH, DUP, SWAP, MLOAD, ...).
pub const VERY_LOW: u64 = 3;
/// Static cost tier G_low (MUL, DIV, MOD, SIGNEXTEND, SELFBALANCE).
pub const LOW: u64 = 5;
/// Static cost tier G_mid (ADDMOD, MULMOD, JUMP).
pub const MID: u64 = 8;
/// Static cost tier G_high (JUMPI).
pub const HIGH: u64 = 10;
/// Static part of EXP (G_exp); each exponent byte adds [`EXP_BYTE`].
pub const EXP: u64 = 10;
/// Static part of KECCAK256; each word hashed adds [`KECCAK_WORD`].
pub const KECCAK256: u64 = 30;
/// BLOCKHASH.
pub const BLOCKHASH: u64 = 20;
/// Static part of CREATE and CREATE2.
pub const CREATE: u64 = 32000;
/// Static part of every LOG; each topic adds [`LOG_TOPIC`], each data byte [`LOG_DATA`].
pub const LOG: u64 = 375;
/// Static part of SELFDESTRUCT.
pub const SELFDESTRUCT: u64 = 5000;

/// Cost of the first access to an account in a transaction (EIP-2929).
pub const COLD_ACCOUNT_ACCESS: u64 = 2600;
/// Cost of the first access to a storage slot in a transaction (EIP-2929).
pub const COLD_SLOAD: u64 = 2100;
/// Cost of a warm account or slot access (EIP-2929). The opcode table charges it statically
/// for every opcode that accesses an account or slot (BALANCE, EXTCODE*, CALL*, SLOAD), and
/// for TLOAD and TSTORE (EIP-1153).
pub const WARM_ACCESS: u64 = 100;
/// What a cold account access costs beyond the [`WARM_ACCESS`] charged statically.
pub const COLD_ACCOUNT_EXTRA: u64 = COLD_ACCOUNT_ACCESS - WARM_ACCESS;
/// What a cold SLOAD costs beyond the [`WARM_ACCESS`] charged statically.
pub const COLD_SLOAD_EXTRA: u64 = COLD_SLOAD - WARM_ACCESS;
/// SSTORE from zero to non-zero.
pub const SSTORE_SET: u64 = 20000;
/// SSTORE of a changed non-zero slot, cold surcharge excluded (5000 - 2100).
pub const SSTORE_RESET: u64 = 2900;
/// Refund for clearing a slot (EIP-3529).
pub const SSTORE_CLEARS_REFUND: i64 = 4800;
/// An SSTORE fails when no more than this much gas is left (EIP-2200).
pub const SSTORE_SENTRY: u64 = 2300;
/// Extra cost of a CALL that transfers value.
pub const CALL_VALUE: u64 = 9000;
/// Extra cost of a value-transferring CALL to an empty account.
pub const NEW_ACCOUNT: u64 = 25000;
/// Gas given for free to the callee of a value-transferring call.
pub const CALL_STIPEND: u64 = 2300;
/// Extra SELFDESTRUCT cost when funds go to an empty account.
pub const SELFDESTRUCT_NEW_ACCOUNT: u64 = 25000;
/// Per 32-byte word of copied data (CALLDATACOPY, CODECOPY, MCOPY, ...).
pub const COPY_WORD: u64 = 3;
/// Per 32-byte word hashed by KECCAK256 (and CREATE2's address derivation).
pub const KECCAK_WORD: u64 = 6;
/// Per byte of LOG data.
pub const LOG_DATA: u64 = 8;
/// Per LOG topic.
pub const LOG_TOPIC: u64 = 375;
/// Per byte of EXP exponent.
pub const EXP_BYTE: u64 = 50;
/// Per byte of deployed code.
pub const CODE_DEPOSIT: u64 = 200;
/// Per 32-byte word of initcode (EIP-3860).
pub const INITCODE_WORD: u64 = 2;
/// Largest deployed code (EIP-170).
pub const MAX_CODE_SIZE: usize = 24576;
/// Largest initcode (EIP-3860).
pub const MAX_INITCODE_SIZE: usize = 2 * MAX_CODE_SIZE;
/// Deepest call stack.
pub const CALL_DEPTH_LIMIT: usize = 1024;
/// Operand stack capacity.
pub const STACK_LIMIT: usize = 1024;

/// Base cost of every transaction.
pub const TX_BASE: u64 = 21000;
/// Extra base cost of a contract-creation transaction.
pub const TX_CREATE: u64 = 32000;
/// Calldata cost per token: a zero byte is one token (4 gas), a non-zero byte four (16 gas,
/// EIP-2028); EIP-7623 names this the standard token cost.
pub const TX_DATA_TOKEN: u64 = 4;
/// Access-list cost per address (EIP-2930).
pub const TX_ACCESS_LIST_ADDRESS: u64 = 2400;
/// Access-list cost per storage key (EIP-2930).
pub const TX_ACCESS_LIST_KEY: u64 = 1900;
/// Gas per calldata token of the calldata floor (EIP-7623).
pub const TX_FLOOR_PER_TOKEN: u64 = 10;
/// Calldata tokens per non-zero byte (a zero byte is one token; EIP-7623).
pub const TX_TOKENS_PER_NONZERO: u64 = 4;
/// Intrinsic cost per EIP-7702 authorization (charged as if each made a new account).
pub const PER_EMPTY_ACCOUNT: u64 = 25000;
/// Refunded per authorization whose authority already existed (EIP-7702).
pub const PER_AUTH_BASE: u64 = 12500;
/// Refunds are capped at gas used divided by this (EIP-3529).
pub const MAX_REFUND_QUOTIENT: u64 = 5;

/// Blob gas used by one blob (EIP-4844).
pub const GAS_PER_BLOB: u64 = 131072;
/// The version byte every blob versioned hash starts with.
pub const VERSIONED_HASH_VERSION_KZG: u8 = 1;

/// Words (32 bytes each) needed to hold `len` bytes.
#[inline]
pub fn words(len: u64) -> u64 {
    len.div_ceil(32)
}

/// Total gas for a memory of `words` words: `3w + w²/512`. Saturates instead of overflowing.
/// Below 2^32 words (128 GiB, beyond any memory a frame may hold) the square fits 64 bits:
/// wasm has no 64×64→128 multiply, and the 128-bit one is a call to a helper.
#[inline]
pub fn memory_cost(words: u64) -> u64 {
    if words <= u32::MAX as u64 {
        return 3 * words + words * words / 512;
    }
    let w = words as u128;
    let c = 3 * w + w * w / 512;
    c.min(u64::MAX as u128) as u64
}

/// The gas a caller may forward: all but one 64th of what it has (EIP-150).
#[inline]
pub fn all_but_one_64th(gas: u64) -> u64 {
    gas - gas / 64
}

/// `factor * e ** (numerator / denominator)`, the integer approximation of EIP-4844.
pub fn fake_exponential(factor: u64, numerator: u64, denominator: u64) -> u128 {
    let (factor, numerator, denominator) = (factor as u128, numerator as u128, denominator as u128);
    let mut i = 1u128;
    let mut output = 0u128;
    let mut acc = factor * denominator;
    while acc > 0 {
        output = output.saturating_add(acc);
        acc = acc.saturating_mul(numerator) / (denominator * i);
        i += 1;
    }
    output / denominator
}

/// What a transaction's intrinsic gas depends on.
#[derive(Clone, Copy, Debug, Default)]
pub struct TxShape<'a> {
    /// Calldata, or initcode for a creation.
    pub data: &'a [u8],
    /// Whether it creates a contract.
    pub is_create: bool,
    /// Addresses in its access list.
    pub access_addresses: u64,
    /// Storage keys in its access list.
    pub access_keys: u64,
    /// EIP-7702 authorizations.
    pub authorizations: u64,
}

/// Calldata tokens: one per zero byte, four per non-zero byte (EIP-7623).
fn calldata_tokens(data: &[u8]) -> u64 {
    let zeros = data.iter().filter(|&&b| b == 0).count() as u64;
    zeros + (data.len() as u64 - zeros) * TX_TOKENS_PER_NONZERO
}

/// Intrinsic gas of a transaction: base, calldata, creation, access list and authorizations
/// (EIP-2028/2930/3860/7702).
pub fn intrinsic_gas(tx: &TxShape<'_>) -> u64 {
    let mut g = TX_BASE + TX_DATA_TOKEN * calldata_tokens(tx.data);
    if tx.is_create {
        g += TX_CREATE + words(tx.data.len() as u64) * INITCODE_WORD;
    }
    g + tx.access_addresses * TX_ACCESS_LIST_ADDRESS
        + tx.access_keys * TX_ACCESS_LIST_KEY
        + tx.authorizations * PER_EMPTY_ACCOUNT
}

/// The least gas a transaction with `data` uses (EIP-7623): base plus ten per token.
pub fn calldata_floor(data: &[u8]) -> u64 {
    TX_BASE + TX_FLOOR_PER_TOKEN * calldata_tokens(data)
}
