//! evmbox: an Ethereum Virtual Machine (Cancun, Prague, Osaka) for the host and for WebAssembly.
//!
//! Nested calls run on a depth-indexed pool of frames ([`evm::FramePool`]) driven by one
//! non-recursive loop, so execution can pause after any opcode at any depth and resume.
//! See [`Evm`] to run transactions, [`Inspector`] to observe them, and [`tracer`] for
//! EIP-3155 traces.

#![warn(missing_docs)]

pub mod asm;
pub mod bytecode;
pub mod call;
pub mod calltree;
pub mod debug;
pub mod env;
pub mod evm;
pub mod fast_map;
pub mod fields;
pub mod fork;
pub mod frame;
pub mod gas;
pub mod inspector;
mod instructions;
mod interpreter;
pub mod memory;
pub mod opcodes;
pub mod precompiles;
pub mod primitives;
pub mod profile;
pub mod request;
pub mod result_json;
pub mod stack;
pub mod state;
pub mod status;
pub mod transaction;

pub use call::CallKind;
pub use env::{BlockEnv, Env, TxEnv};
pub use evm::{EstimateError, Evm, FramePool, SnapshotError, StepOutcome};
pub use fork::{Fork, Rules};
pub use frame::Frame;
pub use inspector::{Inspector, NoInspector};
pub use primitives::{Address, B256, U256};
pub use state::{Backend, InMemoryDb, Need, SnapshotId};
pub use status::{Halt, Status};
pub use transaction::{ExecutionResult, Mode, Transaction, TxError};
pub mod rlp;
pub mod rpc;
pub mod statetest;
pub mod tracer;
pub mod trie;

/// The README's Rust example, compiled and run as a doc test.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
#[cfg(target_arch = "wasm32")]
pub mod wasm;
