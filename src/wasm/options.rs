//! The JS API's option objects (run, trace, step, instance, breakpoints), each with the
//! fields it accepts, and the API's constants.

use super::args::*;
use crate::debug::Breakpoint;
use crate::fields::Fields;
use crate::opcodes;
use crate::primitives::{Address, U256};
use crate::request::{AccountOverride, BlockOverrides};
use crate::tracer::TraceOptions;
use wasm_bindgen::prelude::*;

/// The sender of requests that name none: funded with [`DEFAULT_BALANCE`] in every new
/// instance (exported to JS as `DEFAULT_SENDER`).
pub const DEFAULT_SENDER: Address = Address([
    0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
]);
/// The default sender's balance in a new instance: 10^24 wei (a million ether).
pub fn default_balance() -> U256 {
    U256::from(10u128.pow(24))
}
/// Where `runCode` puts the code it runs.
pub const SCRATCH: Address = Address([
    0xc0, 0xde, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
]);
/// Most breakpoints one `setBreakpoints` call takes.
pub const MAX_BREAKPOINTS: u32 = 100_000;
/// Default cap on recorded trace steps.
pub const DEFAULT_TRACE_LIMIT: u64 = 100_000;
/// Default cap on recorded trace text: beyond it a trace is cut (and says so) rather than
/// exhausting the wasm instance's memory.
pub const DEFAULT_TRACE_BYTES: u64 = 64 << 20;
/// Largest trace text budget: the lines are joined into one JS string (`trace.jsonl`), and
/// V8's strings end at 2^29 - 24 characters.
pub const MAX_TRACE_BYTES: u64 = 256 << 20;

/// What a method's options may hold.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Allowed {
    /// `call`, `runCode`: overrides, recording, a step budget.
    Call,
    /// `sendTransaction`: recording, a step budget.
    Send,
    /// `estimateGas`: overrides.
    Estimate,
    /// `begin`: recording.
    Begin,
}

const RUN_HINTS: &[(&str, &str)] = &[
    ("stateOverrides", "stateOverride"),
    ("blockOverride", "blockOverrides"),
    ("tracer", "callTracer"),
    ("steps", "maxSteps"),
];

impl Allowed {
    fn fields(self) -> Fields {
        let known: &'static [&'static str] = match self {
            Allowed::Call => &[
                "stateOverride",
                "blockOverrides",
                "trace",
                "callTree",
                "callTracer",
                "profile",
                "maxSteps",
            ],
            Allowed::Send => &["trace", "callTree", "callTracer", "profile", "maxSteps"],
            Allowed::Estimate => &["stateOverride", "blockOverrides"],
            Allowed::Begin => &["trace", "callTree", "callTracer", "profile"],
        };
        Fields {
            known,
            hints: RUN_HINTS,
        }
    }
}

/// A method's options, read.
#[derive(Default, Clone)]
pub struct RunOptions {
    /// EIP-3155 trace (`trace`).
    pub trace: Option<TraceOptions>,
    /// Record the call tree (`callTree` or `callTracer`).
    pub call_tree: bool,
    /// Also return it in geth's `callTracer` shape.
    pub call_tracer: bool,
    /// Profile opcodes (`profile`).
    pub profile: bool,
    /// Also time them (`profile: { time: true }`).
    pub profile_time: bool,
    /// Opcode budget (`maxSteps`).
    pub max_steps: Option<u64>,
    /// `stateOverride`.
    pub state_override: Vec<AccountOverride>,
    /// `blockOverrides`.
    pub block_overrides: Option<BlockOverrides>,
}

/// Reads the options of a method that allows `allowed`.
pub fn run_options(v: &JsValue, allowed: Allowed) -> JsResult<RunOptions> {
    let o = object(v, "options", &allowed.fields())?;
    let f = |k: &str| o.get(k);
    let tracer = flag(&f("callTracer"), "options.callTracer", false)?;
    let blocks = f("blockOverrides");
    let (profile, profile_time) = profile_options(&f("profile"))?;
    Ok(RunOptions {
        trace: trace_options(&f("trace"))?,
        call_tree: flag(&f("callTree"), "options.callTree", false)? || tracer,
        call_tracer: tracer,
        profile,
        profile_time,
        max_steps: max_steps(&o)?,
        state_override: super::requests::state_overrides(
            &f("stateOverride"),
            "options.stateOverride",
        )?,
        block_overrides: if absent(&blocks) {
            None
        } else {
            Some(super::requests::block_overrides(
                &blocks,
                "options.blockOverrides",
            )?)
        },
    })
}

/// `options.trace`: `true`, or `{ stack?, memory?, returnData?, limit?, maxBytes? }`.
fn trace_options(v: &JsValue) -> JsResult<Option<TraceOptions>> {
    if absent(v) || v.as_bool() == Some(false) {
        return Ok(None);
    }
    if v.as_bool() == Some(true) {
        return Ok(Some(TraceOptions {
            limit: Some(DEFAULT_TRACE_LIMIT),
            max_bytes: Some(DEFAULT_TRACE_BYTES as usize),
            ..TraceOptions::default()
        }));
    }
    const TRACE: Fields = Fields {
        known: &["stack", "memory", "returnData", "limit", "maxBytes"],
        hints: &[
            ("enableMemory", "memory"),
            ("disableStack", "stack"),
            ("enableReturnData", "returnData"),
            (
                "disableStorage",
                "storage is not part of EIP-3155 lines; see frames() while paused",
            ),
        ],
    };
    let o = object(v, "options.trace", &TRACE)?;
    let w = |k: &str| format!("options.trace.{k}");
    let max_bytes = u64_or(&o.get("maxBytes"), &w("maxBytes"), DEFAULT_TRACE_BYTES)?;
    if max_bytes > MAX_TRACE_BYTES {
        return Err(bad(
            &w("maxBytes"),
            format!("at most {MAX_TRACE_BYTES} (the trace text must fit one JS string)"),
        ));
    }
    Ok(Some(TraceOptions {
        stack: flag(&o.get("stack"), &w("stack"), true)?,
        memory: flag(&o.get("memory"), &w("memory"), false)?,
        return_data: flag(&o.get("returnData"), &w("returnData"), true)?,
        limit: Some(u64_or(&o.get("limit"), &w("limit"), DEFAULT_TRACE_LIMIT)?),
        max_bytes: Some(max_bytes as usize),
    }))
}

