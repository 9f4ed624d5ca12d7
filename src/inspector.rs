//! Observation hooks. The loop is compiled twice (a const generic): the observed instance calls
//! these hooks, the fast one has no trace of them.

use crate::call::{CallKind, Message};
use crate::frame::Frame;
use crate::primitives::{Address, U256};
use crate::status::{Halt, Status};

/// The state just before an opcode runs.
pub struct Step<'a> {
    /// Program counter.
    pub pc: usize,
    /// Opcode byte.
    pub op: u8,
    /// Gas left before the opcode.
    pub gas: u64,
    /// Call depth, 1 for the outermost frame.
    pub depth: usize,
    /// Transaction-wide refund counter.
    pub refund: i64,
    /// The running frame (stack, memory, return data, ...).
    pub frame: &'a Frame,
}

/// What an opcode did.
pub struct StepEnd<'a> {
    /// Gas the opcode took from its frame (for calls and creates, including the gas handed
    /// to the new frame).
    pub gas_cost: u64,
    /// Of `gas_cost`, the gas handed to a new frame (CALL*, CREATE*); 0 for other opcodes.
    pub forwarded: u64,
    /// The halt it caused, if any.
    pub error: Option<Halt>,
    /// The refund counter after the opcode's gas was charged.
    pub refund: i64,
    /// The frame after the opcode.
    pub frame: &'a Frame,
}

/// A frame starting.
pub struct FrameEnter<'a> {
    /// How it was entered.
    pub kind: CallKind,
    /// The caller.
    pub from: Address,
    /// The account whose code runs there (the new contract for creates).
    pub to: Address,
    /// The account whose code runs.
    pub code_address: Address,
    /// Value transferred (or, for DELEGATECALL, inherited).
    pub value: U256,
    /// Call data, or initcode for creates.
    pub input: &'a [u8],
    /// Gas given.
    pub gas: u64,
    /// Depth of the new frame, 1 for the outermost.
    pub depth: usize,
    /// The callee is a precompiled contract.
    pub precompile: bool,
}

impl<'a> FrameEnter<'a> {
    /// The event of a frame starting with `msg`: every frame, and every frame refused at its
    /// entry, is reported from this one constructor.
    #[inline(always)]
    pub fn of(msg: &Message, input: &'a [u8], gas: u64, depth: usize, precompile: bool) -> Self {
        FrameEnter {
            kind: msg.kind,
            from: msg.caller,
            to: msg.address,
            code_address: msg.code_address,
            value: msg.value,
            input,
            gas,
            depth,
            precompile,
        }
    }
}

/// A frame ending.
pub struct FrameExit<'a> {
    /// How it ended.
    pub status: Status,
    /// Gas it used (all of it on a halt).
    pub gas_used: u64,
    /// Its output (return or revert data).
    pub output: &'a [u8],
    /// Depth of the frame that ended.
    pub depth: usize,
}

/// Hooks called during execution; every method defaults to doing nothing.
pub trait Inspector {
    /// Before each opcode, including one that then fails. An opcode that suspends for state
    /// (see [`crate::state::Need`]) is undone and reported again when it runs: count opcodes
    /// in `step_end`, which only an opcode that ran gets.
    fn step(&mut self, _step: &Step<'_>) {}
    /// After each opcode that ran (succeeded or failed, not suspended).
    fn step_end(&mut self, _end: &StepEnd<'_>) {}
    /// When a frame starts (after its value transfer).
    fn frame_enter(&mut self, _enter: &FrameEnter<'_>) {}
    /// When a frame ends (after its changes were kept or reverted).
    fn frame_exit(&mut self, _exit: &FrameExit<'_>) {}
}

/// The inspector that observes nothing.
pub struct NoInspector;

impl Inspector for NoInspector {}
