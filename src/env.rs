//! The block and transaction environment that opcodes such as NUMBER and ORIGIN read.

use crate::fork::{BlobSchedule, Rules};
use crate::primitives::{Address, B256, U256};

/// Block header fields visible to the EVM.
#[derive(Debug, Clone)]
pub struct BlockEnv {
    /// NUMBER.
    pub number: u64,
    /// COINBASE: receives priority fees.
    pub coinbase: Address,
    /// TIMESTAMP.
    pub timestamp: u64,
    /// GASLIMIT.
    pub gas_limit: u64,
    /// BASEFEE (EIP-1559).
    pub base_fee: U256,
    /// PREVRANDAO (EIP-4399).
    pub prevrandao: B256,
    /// Excess blob gas; sets BLOBBASEFEE (EIP-4844) unless `blob_base_fee` is given.
    pub excess_blob_gas: u64,
    /// BLOBBASEFEE as set directly (a block override, as `eth_call`'s `blobBaseFee`);
    /// `None`: derived from `excess_blob_gas`.
    pub blob_base_fee: Option<U256>,
    /// CHAINID.
    pub chain_id: u64,
}

impl Default for BlockEnv {
    fn default() -> Self {
        BlockEnv {
            number: 1,
            coinbase: Address::ZERO,
            timestamp: 1,
            gas_limit: 30_000_000,
            base_fee: U256::ZERO,
            prevrandao: B256::ZERO,
            excess_blob_gas: 0,
            blob_base_fee: None,
            chain_id: 1,
        }
    }
}

impl BlockEnv {
    /// BLOBBASEFEE for this block under a fork's blob schedule (EIP-4844).
    pub fn blob_base_fee(&self, blobs: &BlobSchedule) -> U256 {
        self.blob_base_fee.unwrap_or_else(|| {
            let fee = crate::gas::fake_exponential(1, self.excess_blob_gas, blobs.update_fraction);
            U256::from(fee)
        })
    }
}

/// Transaction fields visible to the EVM while it runs.
#[derive(Debug, Clone, Default)]
pub struct TxEnv {
    /// ORIGIN.
    pub origin: Address,
    /// GASPRICE: the effective gas price.
    pub gas_price: U256,
    /// BLOBHASH values.
    pub blob_hashes: Vec<B256>,
}

/// Everything opcodes read from outside the state.
#[derive(Debug, Clone, Default)]
pub struct Env {
    /// The block.
    pub block: BlockEnv,
    /// The running transaction.
    pub tx: TxEnv,
    /// The fork's rules.
    pub rules: Rules,
}

impl Env {
    /// BLOBBASEFEE.
    pub fn blob_base_fee(&self) -> U256 {
        self.block.blob_base_fee(&self.rules.blobs)
    }
}
