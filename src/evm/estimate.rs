//! Gas estimation: the lowest gas limit with which a transaction succeeds, found by binary
//! search over calls ([`Evm::call`]: nothing is committed), as geth's `eth_estimateGas`.

use super::Evm;
use crate::state::Backend;
use crate::transaction::{ExecutionResult, Transaction, TxError};

/// Why no gas limit makes a transaction succeed.
#[derive(Debug, Clone)]
pub enum EstimateError {
    /// The transaction is invalid at the highest limit tried.
    Invalid(TxError),
    /// It reverts or halts even with the highest limit: its result at that limit.
    Failed(ExecutionResult),
}

impl std::fmt::Display for EstimateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EstimateError::Invalid(e) => write!(f, "{e}"),
            EstimateError::Failed(r) => write!(
                f,
                "the transaction fails with any gas limit ({:?})",
                r.status
            ),
        }
    }
}

impl std::error::Error for EstimateError {}

impl<B: Backend> Evm<B> {
    /// The lowest gas limit, at most `tx.gas_limit`, with which `tx` succeeds when run as a
    /// call. Binary search, first trying geth's optimistic guess (gas used plus refund plus
    /// the call stipend, times 64/63). Changes nothing.
    pub fn estimate_gas(&mut self, tx: &Transaction) -> Result<u64, EstimateError> {
        let mut t = tx.clone();
        let mut hi = tx.gas_limit;
        let first = self.call(&t).map_err(EstimateError::Invalid)?;
        if !first.status.is_success() {
            return Err(EstimateError::Failed(first));
        }
        // Below what the transaction used (after its refund) it cannot succeed.
        let mut lo = first.gas_used.saturating_sub(1);
        let guess = (first.gas_used + first.gas_refunded + 2300).saturating_mul(64) / 63;
        if guess > lo && guess < hi {
            t.gas_limit = guess;
            if self.succeeds(&t) {
                hi = guess;
            } else {
                lo = guess;
            }
        }
        while lo + 1 < hi {
            let mid = lo + (hi - lo) / 2;
            t.gas_limit = mid;
            if self.succeeds(&t) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        Ok(hi)
    }

    fn succeeds(&mut self, tx: &Transaction) -> bool {
        self.call(tx).is_ok_and(|r| r.status.is_success())
    }
}
