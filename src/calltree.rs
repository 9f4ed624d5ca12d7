//! A call tree for one transaction: every frame with its kind, parties, gas, status, opcode
//! count and wall time (total and self), measured with a caller-supplied clock, and its
//! export in the shape of geth's `callTracer` (what Foundry, Tenderly, Otterscan and block
//! explorers read).
//!
//! Parties follow `callTracer`: for DELEGATECALL and CALLCODE, `from` is the contract that
//! executed the opcode and `to` the account whose code runs; otherwise `from` is the caller
//! and `to` the callee (the new contract for creates). Frames refused at entry (depth limit,
//! too little balance, an address collision) are nodes too, halted, as geth and revm report
//! them.

use crate::call::CallKind;
use crate::inspector::{FrameEnter, FrameExit, Inspector, StepEnd};
use crate::primitives::{encode_hex, Address, U256};
use crate::status::Status;
use serde_json::{Map, Value};

/// One frame of the tree.
#[derive(Debug, Clone)]
pub struct CallNode {
    /// How it was entered.
    pub kind: CallKind,
    /// Caller (for DELEGATECALL and CALLCODE, the contract that executed the opcode).
    pub from: Address,
    /// Callee (for DELEGATECALL and CALLCODE, the account whose code runs; for creates, the
    /// new contract's address).
    pub to: Address,
    /// Value transferred (for DELEGATECALL, the value inherited).
    pub value: U256,
    /// Depth, 1 for the outermost frame.
    pub depth: usize,
    /// Call data (initcode for creates).
    pub input: Vec<u8>,
    /// Return or revert data (the deployed code for a successful create).
    pub output: Vec<u8>,
    /// Gas given.
    pub gas: u64,
    /// Gas used (all of it on a halt, except refusals at entry).
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
    /// Index of the calling frame in [`CallTree::nodes`] (`None` for the outermost).
    pub parent: Option<usize>,
    /// Indexes of the child frames in [`CallTree::nodes`].
    pub children: Vec<usize>,
    started: f64,
}

impl CallNode {
    /// geth's error text for how the frame ended (`None` on success).
    pub fn error(&self) -> Option<String> {
        match self.status? {
            Status::Success => None,
            Status::Revert => Some("execution reverted".into()),
            Status::Halt(h) => Some(h.to_string()),
        }
    }

    /// The decoded reason of a revert ([`revert_reason`] of its output), if it reverted with one.
    pub fn revert_reason(&self) -> Option<String> {
        (self.status == Some(Status::Revert))
            .then(|| revert_reason(&self.output))
            .flatten()
    }
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
    #[inline(always)]
    fn step_end(&mut self, _e: &StepEnd<'_>) {
        if let Some(&i) = self.open.last() {
            self.nodes[i].opcodes += 1;
        }
    }

