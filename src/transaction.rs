//! Transactions (legacy, EIP-2930, EIP-1559, EIP-4844, EIP-7702), their validation and
//! results.

use crate::primitives::{Address, B256, U256};
use crate::state::{AccountChange, Log, Need};
use crate::status::Status;

/// A transaction to execute. The type follows from the fields: `authorization_list` set
/// means EIP-7702, `max_fee_per_blob_gas` set means EIP-4844, `max_priority_fee_per_gas`
/// set means EIP-1559, otherwise legacy pricing (with an optional EIP-2930 access list).
#[derive(Debug, Clone, Default)]
pub struct Transaction {
    /// Sender.
    pub caller: Address,
    /// Recipient; `None` creates a contract.
    pub to: Option<Address>,
    /// Wei sent.
    pub value: U256,
    /// Call data, or initcode for a creation.
    pub data: Vec<u8>,
    /// Gas limit.
    pub gas_limit: u64,
    /// Sender nonce.
    pub nonce: u64,
    /// Gas price (legacy) or max fee per gas (EIP-1559).
    pub gas_price: U256,
    /// Max priority fee per gas (EIP-1559); `None` for legacy pricing.
    pub max_priority_fee_per_gas: Option<U256>,
    /// EIP-2930 access list.
    pub access_list: Vec<(Address, Vec<U256>)>,
    /// Blob versioned hashes (EIP-4844).
    pub blob_hashes: Vec<B256>,
    /// Max fee per blob gas (EIP-4844); `Some` marks a blob transaction.
    pub max_fee_per_blob_gas: Option<U256>,
    /// Signed authorizations (EIP-7702); `Some` marks a set-code transaction.
    pub authorization_list: Option<Vec<Authorization>>,
}

/// One signed EIP-7702 authorization: its signer lets `address`'s code run as its own.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Authorization {
    /// The chain it is valid on (0: any).
    pub chain_id: U256,
    /// The account whose code the signer delegates to (zero: clear the delegation).
    pub address: Address,
    /// The signer's nonce it is valid at.
    pub nonce: U256,
    /// Signature recovery bit (0 or 1).
    pub y_parity: U256,
    /// Signature r.
    pub r: U256,
    /// Signature s.
    pub s: U256,
}

impl Transaction {
    /// The price per gas actually paid, given the block's base fee.
    pub fn effective_gas_price(&self, base_fee: U256) -> U256 {
        match self.max_priority_fee_per_gas {
            None => self.gas_price,
            Some(tip) => self.gas_price.min(base_fee.saturating_add(tip)),
        }
    }

    /// Blob gas the transaction uses.
    pub fn blob_gas(&self) -> u64 {
        self.blob_hashes.len() as u64 * crate::gas::GAS_PER_BLOB
    }
}

/// How a transaction runs: which validity rules apply and whether its changes are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// A transaction (`eth_sendTransaction`): every rule, changes committed.
    #[default]
    Transact,
    /// A call (`eth_call`): no nonce or sender-code check, a transaction offering no fee
    /// runs at price zero whatever the base fee, and nothing is committed.
    Call,
}

