//! A call tree for one transaction: every frame with its kind, parties, gas, status, opcode
//! count and wall time (total and self), measured with a caller-supplied clock.

use crate::call::CallKind;
use crate::inspector::{FrameEnter, FrameExit, Inspector, Step};
use crate::primitives::{Address, U256};
use crate::status::Status;

/// One frame of the tree.
#[derive(Debug, Clone)]
pub struct CallNode {
    /// How it was entered.
    pub kind: CallKind,
    /// Caller.
    pub from: Address,
    /// The account whose storage and balance the code acted on (the new contract for creates).
    pub to: Address,
    /// The account whose code ran.
    pub code_address: Address,
    /// Value transferred.
    pub value: U256,
    /// Depth, 1 for the outermost frame.
    pub depth: usize,
    /// Call data (or initcode) length.
    pub input_len: usize,
    /// Output length.
    pub output_len: usize,
    /// Gas given.
    pub gas: u64,
    /// Gas used (all of it on a halt).
    pub gas_used: u64,
    /// How it ended (`None` while still running).
    pub status: Option<Status>,
    /// The callee is a precompile.
    pub precompile: bool,
    /// Opcodes executed in this frame itself.
    pub opcodes: u64,
    /// Wall time from entry to exit, in milliseconds.
    pub time_total_ms: f64,
    /// Wall time not spent in child frames, in milliseconds.
    pub time_self_ms: f64,
    /// Indexes of the child frames in [`CallTree::nodes`].
    pub children: Vec<usize>,
    started: f64,
}

/// An inspector that records the call tree. `clock` returns milliseconds from any origin:
/// `std::time::Instant` natively, `performance.now()` in a browser or Node.
pub struct CallTree<C: FnMut() -> f64> {
    /// Frames in the order they were entered; index 0 is the outermost.
    pub nodes: Vec<CallNode>,
    open: Vec<usize>,
    clock: C,
}

impl<C: FnMut() -> f64> CallTree<C> {
    /// An empty tree measuring time with `clock`.
    pub fn new(clock: C) -> Self {
        CallTree {
            nodes: Vec::new(),
            open: Vec::new(),
            clock,
        }
    }
}

/// A clock in milliseconds on `std::time::Instant` (not for wasm32, where it panics).
pub fn std_clock() -> impl FnMut() -> f64 {
    let origin = std::time::Instant::now();
    move || origin.elapsed().as_secs_f64() * 1000.0
}

impl<C: FnMut() -> f64> Inspector for CallTree<C> {
    fn step(&mut self, _s: &Step<'_>) {
        if let Some(&i) = self.open.last() {
            self.nodes[i].opcodes += 1;
        }
    }

    fn frame_enter(&mut self, e: &FrameEnter<'_>) {
        let i = self.nodes.len();
        if let Some(&p) = self.open.last() {
            self.nodes[p].children.push(i);
        }
        let now = (self.clock)();
        self.nodes.push(CallNode {
            kind: e.kind,
            from: e.from,
            to: e.to,
            code_address: e.code_address,
            value: e.value,
            depth: e.depth,
            input_len: e.input.len(),
            output_len: 0,
            gas: e.gas,
            gas_used: 0,
            status: None,
            precompile: e.precompile,
            opcodes: 0,
            time_total_ms: 0.0,
            time_self_ms: 0.0,
            children: Vec::new(),
            started: now,
        });
        self.open.push(i);
    }

    fn frame_exit(&mut self, e: &FrameExit<'_>) {
        let now = (self.clock)();
        let Some(i) = self.open.pop() else { return };
        let children: f64 = self.nodes[i]
            .children
            .iter()
            .map(|&c| self.nodes[c].time_total_ms)
            .sum();
        let n = &mut self.nodes[i];
        n.status = Some(e.status);
        n.gas_used = e.gas_used;
        n.output_len = e.output.len();
        n.time_total_ms = (now - n.started).max(0.0);
        n.time_self_ms = (n.time_total_ms - children).max(0.0);
    }
}
