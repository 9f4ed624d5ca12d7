//! Snapshots of an in-memory world and its block: what Hardhat's `evm_snapshot` and
//! `evm_revert` do. The world's part costs nothing to take (see [`InMemoryDb::snapshot`]).

use super::Evm;
use crate::state::{InMemoryDb, SnapshotId};

/// Why a revert did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SnapshotError {
    /// A transaction is in progress.
    Busy,
    /// No live snapshot has this id (never taken, or used up by a revert to it or to an
    /// earlier one).
    Unknown(SnapshotId),
}

impl std::fmt::Display for SnapshotError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SnapshotError::Busy => write!(f, "a transaction is in progress"),
            SnapshotError::Unknown(id) => write!(
                f,
                "no snapshot {id:#x} (never taken, or used up by a revert)"
            ),
        }
    }
}

impl std::error::Error for SnapshotError {}

impl Evm<InMemoryDb> {
    /// Marks the world state and block; [`Evm::revert`] with the id brings both back.
    pub fn snapshot(&mut self) -> Result<SnapshotId, SnapshotError> {
        if self.is_running() {
            return Err(SnapshotError::Busy);
        }
        let id = self.backend_mut().snapshot();
        self.block_snapshots.push((id, self.env.block.clone()));
        Ok(id)
    }

    /// Restores the world and block of snapshot `id`, which is then used up, with every
    /// later one (as Hardhat's `evm_revert`). On an error nothing changes.
    pub fn revert(&mut self, id: SnapshotId) -> Result<(), SnapshotError> {
        if self.is_running() {
            return Err(SnapshotError::Busy);
        }
        let i = self
            .block_snapshots
            .iter()
            .position(|s| s.0 == id)
            .ok_or(SnapshotError::Unknown(id))?;
        if !self.backend_mut().revert(id) {
            return Err(SnapshotError::Unknown(id));
        }
        self.env.block = self.block_snapshots[i].1.clone();
        self.block_snapshots.truncate(i);
        Ok(())
    }

    /// Drops snapshot `id`, keeping every change since.
    pub fn release(&mut self, id: SnapshotId) -> Result<(), SnapshotError> {
        let i = self
            .block_snapshots
            .iter()
            .position(|s| s.0 == id)
            .ok_or(SnapshotError::Unknown(id))?;
        self.block_snapshots.remove(i);
        self.backend_mut().release(id);
        Ok(())
    }
}
