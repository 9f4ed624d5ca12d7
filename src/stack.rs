//! The operand stack: 1024 words, allocated once per pooled frame and reused.

use crate::gas::STACK_LIMIT;
use crate::primitives::U256;

/// A fixed-capacity operand stack. Bounds are checked against the opcode table before an
/// opcode runs, so the accessors here assume enough items; they index modulo 1024 (a mask,
/// where a bounds check would compare and branch on every access), which keeps them
/// memory-safe if that ever failed.
#[derive(Debug, Clone)]
pub struct Stack {
    data: Box<[U256; STACK_LIMIT]>,
    len: usize,
}

const _: () = assert!(STACK_LIMIT.is_power_of_two());
/// Index mask: `i & MASK` is `i` for every index below the limit.
const MASK: usize = STACK_LIMIT - 1;

impl Default for Stack {
    fn default() -> Self {
        Stack::new()
    }
}

impl Stack {
    /// An empty stack with room for 1024 words.
    pub fn new() -> Stack {
        Stack {
            data: vec![U256::ZERO; STACK_LIMIT]
                .into_boxed_slice()
                .try_into()
                .expect("STACK_LIMIT words"),
            len: 0,
        }
    }

    /// Number of items.
    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the stack is empty.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The items, bottom first.
    #[inline]
    pub fn as_slice(&self) -> &[U256] {
        &self.data[..self.len]
    }

    /// Empties the stack.
    #[inline]
    pub fn clear(&mut self) {
        self.len = 0;
    }

    /// Restores an earlier length (used to undo pops of an opcode that suspends).
    #[inline]
    pub(crate) fn restore_len(&mut self, len: usize) {
        self.len = len.min(STACK_LIMIT);
    }

    /// Removes and returns the top item.
    #[inline]
    pub fn pop(&mut self) -> U256 {
        self.len -= 1;
        self.data[self.len & MASK]
    }

    /// Pushes an item (the caller has checked capacity).
    #[inline]
    pub fn push(&mut self, v: U256) {
        self.data[self.len & MASK] = v;
        self.len += 1;
    }

    /// Pushes an item if there is room; returns false on overflow.
    #[inline]
    pub fn try_push(&mut self, v: U256) -> bool {
        if self.len >= STACK_LIMIT {
            return false;
        }
        self.push(v);
        true
    }

    /// The item `n` places below the top (0 = top).
    #[inline]
    pub fn peek(&self, n: usize) -> U256 {
        self.data[(self.len.wrapping_sub(1 + n)) & MASK]
    }

    /// The top item, mutably.
    #[inline]
    pub fn top_mut(&mut self) -> &mut U256 {
        &mut self.data[self.len.wrapping_sub(1) & MASK]
    }

    /// DUPn: pushes a copy of the n-th item (1 = top).
    #[inline(always)]
    pub fn dup(&mut self, n: usize) {
        let v = self.data[self.len.wrapping_sub(n) & MASK];
        self.push(v);
    }

    /// SWAPn: exchanges the top with the item n places below it.
    #[inline(always)]
    pub fn swap(&mut self, n: usize) {
        let top = self.len.wrapping_sub(1);
        self.data.swap(top & MASK, top.wrapping_sub(n) & MASK);
    }
}