/// `options.profile`: `true`, or `{ time? }`; whether to profile, and whether to time.
fn profile_options(v: &JsValue) -> JsResult<(bool, bool)> {
    if absent(v) || v.as_bool().is_some() {
        return Ok((flag(v, "options.profile", false)?, false));
    }
    const PROFILE: Fields = Fields {
        known: &["time"],
        hints: &[("timed", "time"), ("timing", "time")],
    };
    let o = object(v, "options.profile", &PROFILE)?;
    Ok((true, flag(&o.get("time"), "options.profile.time", false)?))
}

/// The options of `stepOver`, `stepOut` and `continue`: `{ maxSteps? }`.
pub fn step_options(v: &JsValue) -> JsResult<Option<u64>> {
    const STEP: Fields = Fields {
        known: &["maxSteps"],
        hints: &[("steps", "maxSteps"), ("limit", "maxSteps")],
    };
    max_steps(&object(v, "options", &STEP)?)
}

/// `options.maxSteps`: a step budget of at least 1, or `None` if absent.
fn max_steps(opts: &Record) -> JsResult<Option<u64>> {
    let v = opts.get("maxSteps");
    if absent(&v) {
        return Ok(None);
    }
    match u64_or(&v, "options.maxSteps", 0)? {
        0 => Err(bad("options.maxSteps", "must be at least 1")),
        n => Ok(Some(n)),
    }
}

/// The fields of `new Evm(options)`.
pub const EVM_FIELDS: Fields = Fields {
    known: &["fork", "chainId", "block"],
    hints: &[
        ("hardfork", "fork"),
        ("chain", "chainId"),
        ("blockOverrides", "block"),
    ],
};

/// One breakpoint: `{ pc, address? }`, `{ opcode }`, `{ depth }` or `{ on }`.
pub fn breakpoint(v: &JsValue, i: usize) -> JsResult<Breakpoint> {
    let what = format!("breakpoints[{i}]");
    const BP: Fields = Fields {
        known: &["pc", "address", "opcode", "depth", "on"],
        hints: &[("op", "opcode"), ("event", "on")],
    };
    if absent(v) {
        return Err(bad(
            &what,
            "expected {pc}, {opcode}, {depth} or {on: 'enter' | 'exit'}",
        ));
    }
    let o = object(v, &what, &BP)?;
    let f = |k: &str| o.get(k);
    let given: Vec<&str> = ["pc", "opcode", "depth", "on"]
        .into_iter()
        .filter(|k| !absent(&f(k)))
        .collect();
    if given.len() > 1 {
        return Err(bad(
            &what,
            format!(
                "give one of pc, opcode, depth, on (got {})",
                given.join(", ")
            ),
        ));
    }
    if !absent(&f("address")) && given != ["pc"] {
        return Err(bad(&format!("{what}.address"), "only goes with pc"));
    }
    if !absent(&f("pc")) {
        let pc = u64_or(&f("pc"), &format!("{what}.pc"), 0)?;
        // No code is longer than 49,152 bytes (EIP-3860); a larger pc could never be hit,
        // and on wasm32 it would not fit a usize.
        let pc = usize::try_from(pc)
            .ok()
            .filter(|&pc| pc <= crate::gas::MAX_INITCODE_SIZE)
            .ok_or_else(|| {
                bad(
                    &format!("{what}.pc"),
                    format!("{pc} is past the largest code"),
                )
            })?;
        let address = address_opt(&f("address"), &format!("{what}.address"))?;
        return Ok(Breakpoint::Pc { pc, address });
    }
    if !absent(&f("opcode")) {
        let o = f("opcode");
        let op = match o.as_string() {
            Some(name) => opcodes::by_name(&name)
                .ok_or_else(|| bad(&format!("{what}.opcode"), format!("unknown opcode {name}")))?,
            None => u8::try_from(u64_or(&o, &format!("{what}.opcode"), 0)?)
                .map_err(|_| bad(&format!("{what}.opcode"), "must be 0..255"))?,
        };
        return Ok(Breakpoint::Opcode(op));
    }
    if !absent(&f("depth")) {
        let d = u64_or(&f("depth"), &format!("{what}.depth"), 1)?;
        let limit = crate::gas::CALL_DEPTH_LIMIT as u64 + 1;
        if !(1..=limit).contains(&d) {
            return Err(bad(
                &format!("{what}.depth"),
                format!("must be 1..={limit}"),
            ));
        }
        return Ok(Breakpoint::Depth(d as usize));
    }
    match f("on").as_string().as_deref() {
        Some("enter") => Ok(Breakpoint::FrameEnter),
        Some("exit") => Ok(Breakpoint::FrameExit),
        _ => Err(bad(
            &what,
            "expected {pc}, {opcode}, {depth} or {on: 'enter' | 'exit'}",
        )),
    }
}
