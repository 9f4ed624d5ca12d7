//! A per-opcode profile of a transaction: how many times each opcode ran, the gas it took
//! (its own cost: for calls and creates, without the gas handed to the new frame) and,
//! when timed, the time it took, for the whole run and for each frame, in the order frames
//! were entered (the order of [`crate::calltree::CallTree::nodes`]).
//!
//! **Timing.** An opcode owns the engine's time from its start to the start of the next
//! opcode (for a call, entering the new frame; for a frame's last opcode, leaving it). The
//! clock is read when the inspector hooks begin and end (the outermost pair when recorders
//! are combined, see [`Profile::begin_hooks`]), so the recorders' own work is left out; each
//! span between two readings also holds one clock round trip, measured by a back-to-back pair
//! of readings at every hook end and taken off. The result is an estimate: on a coarse clock
//! (a browser's ticks 5 or 100 µs) an opcode cheaper than the clock's noise can come out a
//! little below zero; summed over repeated runs, the estimates converge.

use crate::inspector::{FrameEnter, FrameExit, Inspector, Step, StepEnd};

/// Count, gas and time of one opcode.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct OpcodeStats {
    /// The opcode.
    pub op: u8,
    /// Times it ran.
    pub count: u64,
    /// Gas it took (its own cost).
    pub gas: u64,
    /// Milliseconds it took, when the profile is timed (an estimate, see the module).
    pub time_ms: Option<f64>,
}

/// What is added up per opcode: count, gas, and (per frame) clock time and the number of
/// spans it holds.
#[derive(Debug, Clone, Copy, Default)]
struct Cell {
    count: u64,
    gas: u64,
    time: f64,
    spans: u64,
}

/// The clock and the bookkeeping of a timed profile.
struct Timer {
    clock: Box<dyn FnMut() -> f64>,
    /// Nesting of [`Profile::begin_hooks`]; the clock is read at the outermost pair only.
    nest: u32,
    /// The clock when the last hooks ended (`None` before the first).
    resumed: Option<f64>,
    /// The span from `resumed` to the start of the hooks in progress.
    span: Option<f64>,
    /// The opcode that owns the time now (frame index, opcode).
    owner: Option<(usize, u8)>,
    /// Back-to-back readings: their sum and number.
    trip: f64,
    trips: u64,
}

/// The inspector that profiles opcodes.
pub struct Profile {
    total: Vec<Cell>,
    /// Each finished frame's opcodes that ran, by frame entry order.
    frames: Vec<Vec<(u8, Cell)>>,
    /// The open frames' tables (one per depth) and their entry index.
    open: Vec<(usize, Vec<Cell>)>,
    /// The frame index and opcode of the step in progress.
    current: Option<(usize, u8)>,
    timer: Option<Timer>,
}

impl Default for Profile {
    fn default() -> Self {
        Profile {
            total: vec![Cell::default(); 256],
            frames: Vec::new(),
            open: Vec::new(),
            current: None,
            timer: None,
        }
    }
}

impl Profile {
    /// A profile that also times opcodes with `clock` (milliseconds from any origin;
    /// [`crate::calltree::std_clock`] natively, `performance.now()` in JS).
    pub fn timed(clock: Box<dyn FnMut() -> f64>) -> Profile {
        Profile {
            timer: Some(Timer {
                clock,
                nest: 0,
                resumed: None,
                span: None,
                owner: None,
                trip: 0.0,
                trips: 0,
            }),
            ..Profile::default()
        }
    }

    /// Starts a hook: a recorder that calls other inspectors' hooks along with this one's
    /// calls this first and [`Profile::end_hooks`] last, so that their work is not timed.
    #[inline]
    pub fn begin_hooks(&mut self) {
        if let Some(t) = &mut self.timer {
            t.nest += 1;
            if t.nest == 1 {
                let now = (t.clock)();
                t.span = t.resumed.map(|r| now - r);
            }
        }
    }

    /// Ends a hook (see [`Profile::begin_hooks`]).
    #[inline]
    pub fn end_hooks(&mut self) {
        if let Some(t) = &mut self.timer {
            t.nest -= 1;
            if t.nest == 0 {
                let a = (t.clock)();
                let b = (t.clock)();
                t.trip += b - a;
                t.trips += 1;
                t.resumed = Some(b);
            }
        }
    }

