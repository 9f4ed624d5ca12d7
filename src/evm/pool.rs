//! The frame pool: one [`Frame`] per call depth, created the first time a transaction reaches
//! that depth and reused by every later frame at the same depth.
//!
//! This is what lets nested calls run without recursion on the Rust stack and without
//! allocating: a CALL at depth `d` does not build a new interpreter, it re-initialises the
//! pooled frame `d + 1` (stack, memory, call data and return-data buffers keep their capacity)
//! and the one dispatch loop continues there; when that frame ends, the loop continues in
//! frame `d`. The active frames are always `frames[..depth]`, so the whole call stack is
//! visible at any pause. `tests/alloc.rs` counts allocations to show that once the pool is
//! warm, 5,000 calls allocate exactly as much as 10, and 10,500 nested frames as much as 105.

use crate::bytecode::Code;
use crate::frame::Frame;
use std::sync::Arc;

/// Frames by depth; the first [`FramePool::depth`] of them are active, the last one running.
#[derive(Debug)]
pub struct FramePool {
    frames: Vec<Frame>,
    depth: usize,
    empty_code: Arc<Code>,
}

impl FramePool {
    /// An empty pool; new frames start with `empty_code` as their code.
    pub fn new(empty_code: Arc<Code>) -> FramePool {
        FramePool {
            frames: Vec::new(),
            depth: 0,
            empty_code,
        }
    }

    /// How many frames are active (1 = only the outermost; 0 = none).
    #[inline]
    pub fn depth(&self) -> usize {
        self.depth
    }

    /// The active frames, outermost first.
    pub fn active(&self) -> &[Frame] {
        &self.frames[..self.depth]
    }

    /// Frames created so far: the deepest depth any transaction of this instance reached.
    pub fn created(&self) -> usize {
        self.frames.len()
    }

    /// Bytes the pool's frames hold in memory, call-data and return-data buffers (the
    /// stacks, 32 KiB each, not counted).
    pub fn memory_held(&self) -> usize {
        self.frames
            .iter()
            .map(|f| f.memory.capacity() + f.input.capacity() + f.return_data.capacity())
            .sum()
    }

    /// The running frame, if any.
    #[inline]
    pub fn top_mut(&mut self) -> Option<&mut Frame> {
        self.depth.checked_sub(1).map(|i| &mut self.frames[i])
    }

    /// Activates the frame one deeper, reset for a new call (created on first use), and
    /// returns it with its caller's frame (`None` for the outermost).
    pub fn push(&mut self) -> (Option<&mut Frame>, &mut Frame) {
        let d = self.depth;
        while self.frames.len() <= d {
            self.frames.push(Frame::new(self.empty_code.clone()));
        }
        self.depth += 1;
        let (callers, rest) = self.frames.split_at_mut(d);
        let child = &mut rest[0];
        child.reset();
        (callers.last_mut(), child)
    }

    /// Deactivates the running frame and returns it (its memory still holds its output) with
    /// its caller's frame (`None` if it was the outermost); `None` if no frame is active.
    pub fn pop(&mut self) -> Option<(Option<&mut Frame>, &mut Frame)> {
        self.depth = self.depth.checked_sub(1)?;
        let (callers, rest) = self.frames.split_at_mut(self.depth);
        Some((callers.last_mut(), &mut rest[0]))
    }

    /// Deactivates every frame (the transaction was abandoned).
    pub fn clear(&mut self) {
        self.depth = 0;
    }
}
