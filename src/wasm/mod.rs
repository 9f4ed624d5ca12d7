//! The JavaScript API (wasm32 only): a thin layer over the core. Every failure reaches JS as
//! an `Error` naming the argument and the reason; nothing a caller passes can panic.
//!
//! - `args`: decoding JS values (quantities, bytes, addresses, strict option objects);
//! - `requests`: transaction requests, block and state overrides, as viem spells them;
//! - `options`: the methods' option objects and the API's constants;
//! - `results`: building result objects;
//! - `recording`: the trace and call-tree recorders a run's options ask for;
//! - `types`: the TypeScript declarations;
//! - `evm`: the `Evm` class and its world; `run`: its runs; `session`: its debugger;
//!   `fork`: a forked instance's fetching of state.
//!   The free functions (`assemble`, `disassemble`, `runStateTests`) are here.

mod args;
mod evm;
mod fork;
mod options;
mod recording;
mod requests;
mod results;
mod run;
mod session;
mod types;

pub use evm::JsEvm;

use crate::asm;
use crate::statetest::{run_file, Verdict};
use args::{bad, bytes, string, JsResult};
use js_sys::Array;
use results::{hex, obj, set};
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;

/// Assembles mnemonic text into `0x` hex; errors name the line and column.
#[wasm_bindgen(unchecked_return_type = "Hex")]
pub fn assemble(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> JsResult<String> {
    let text = string(&text, "text")?;
    asm::assemble(&text)
        .map(|c| crate::primitives::to_hex(&c))
        .map_err(|e| JsError::new(&format!("assemble: {e}")))
}

/// Assembles mnemonic text into `{ code, pcs, lines }`: the bytecode, and for each
/// instruction its pc and the 1-based line of its mnemonic (what a debugger needs to show the
/// current line or set a breakpoint on one); errors as `assemble`.
#[wasm_bindgen(js_name = assembleWithSourceMap, unchecked_return_type = "AssembledCode")]
pub fn assemble_with_source_map(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> JsResult<JsValue> {
    let text = string(&text, "text")?;
    let (code, map) =
        asm::assemble_mapped(&text).map_err(|e| JsError::new(&format!("assemble: {e}")))?;
    let o = obj();
    set(&o, "code", hex(&code));
    let (pcs, lines) = (Array::new(), Array::new());
    for (pc, line) in map {
        pcs.push(&JsValue::from(pc as u32));
        lines.push(&JsValue::from(line as u32));
    }
    set(&o, "pcs", pcs);
    set(&o, "lines", lines);
    Ok(o.into())
}

/// Disassembles bytecode into `[{ pc, opcode, name, immediate?, truncated?, text }]`; the
/// `text`s joined by newlines assemble back to exactly `code`.
#[wasm_bindgen(unchecked_return_type = "Instruction[]")]
pub fn disassemble(
    #[wasm_bindgen(unchecked_param_type = "Bytes")] code: JsValue,
) -> JsResult<Array> {
    let code = bytes(&code, "code")?;
    let out = Array::new();
    for i in asm::disassemble(&code) {
        let o = obj();
        set(&o, "pc", i.pc as u32);
        set(&o, "opcode", i.op as u32);
        set(&o, "name", i.name);
        if !i.immediate.is_empty() || i.truncated {
            set(&o, "immediate", hex(&i.immediate));
        }
        if i.truncated {
            set(&o, "truncated", true);
        }
        set(&o, "text", i.text);
        out.push(&o);
    }
    Ok(out)
}

/// Runs every Cancun, Prague and Osaka case of one state-test JSON file through this wasm
/// module (other forks' cases are counted as skipped):
/// `{ passed, failed, skipped, failures: [{ test, index, reason }], skipReasons }`. A text
/// that is not a fixture, or holds no test, throws.
#[wasm_bindgen(js_name = runStateTests, unchecked_return_type = "StateTestSummary")]
pub fn run_state_tests(
    #[wasm_bindgen(unchecked_param_type = "string")] json: JsValue,
) -> JsResult<JsValue> {
    let json = string(&json, "json")?;
    let cases = run_file(&json, &Default::default()).map_err(|e| bad("json", e))?;
    let (mut p, mut f, mut s) = (0u32, 0u32, 0u32);
    let failures = Array::new();
    let mut skip_reasons: BTreeMap<String, u32> = BTreeMap::new();
    for c in cases {
        match c.verdict {
            Verdict::Pass => p += 1,
            Verdict::Skip(why) => {
                s += 1;
                *skip_reasons.entry(why).or_default() += 1;
            }
            Verdict::Fail(why) => {
                f += 1;
                let o = obj();
                set(&o, "test", c.test);
                set(&o, "index", c.index as u32);
                set(&o, "reason", why);
                failures.push(&o);
            }
        }
    }
    let o = obj();
    set(&o, "passed", p);
    set(&o, "failed", f);
    set(&o, "skipped", s);
    set(&o, "failures", failures);
    let reasons = obj();
    for (why, n) in skip_reasons {
        set(&reasons, &why, n);
    }
    set(&o, "skipReasons", reasons);
    Ok(o.into())
}
