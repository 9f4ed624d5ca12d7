//! What a run records besides its result, as its options asked: an EIP-3155 trace, a call
//! tree timed with `performance.now()`, both, or neither.

use super::options::RunOptions;
use crate::calltree::CallTree;
use crate::inspector::{FrameEnter, FrameExit, Inspector, Step, StepEnd};
use crate::profile::Profile;
use crate::tracer::Eip3155Tracer;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

/// The clock of call trees in the JS API: `performance.now()` in milliseconds, minus the
/// time a debugging session spent paused between commands (so that a frame's wall time is
/// the time it ran, not the time someone looked at it).
pub type Clock = Box<dyn FnMut() -> f64>;

/// `performance.now()`, in milliseconds.
pub fn now() -> f64 {
    performance_now()
}

/// The recorders a run's options asked for.
#[derive(Default)]
pub struct Recording {
    /// EIP-3155 lines (`opts.trace`).
    pub trace: Option<Eip3155Tracer>,
    /// The call tree (`opts.callTree` or `opts.callTracer`).
    pub tree: Option<CallTree<Clock>>,
    /// Whether the result also carries the tree in geth's `callTracer` shape.
    pub call_tracer: bool,
    /// The per-opcode profile (`opts.profile`).
    pub profile: Option<Profile>,
}

impl Recording {
    /// The recorders a run's options name; the call tree's clock leaves out the
    /// milliseconds accumulated in `paused`.
    pub fn new(opts: &RunOptions, paused: &Rc<Cell<f64>>) -> Recording {
        let trace = opts.trace.map(Eip3155Tracer::new);
        let tree = opts.call_tree.then(|| {
            let paused = paused.clone();
            CallTree::new(Box::new(move || now() - paused.get()) as Clock)
        });
        Recording {
            trace,
            tree,
            call_tracer: opts.call_tracer,
            profile: opts.profile.then(|| {
                if opts.profile_time {
                    let paused = paused.clone();
                    Profile::timed(Box::new(move || now() - paused.get()))
                } else {
                    Profile::default()
                }
            }),
        }
    }

    /// Whether nothing is recorded (the run can take the unobserved fast path).
    pub fn is_empty(&self) -> bool {
        self.trace.is_none() && self.tree.is_none() && self.profile.is_none()
    }
}

impl Inspector for Recording {
    #[inline(always)]
    fn step(&mut self, s: &Step<'_>) {
        if let Some(p) = &mut self.profile {
            p.begin_hooks();
        }
        if let Some(t) = &mut self.trace {
            t.step(s);
        }
        if let Some(t) = &mut self.tree {
            t.step(s);
        }
        if let Some(p) = &mut self.profile {
            p.step(s);
            p.end_hooks();
        }
    }
    #[inline(always)]
    fn step_end(&mut self, e: &StepEnd<'_>) {
        if let Some(p) = &mut self.profile {
            p.begin_hooks();
        }
        if let Some(t) = &mut self.trace {
            t.step_end(e);
        }
        if let Some(t) = &mut self.tree {
            t.step_end(e);
        }
        if let Some(p) = &mut self.profile {
            p.step_end(e);
            p.end_hooks();
        }
    }
    fn frame_enter(&mut self, e: &FrameEnter<'_>) {
        if let Some(p) = &mut self.profile {
            p.begin_hooks();
        }
        if let Some(t) = &mut self.trace {
            t.frame_enter(e);
        }
        if let Some(t) = &mut self.tree {
            t.frame_enter(e);
        }
        if let Some(p) = &mut self.profile {
            p.frame_enter(e);
            p.end_hooks();
        }
    }
    fn frame_exit(&mut self, e: &FrameExit<'_>) {
        if let Some(p) = &mut self.profile {
            p.begin_hooks();
        }
        if let Some(t) = &mut self.trace {
            t.frame_exit(e);
        }
        if let Some(t) = &mut self.tree {
            t.frame_exit(e);
        }
        if let Some(p) = &mut self.profile {
            p.frame_exit(e);
            p.end_hooks();
        }
    }
}