/// Why a transaction is invalid (it is then not executed and the state is unchanged), or why
/// it cannot start now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TxError {
    /// The transaction nonce is not the sender's.
    NonceMismatch {
        /// Sender nonce in state.
        expected: u64,
        /// Transaction nonce.
        got: u64,
    },
    /// The sender nonce is 2^64-1 and cannot grow (EIP-2681).
    NonceOverflow,
    /// The sender cannot pay gas limit × max fee + value (+ blob fees).
    InsufficientFunds,
    /// The gas limit does not cover the intrinsic gas.
    IntrinsicGasTooLow {
        /// Intrinsic gas.
        intrinsic: u64,
        /// Gas limit.
        limit: u64,
    },
    /// The gas limit exceeds the block's.
    GasLimitAboveBlock,
    /// The gas limit exceeds the fork's transaction gas cap (EIP-7825).
    GasLimitAboveCap {
        /// The cap.
        cap: u64,
    },
    /// The max fee per gas is below the block's base fee.
    FeeBelowBaseFee,
    /// The priority fee exceeds the max fee.
    PriorityFeeAboveMaxFee,
    /// The sender has code (EIP-3607).
    SenderHasCode,
    /// Initcode over 49152 bytes (EIP-3860).
    InitcodeTooLarge,
    /// A blob transaction cannot create a contract.
    BlobCreate,
    /// A blob transaction without blobs.
    NoBlobs,
    /// More blobs than a transaction may carry.
    TooManyBlobs,
    /// A blob versioned hash without the KZG version byte.
    BadBlobVersion,
    /// The max fee per blob gas is below the blob base fee.
    BlobFeeTooLow,
    /// A set-code transaction (EIP-7702) before Prague.
    SetCodeNotActive,
    /// A set-code transaction without a recipient.
    SetCodeCreate,
    /// A set-code transaction with no authorization.
    NoAuthorizations,
    /// Another transaction is still running on this EVM.
    Busy,
    /// The backend must first supply this piece of state; call again once it has.
    NeedState(Need),
}

impl std::fmt::Display for TxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TxError::NonceMismatch { expected, got } => {
                write!(
                    f,
                    "nonce mismatch: account has {expected}, transaction has {got}"
                )
            }
            TxError::NonceOverflow => write!(f, "sender nonce is at its maximum"),
            TxError::InsufficientFunds => {
                write!(f, "insufficient funds for gas * price + value")
            }
            TxError::IntrinsicGasTooLow { intrinsic, limit } => {
                write!(
                    f,
                    "intrinsic gas too low: need {intrinsic}, gas limit {limit}"
                )
            }
            TxError::GasLimitAboveBlock => write!(f, "gas limit above the block gas limit"),
            TxError::GasLimitAboveCap { cap } => {
                write!(
                    f,
                    "gas limit above the transaction gas cap of {cap} (EIP-7825)"
                )
            }
            TxError::FeeBelowBaseFee => write!(f, "max fee per gas below the base fee"),
            TxError::PriorityFeeAboveMaxFee => {
                write!(f, "max priority fee per gas above max fee per gas")
            }
            TxError::SenderHasCode => write!(f, "sender is not an EOA (EIP-3607)"),
            TxError::InitcodeTooLarge => write!(f, "initcode exceeds 49152 bytes"),
            TxError::BlobCreate => write!(f, "blob transaction cannot create a contract"),
            TxError::NoBlobs => write!(f, "blob transaction without blobs"),
            TxError::TooManyBlobs => write!(f, "too many blobs"),
            TxError::BadBlobVersion => write!(f, "blob versioned hash with wrong version"),
            TxError::BlobFeeTooLow => write!(f, "max fee per blob gas below blob base fee"),
            TxError::SetCodeNotActive => {
                write!(f, "set-code transactions (EIP-7702) need Prague or later")
            }
            TxError::SetCodeCreate => write!(f, "set-code transaction cannot create a contract"),
            TxError::NoAuthorizations => write!(f, "set-code transaction without authorizations"),
            TxError::Busy => write!(f, "a transaction is already running"),
            TxError::NeedState(n) => write!(f, "state needed from the backend: {n}"),
        }
    }
}

impl std::error::Error for TxError {}

/// The outcome of an executed transaction.
#[derive(Debug, Clone)]
pub struct ExecutionResult {
    /// How the outermost frame ended.
    pub status: Status,
    /// Return or revert data (for a successful creation: the deployed code).
    pub output: Vec<u8>,
    /// Gas used, after the refund.
    pub gas_used: u64,
    /// Gas refunded (capped at a fifth of the gas used).
    pub gas_refunded: u64,
    /// Logs emitted (none if the transaction failed).
    pub logs: Vec<Log>,
    /// The created contract, for a successful creation.
    pub created: Option<Address>,
    /// Every account the transaction changed (sender fees and nonce included), by address.
    pub changes: Vec<AccountChange>,
}
