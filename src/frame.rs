//! A frame: the operand stack, memory and registers of one call. Frames live in the
//! [`FramePool`](crate::evm::FramePool), one per call depth, and are re-initialised, not
//! rebuilt, for each call at that depth ("frame" is the one word for that pooled thing).

use crate::bytecode::Code;
use crate::call::Message;
use crate::memory::Memory;
use crate::stack::Stack;
use crate::state::Checkpoint;
use std::sync::Arc;

/// Where a frame's results go when it returns to its caller.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ReturnTo {
    /// Caller memory offset for the output (calls).
    pub offset: usize,
    /// Caller memory length for the output (calls).
    pub len: usize,
}

/// One frame: operand stack, memory, buffers, and the registers of the call running in it.
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
    /// Who called whom, with what.
    pub message: Message,
    /// Output range in memory, set by RETURN or REVERT.
    pub(crate) output: (usize, usize),
    pub(crate) checkpoint: Checkpoint,
    pub(crate) ret: ReturnTo,
    /// What the opcode that ran out of gas needed beyond what it had charged: set when a
    /// charge fails, so that a trace shows the whole cost, as the execution spec charges it
    /// (read only by the observed loop, which clears it before each opcode).
    pub(crate) shortfall: u64,
}

impl Frame {
    /// A new frame, with a 1024-word stack and memory allocated on first use.
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
            message: Message::default(),
            output: (0, 0),
            checkpoint: Checkpoint::default(),
            ret: ReturnTo::default(),
            shortfall: 0,
        }
    }

    /// Resets the frame for a new call, keeping every buffer's capacity.
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

    /// Gives buffers grown beyond [`RETAINED_CAPACITY`](crate::memory::RETAINED_CAPACITY)
    /// back to the allocator (memory, call data, return data), once the frame has ended.
    pub(crate) fn release_excess(&mut self) {
        self.memory.release_excess();
        for buf in [&mut self.input, &mut self.return_data] {
            if buf.capacity() > crate::memory::RETAINED_CAPACITY {
                *buf = Vec::new();
            }
        }
    }

    /// Makes `bytes` the frame's output (a precompile's result), in its memory. Returns false,
    /// changing nothing, if the memory cannot grow that far.
    pub(crate) fn set_output(&mut self, bytes: &[u8]) -> bool {
        self.memory.clear();
        if !self.memory.grow(bytes.len().div_ceil(32) * 32) {
            return false;
        }
        self.memory.slice_mut(0, bytes.len()).copy_from_slice(bytes);
        self.output = (0, bytes.len());
        true
    }

    /// Gas used so far.
    pub fn gas_used(&self) -> u64 {
        self.gas_limit - self.gas
    }
}
