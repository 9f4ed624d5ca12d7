//! A per-opcode profile of a transaction: how many times each opcode ran and the gas it took
//! (its own cost: for calls and creates, without the gas handed to the new frame), for the
//! whole run and for each frame, in the order frames were entered (the order of
//! [`crate::calltree::CallTree::nodes`]).

use crate::inspector::{FrameEnter, FrameExit, Inspector, Step, StepEnd};

/// Count and gas of one opcode.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OpcodeStats {
    /// The opcode.
    pub op: u8,
    /// Times it ran.
    pub count: u64,
    /// Gas it took (its own cost).
    pub gas: u64,
}

/// The inspector that profiles opcodes.
#[derive(Debug)]
pub struct Profile {
    total: Vec<(u64, u64)>,
    /// Each finished frame's opcodes that ran (count > 0), by frame entry order.
    frames: Vec<Vec<OpcodeStats>>,
    /// The open frames' tables (one per depth) and their entry index.
    open: Vec<(usize, Vec<(u64, u64)>)>,
    /// The depth and opcode of the step in progress.
    current: Option<(usize, u8)>,
}

impl Default for Profile {
    fn default() -> Self {
        Profile {
            total: vec![(0, 0); 256],
            frames: Vec::new(),
            open: Vec::new(),
            current: None,
        }
    }
}

fn compact(table: &[(u64, u64)]) -> Vec<OpcodeStats> {
    let mut v: Vec<OpcodeStats> = table
        .iter()
        .enumerate()
        .filter(|(_, s)| s.0 > 0)
        .map(|(op, &(count, gas))| OpcodeStats {
            op: op as u8,
            count,
            gas,
        })
        .collect();
    v.sort_unstable_by(|a, b| b.gas.cmp(&a.gas).then(b.count.cmp(&a.count)));
    v
}

impl Profile {
    /// The whole run's opcodes, most gas first.
    pub fn total(&self) -> Vec<OpcodeStats> {
        compact(&self.total)
    }

    /// Each frame's opcodes (most gas first), by frame entry order; a frame still open shows
    /// what it ran so far.
    pub fn frames(&self) -> Vec<Vec<OpcodeStats>> {
        let mut out = self.frames.clone();
        for (i, t) in &self.open {
            out[*i] = compact(t);
        }
        out
    }
}

impl Inspector for Profile {
    #[inline(always)]
    fn step(&mut self, s: &Step<'_>) {
        self.current = Some((s.depth, s.op));
    }

    fn step_end(&mut self, e: &StepEnd<'_>) {
        let Some((depth, op)) = self.current.take() else {
            return;
        };
        let own = e.gas_cost.saturating_sub(e.forwarded);
        let t = &mut self.total[op as usize];
        t.0 += 1;
        t.1 += own;
        if let Some((_, table)) = self.open.get_mut(depth.wrapping_sub(1)) {
            let f = &mut table[op as usize];
            f.0 += 1;
            f.1 += own;
        }
    }

    fn frame_enter(&mut self, _e: &FrameEnter<'_>) {
        let i = self.frames.len();
        self.frames.push(Vec::new());
        self.open.push((i, vec![(0, 0); 256]));
    }

    fn frame_exit(&mut self, _e: &FrameExit<'_>) {
        if let Some((i, table)) = self.open.pop() {
            self.frames[i] = compact(&table);
        }
    }
}