    /// The whole run's opcodes, most gas first; an opcode's time is the sum of its times in
    /// the frames.
    pub fn total(&self) -> Vec<OpcodeStats> {
        let mut v = self.stats(&compact(&self.total));
        if self.timer.is_some() {
            let mut ms = [0.0f64; 256];
            for s in self.frames().iter().flatten() {
                ms[s.op as usize] += s.time_ms.unwrap_or(0.0);
            }
            for s in &mut v {
                s.time_ms = Some(ms[s.op as usize]);
            }
        }
        v
    }

    /// Each frame's opcodes (most gas first), by frame entry order; a frame still open shows
    /// what it ran so far.
    pub fn frames(&self) -> Vec<Vec<OpcodeStats>> {
        let mut out: Vec<Vec<OpcodeStats>> = self.frames.iter().map(|f| self.stats(f)).collect();
        for (i, t) in &self.open {
            out[*i] = self.stats(&compact(t));
        }
        out
    }

    /// Cells that ran, as stats: times less their spans' round trips.
    fn stats(&self, cells: &[(u8, Cell)]) -> Vec<OpcodeStats> {
        let trip = self.timer.as_ref().map(|t| t.trip / t.trips.max(1) as f64);
        let mut v: Vec<OpcodeStats> = cells
            .iter()
            .filter(|(_, c)| c.count > 0)
            .map(|&(op, c)| OpcodeStats {
                op,
                count: c.count,
                gas: c.gas,
                time_ms: trip.map(|r| c.time - c.spans as f64 * r),
            })
            .collect();
        v.sort_unstable_by(|a, b| b.gas.cmp(&a.gas).then(b.count.cmp(&a.count)));
        v
    }

    /// The cell of `op` in frame `i`, open or finished.
    fn cell(&mut self, i: usize, op: u8) -> Option<&mut Cell> {
        if let Some((_, t)) = self.open.iter_mut().rev().find(|(j, _)| *j == i) {
            return Some(&mut t[op as usize]);
        }
        let f = self.frames.get_mut(i)?;
        f.iter_mut().find(|(o, _)| *o == op).map(|(_, c)| c)
    }

    /// Gives the span measured at the start of these hooks to the opcode that owns it.
    /// `step` says whether a new opcode starts: if the last one's `step_end` is still due
    /// (`current`), it was suspended and undone, and the span, spent waiting for state, is
    /// nobody's.
    fn give_span(&mut self, step: bool) {
        let suspended = step && self.current.is_some();
        let Some(t) = &mut self.timer else { return };
        let (Some(dt), Some((i, op))) = (t.span.take(), t.owner) else {
            return;
        };
        if suspended {
            return;
        }
        if let Some(c) = self.cell(i, op) {
            c.time += dt;
            c.spans += 1;
        }
    }
}

fn compact(table: &[Cell]) -> Vec<(u8, Cell)> {
    (0..=255u8)
        .zip(table.iter().copied())
        .filter(|(_, c)| c.count > 0)
        .collect()
}

impl Inspector for Profile {
    fn step(&mut self, s: &Step<'_>) {
        self.begin_hooks();
        self.give_span(true);
        let i = self.open.last().map_or(0, |(i, _)| *i);
        self.current = Some((i, s.op));
        if let Some(t) = &mut self.timer {
            t.owner = Some((i, s.op));
        }
        self.end_hooks();
    }

    fn step_end(&mut self, e: &StepEnd<'_>) {
        self.begin_hooks();
        self.give_span(false);
        if let Some((_, op)) = self.current.take() {
            let own = e.gas_cost.saturating_sub(e.forwarded);
            let t = &mut self.total[op as usize];
            t.count += 1;
            t.gas += own;
            if let Some((_, table)) = self.open.last_mut() {
                let f = &mut table[op as usize];
                f.count += 1;
                f.gas += own;
            }
        }
        self.end_hooks();
    }

    fn frame_enter(&mut self, _e: &FrameEnter<'_>) {
        self.begin_hooks();
        self.give_span(false);
        let i = self.frames.len();
        self.frames.push(Vec::new());
        self.open.push((i, vec![Cell::default(); 256]));
        self.end_hooks();
    }

    fn frame_exit(&mut self, _e: &FrameExit<'_>) {
        self.begin_hooks();
        self.give_span(false);
        if let Some((i, table)) = self.open.pop() {
            self.frames[i] = compact(&table);
        }
        self.end_hooks();
    }
}