    fn frame_enter(&mut self, e: &FrameEnter<'_>) {
        let i = self.nodes.len();
        let parent = self.open.last().copied();
        if let Some(p) = parent {
            self.nodes[p].children.push(i);
        }
        let (from, to) = match e.kind {
            CallKind::DelegateCall | CallKind::CallCode => (e.to, e.code_address),
            _ => (e.from, e.to),
        };
        let now = (self.clock)();
        self.nodes.push(CallNode {
            kind: e.kind,
            from,
            to,
            value: e.value,
            depth: e.depth,
            input: e.input.to_vec(),
            output: Vec::new(),
            gas: e.gas,
            gas_used: 0,
            status: None,
            precompile: e.precompile,
            opcodes: 0,
            time_total_ms: 0.0,
            time_self_ms: 0.0,
            parent,
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
        n.output = e.output.to_vec();
        n.time_total_ms = (now - n.started).max(0.0);
        n.time_self_ms = (n.time_total_ms - children).max(0.0);
    }
}

/// The tree in geth's `callTracer` JSON shape: nested frames with `type`, `from`, `to`,
/// `value`, `gas`, `gasUsed`, `input`, `output`, `error`, `revertReason` and `calls`,
/// quantities as hex, addresses EIP-55 checksummed. As geth does, the outermost frame shows the transaction's gas limit and
/// gas used (`tx_gas`, `tx_gas_used`: intrinsic gas included, refund deducted), a failed
/// create has no `to`, `output` is left out when empty or when the frame halted, and
/// STATICCALL has no `value`. `None` for an empty tree.
pub fn call_tracer_json(nodes: &[CallNode], tx_gas: u64, tx_gas_used: u64) -> Option<Value> {
    // Children always come after their parent: build from the last node back, each node
    // taking its children's finished objects (no recursion, whatever the depth).
    let mut built: Vec<Option<Map<String, Value>>> = vec![None; nodes.len()];
    for i in (0..nodes.len()).rev() {
        let n = &nodes[i];
        let mut o = frame_object(n);
        if i == 0 {
            o.insert("gas".into(), format!("{tx_gas:#x}").into());
            o.insert("gasUsed".into(), format!("{tx_gas_used:#x}").into());
        }
        let calls: Vec<Value> = n
            .children
            .iter()
            .filter_map(|&c| built[c].take().map(Value::Object))
            .collect();
        if !calls.is_empty() {
            o.insert("calls".into(), calls.into());
        }
        built[i] = Some(o);
    }
    built.into_iter().next().flatten().map(Value::Object)
}

fn frame_object(n: &CallNode) -> Map<String, Value> {
    let hex = |b: &[u8]| Value::from(format!("0x{}", encode_hex(b)));
    let mut o = Map::new();
    o.insert("type".into(), n.kind.name().into());
    o.insert("from".into(), n.from.to_checksum().into());
    let failed = !matches!(n.status, Some(Status::Success));
    if !(n.kind.is_create() && failed) {
        o.insert("to".into(), n.to.to_checksum().into());
    }
    if n.kind != CallKind::StaticCall {
        o.insert("value".into(), format!("{:#x}", n.value).into());
    }
    o.insert("gas".into(), format!("{:#x}", n.gas).into());
    o.insert("gasUsed".into(), format!("{:#x}", n.gas_used).into());
    o.insert("input".into(), hex(&n.input));
    let show_output = matches!(n.status, Some(Status::Success | Status::Revert));
    if show_output && !n.output.is_empty() {
        o.insert("output".into(), hex(&n.output));
    }
    if let Some(e) = n.error() {
        o.insert("error".into(), e.into());
    }
    if let Some(r) = n.revert_reason() {
        o.insert("revertReason".into(), r.into());
    }
    o
}

/// The reason in revert data, decoded as Solidity encodes it: `Error(string)` gives the
/// string, `Panic(uint256)` the panic's description (as geth words them).
pub fn revert_reason(data: &[u8]) -> Option<String> {
    let (selector, body) = (data.get(..4)?, &data[4..]);
    match selector {
        [0x08, 0xc3, 0x79, 0xa0] => {
            let word = |i: usize| -> Option<usize> {
                let w = body.get(i..i + 32)?;
                if w[..24].iter().any(|&b| b != 0) {
                    return None;
                }
                Some(u64::from_be_bytes(w[24..].try_into().ok()?) as usize)
            };
            let offset = word(0)?;
            let len = word(offset)?;
            let start = offset.checked_add(32)?;
            let s = body.get(start..start.checked_add(len)?)?;
            String::from_utf8(s.to_vec()).ok()
        }
        [0x4e, 0x48, 0x7b, 0x71] if body.len() >= 32 => {
            let code = U256::from_be_slice(&body[..32]);
            let text = match u64::try_from(code).unwrap_or(u64::MAX) {
                0x00 => "generic panic",
                0x01 => "assert(false)",
                0x11 => "arithmetic underflow or overflow",
                0x12 => "division or modulo by zero",
                0x21 => "enum overflow",
                0x22 => "invalid encoded storage byte array accessed",
                0x31 => "out-of-bounds array access; popping on an empty array",
                0x32 => "out-of-bounds access of an array or bytesN",
                0x41 => "out of memory",
                0x51 => "uninitialized function",
                _ => return Some(format!("unknown panic code: {code:#x}")),
            };
            Some(text.into())
        }
        _ => None,
    }
}
