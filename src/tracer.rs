//! EIP-3155 JSON trace lines, field for field as the EIP specifies, so that traces diff
//! against geth's and evmone's.

use crate::fork::Fork;
use crate::inspector::{Inspector, Step, StepEnd};
use crate::opcodes::OPCODES;
use crate::primitives::{encode_hex, B256};
use std::fmt::Write as _;

/// What a trace line includes beyond the required fields.
#[derive(Debug, Clone, Copy)]
pub struct TraceOptions {
    /// Include `stack` items (when off, `stack` is `[]`).
    pub stack: bool,
    /// Include `returnData` contents (when off, `"0x"`).
    pub return_data: bool,
    /// Include `memory` (hex of the whole memory).
    pub memory: bool,
    /// Stop recording after this many steps.
    pub limit: Option<u64>,
    /// Record at most this many bytes of lines (memory dumps of a large memory grow fast); a
    /// step whose line would not fit is left out, and counted in `truncated`.
    pub max_bytes: Option<usize>,
}

impl Default for TraceOptions {
    fn default() -> Self {
        TraceOptions {
            stack: true,
            return_data: true,
            memory: false,
            limit: None,
            max_bytes: None,
        }
    }
}

/// An inspector that records EIP-3155 step lines as JSON text, one line per opcode.
#[derive(Debug, Default)]
pub struct Eip3155Tracer {
    opts: TraceOptions,
    lines: Vec<String>,
    pending: String,
    pending_op: u8,
    steps: u64,
    bytes: usize,
    /// Steps left out because the step or byte limit was reached.
    pub truncated: u64,
}

impl Eip3155Tracer {
    /// A tracer with the given options.
    pub fn new(opts: TraceOptions) -> Self {
        Eip3155Tracer {
            opts,
            ..Default::default()
        }
    }

    /// The recorded lines.
    pub fn lines(&self) -> &[String] {
        &self.lines
    }

    /// Takes the recorded lines.
    pub fn into_lines(self) -> Vec<String> {
        self.lines
    }
}

/// The EIP-3155 summary line written after the last step; `stateRoot` is left out when
/// there is none to give (a forked world holds only part of its state).
pub fn summary_line(
    state_root: Option<&B256>,
    output: &[u8],
    gas_used: u64,
    pass: bool,
    fork: Fork,
) -> String {
    let root = state_root.map_or(String::new(), |r| format!("\"stateRoot\":\"{r}\","));
    format!(
        "{{{root}\"output\":\"0x{}\",\"gasUsed\":\"{gas_used:#x}\",\"pass\":{pass},\"fork\":\"{fork}\"}}",
        encode_hex(output)
    )
}

impl Inspector for Eip3155Tracer {
    fn step(&mut self, s: &Step<'_>) {
        self.pending.clear();
        let f = s.frame;
        // An upper bound of this line's size, so that no single line (a memory dump, say)
        // can overshoot the byte budget: a step that does not fit is left out.
        let line_bound =
            256 + if self.opts.stack {
                f.stack.len() * 70
            } else {
                0
            } + if self.opts.return_data {
                2 * f.return_data.len()
            } else {
                0
            } + if self.opts.memory {
                2 * f.memory.len()
            } else {
                0
            };
        if self.opts.limit.is_some_and(|l| self.steps >= l)
            || self
                .opts
                .max_bytes
                .is_some_and(|m| self.bytes.saturating_add(line_bound) > m)
        {
            self.truncated += 1;
            return;
        }
        self.pending_op = s.op;
        let p = &mut self.pending;
        let _ = write!(
            p,
            "{{\"pc\":{},\"op\":{},\"gas\":\"{:#x}\"",
            s.pc, s.op, s.gas
        );
        p.push_str(",\"gasCost\":\"");
        // gasCost is filled in by step_end; mark where.
        p.push('\u{0}');
        let _ = write!(p, "\",\"memSize\":{},\"stack\":[", f.memory.len());
        if self.opts.stack {
            for (i, w) in f.stack.as_slice().iter().enumerate() {
                if i > 0 {
                    p.push(',');
                }
                let _ = write!(p, "\"{w:#x}\"");
            }
        }
        let _ = write!(p, "],\"depth\":{},\"returnData\":\"0x", s.depth);
        if self.opts.return_data {
            p.push_str(&encode_hex(&f.return_data));
        }
        // The refund is taken after the opcode's gas, as geth and the execution spec report it.
        p.push_str("\",\"refund\":\"\u{1}\"");
        let name = OPCODES[s.op as usize].name;
        if !name.is_empty() {
            let _ = write!(p, ",\"opName\":\"{name}\"");
        }
        if self.opts.memory {
            let _ = write!(p, ",\"memory\":\"0x{}\"", encode_hex(f.memory.as_slice()));
        }
    }

    fn step_end(&mut self, e: &StepEnd<'_>) {
        if self.pending.is_empty() {
            return;
        }
        self.steps += 1;
        // As geth reports it: a call's cost includes the gas it forwards, a create's does not.
        let op = self.pending_op;
        let cost = if op == crate::opcodes::CREATE || op == crate::opcodes::CREATE2 {
            e.gas_cost - e.forwarded
        } else {
            e.gas_cost
        };
        let mut line = self
            .pending
            .replacen('\u{0}', &format!("{cost:#x}"), 1)
            .replacen('\u{1}', &format!("{:#x}", e.refund.max(0)), 1);
        if let Some(h) = e.error {
            let _ = write!(line, ",\"error\":\"{h}\"");
        }
        line.push('}');
        self.bytes += line.len();
        self.lines.push(line);
        self.pending.clear();
    }
}
