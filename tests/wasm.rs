//! The JS API through the wasm boundary (run by `wasm-pack test --node`): nested calls stepped
//! into and out of, breakpoints, a trace compared line by line with geth's recorded trace, a
//! call tree, bad arguments, and recursion to the depth limit on the wasm stack.
#![cfg(target_arch = "wasm32")]

use evmbox::wasm::JsEvm;
use js_sys::{Array, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

/// The JS `assemble` with a string, as JS calls it.
fn assemble(text: &str) -> Result<String, wasm_bindgen::JsError> {
    evmbox::wasm::assemble(JsValue::from_str(text))
}

/// An options object for an optional argument.
fn jopt<T: JsCast>(s: &str) -> T {
    json(s).unchecked_into()
}

fn json(s: &str) -> JsValue {
    JSON::parse(s).expect("test JSON")
}

fn get(v: &JsValue, path: &str) -> JsValue {
    path.split('.')
        .fold(v.clone(), |o, k| match k.parse::<u32>() {
            Ok(i) => Array::from(&o).get(i),
            Err(_) => Reflect::get(&o, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED),
        })
}

fn s(v: &JsValue, path: &str) -> String {
    get(v, path).as_string().unwrap_or_default()
}

fn n(v: &JsValue, path: &str) -> f64 {
    let x = get(v, path);
    if x.is_bigint() {
        let b: js_sys::BigInt = x.unchecked_into();
        return b
            .to_string(10)
            .ok()
            .and_then(|s| s.as_string())
            .and_then(|s| s.parse().ok())
            .unwrap_or(-1.0);
    }
    x.as_f64().unwrap_or(-1.0)
}

fn err(r: Result<JsValue, wasm_bindgen::JsError>) -> String {
    match r {
        Ok(v) => panic!("expected an error, got {v:?}"),
        Err(e) => {
            let v: JsValue = e.into();
            let e: js_sys::Error = v.unchecked_into();
            e.message().as_string().unwrap_or_default()
        }
    }
}

const A: &str = "0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const B: &str = "0xbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
const C: &str = "0xcccccccccccccccccccccccccccccccccccccccc";

fn call_code(to: &str, tail: &str) -> String {
    assemble(&format!(
        "PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH20 {to} GAS CALL POP {tail}"
    ))
    .expect("asm")
}

fn chain() -> JsEvm {
    let mut e = JsEvm::new(None).expect("evm");
    let acct = |code: String| json(&format!(r#"{{"code":"{code}"}}"#));
    e.set_account(A.into(), acct(call_code(B, "PUSH1 1 PUSH1 0 SSTORE STOP")))
        .expect("a");
    e.set_account(B.into(), acct(call_code(C, "PUSH1 2 PUSH1 0 SSTORE STOP")))
        .expect("b");
    e.set_account(
        C.into(),
        acct(assemble("PUSH1 3 PUSH1 0 SSTORE STOP").expect("asm")),
    )
    .expect("c");
    e
}

#[wasm_bindgen_test]
fn steps_into_and_out_of_nested_calls() {
    let mut e = chain();
    e.begin(
        json(&format!(r#"{{"to":"{A}"}}"#)),
        Some(jopt(r#"{"callTree":true}"#)),
    )
    .expect("begin");
    for _ in 0..8 {
        e.step_into().expect("step");
    }
    let frames = e.frames();
    assert_eq!(frames.length(), 2);
    assert_eq!(s(&frames.into(), "1.address").to_lowercase(), B);
    let p = e.step_out(None).expect("out");
    assert_eq!(n(&p, "depth"), 1.0);
    assert_eq!(s(&e.frames().into(), "0.opName"), "POP");
    e.set_breakpoints(json(r#"[{"opcode":"SSTORE"}]"#))
        .expect("bps");
    let p = e.resume(None).expect("continue");
    assert_eq!(s(&p, "reason"), "breakpoint");
    let p = e.resume(None).expect("continue");
    assert_eq!(s(&p, "reason"), "done");
    assert_eq!(s(&p, "result.status"), "success");
    // The session's call tree covers all three frames.
    assert_eq!(Array::from(&get(&p, "result.callTree")).length(), 3);
    assert!(!e.is_paused());
    let slot = e
        .get_storage_at(A.into(), JsValue::from(0))
        .expect("storage");
    assert!(slot.as_string().unwrap_or_default().ends_with("01"));
}

#[wasm_bindgen_test]
fn breakpoints_on_frames_and_depth() {
    let mut e = chain();
    e.begin(json(&format!(r#"{{"to":"{A}"}}"#)), None)
        .expect("begin");
    e.set_breakpoints(json(&format!(
        r#"[{{"depth":3}},{{"pc":0,"address":"{B}"}}]"#
    )))
    .expect("bps");
    let p = e.resume(None).expect("continue");
    assert_eq!((n(&p, "breakpoint"), n(&p, "depth")), (1.0, 2.0));
    let p = e.resume(None).expect("continue");
    assert_eq!((n(&p, "breakpoint"), n(&p, "depth")), (0.0, 3.0));
    let p = e.step_over(None).expect("over");
    assert_eq!(n(&p, "depth"), 3.0);
    e.abort();
    assert!(!e.is_paused());
    // The aborted transaction left nothing behind.
    assert!(e
        .get_storage_at(C.into(), JsValue::from(0))
        .expect("slot")
        .as_string()
        .unwrap_or_default()
        .ends_with("00"));
}

#[wasm_bindgen_test]
fn trace_matches_geth_line_by_line() {
    // goevmlab's 00000936-mixed-1: the contract, sender and call as recorded with geth.
    let case: serde_json::Value = serde_json::from_str(include_str!(
        "../../shared/fixtures/traces/goevmlab/cases/00000936-mixed-1.json"
    ))
    .expect("case");
    let t = case
        .as_object()
        .and_then(|o| o.values().next())
        .expect("test");
    let mut e = JsEvm::new(Some(jopt(&format!(
        r#"{{"fork":"cancun","block":{{"number":"1","time":"1000","baseFeePerGas":"16","feeRecipient":"0x{}","gasLimit":"{}"}}}}"#,
        t["env"]["currentCoinbase"].as_str().unwrap_or_default(),
        u64::from_str_radix(t["env"]["currentGasLimit"].as_str().unwrap_or("0x0").trim_start_matches("0x"), 16).unwrap_or(0)
    ))))
    .expect("evm");
    for (addr, acc) in t["pre"].as_object().expect("pre") {
        e.set_account(
            addr.as_str().into(),
            json(&format!(
                r#"{{"balance":"{}","nonce":"{}","code":"{}"}}"#,
                acc["balance"].as_str().unwrap_or("0"),
                acc["nonce"].as_str().unwrap_or("0"),
                acc["code"].as_str().unwrap_or("0x")
            )),
        )
        .expect("account");
    }
    let tx = &t["transaction"];
    let r = e
        .send_transaction(
            json(&format!(
                r#"{{"from":"{}","to":"{}","data":"{}","value":"{}","gas":"{}","gasPrice":"{}"}}"#,
                tx["sender"].as_str().unwrap_or(""),
                tx["to"].as_str().unwrap_or(""),
                tx["data"][0].as_str().unwrap_or("0x"),
                tx["value"][0].as_str().unwrap_or("0"),
                tx["gasLimit"][0].as_str().unwrap_or("0"),
                tx["gasPrice"].as_str().unwrap_or("0")
            )),
            Some(jopt(r#"{"trace":true}"#)),
        )
        .expect("call");
    let ours: Vec<serde_json::Value> = s(&r, "trace.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).expect("line"))
        .filter(|v: &serde_json::Value| v.get("pc").is_some())
        .collect();
    let geth: Vec<serde_json::Value> = include_str!(
        "../../shared/fixtures/traces/goevmlab/traces/00000936-mixed-1.json.geth.stderr.txt"
    )
    .lines()
    .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
    .filter(|v| v.get("pc").is_some() && v.get("error").is_none())
    .collect();
    assert_eq!(ours.len(), geth.len());
    for (a, b) in ours.iter().zip(&geth) {
        for k in [
            "pc", "op", "gas", "gasCost", "memSize", "stack", "depth", "opName",
        ] {
            assert_eq!(a[k], b[k], "field {k}: ours {a}, geth {b}");
        }
    }
    assert_eq!(
        get(&r, "trace.steps").unchecked_into::<Array>().length() as usize,
        ours.len()
    );
}

#[wasm_bindgen_test]
fn call_tree_of_three_levels_with_create2_and_a_revert() {
    let mut e = JsEvm::new(None).expect("evm");
    let b_code = assemble(
        "PUSH10 0x600060005360016000f3 PUSH1 0 MSTORE PUSH1 1 PUSH1 10 PUSH1 22 PUSH1 0 CREATE2 PUSH1 0 PUSH1 0 REVERT",
    )
    .expect("asm");
    e.set_account(
        A.into(),
        json(&format!(r#"{{"code":"{}"}}"#, call_code(B, "STOP"))),
    )
    .expect("a");
    e.set_account(B.into(), json(&format!(r#"{{"code":"{b_code}"}}"#)))
        .expect("b");
    let r = e
        .call(
            json(&format!(r#"{{"to":"{A}"}}"#)),
            Some(jopt(r#"{"callTree":true}"#)),
        )
        .expect("call");
    let tree = get(&r, "callTree");
    assert_eq!(Array::from(&tree).length(), 3);
    let kinds: Vec<String> = (0..3).map(|i| s(&tree, &format!("{i}.type"))).collect();
    assert_eq!(kinds, ["CALL", "CALL", "CREATE2"]);
    let status: Vec<String> = (0..3).map(|i| s(&tree, &format!("{i}.status"))).collect();
    assert_eq!(status, ["success", "revert", "success"]);
    assert_eq!(n(&tree, "2.depth"), 3.0);
    assert_eq!(s(&tree, "2.output"), "0x00");
    assert_eq!(n(&tree, "2.parent"), 1.0);
    assert!(n(&tree, "0.timeTotalMs") >= n(&tree, "0.timeSelfMs"));
    assert!(n(&tree, "1.gasUsed") > 0.0);
}

#[wasm_bindgen_test]
fn bad_arguments_throw_errors_that_name_them() {
    let mut e = JsEvm::new(None).expect("evm");
    assert!(err(e.call(json(r#"{"to":"0x12"}"#), None)).starts_with("request.to:"));
    assert!(err(e.call(json(r#"{"to":"nothex"}"#), None)).starts_with("request.to:"));
    assert!(
        err(e.call(json(&format!(r#"{{"to":"{A}","value":"-5"}}"#)), None))
            .starts_with("request.value:")
    );
    assert!(
        err(e.call(json(&format!(r#"{{"to":"{A}","data":"0xabc"}}"#)), None))
            .starts_with("request.data:")
    );
    assert!(err(e.call(
        json(&format!(r#"{{"to":"{A}","gas":"0x1ffffffffffffffff"}}"#)),
        None
    ))
    .starts_with("request.gas:"));
    assert!(
        err(e.call(json(&format!(r#"{{"to":"{A}","gas":"100"}}"#)), None))
            .contains("intrinsic gas")
    );
    assert!(err(e.call(json("[]"), None)).starts_with("request: expected an object"));
    assert!(e.set_breakpoints(json(r#"[{"opcode":"NOPE"}]"#)).is_err());
    assert!(e.step_into().is_err());
    assert!(err(assemble("PUSH1 0x1234").map(JsValue::from)).contains("line 1, column 7"));
    // After all that, the instance still works.
    let r = e
        .run_code(
            assemble("PUSH1 7 PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN")
                .expect("asm")
                .into(),
            None,
            None,
        )
        .expect("run");
    assert!(s(&r, "output").ends_with("07"));
}

#[wasm_bindgen_test]
fn recursion_to_the_depth_limit_on_the_wasm_stack() {
    // Calls itself with n-1 while n > 0, recording n in slot n.
    let code = assemble(
        "PUSH1 0 CALLDATALOAD DUP1 DUP1 SSTORE DUP1 ISZERO PUSH @end JUMPI
         PUSH1 1 SWAP1 SUB PUSH1 0 MSTORE
         PUSH1 0 PUSH1 0 PUSH1 32 PUSH1 0 PUSH1 0 ADDRESS GAS CALL POP
         end: JUMPDEST STOP",
    )
    .expect("asm");
    let mut e = JsEvm::new(Some(jopt(
        r#"{"fork":"cancun","block":{"gasLimit":"0x7fffffffffffffff"}}"#,
    )))
    .expect("evm");
    e.set_account(C.into(), json(&format!(r#"{{"code":"{code}"}}"#)))
        .expect("c");
    let data = format!("0x{:064x}", 2000);
    let r = e
        .send_transaction(
            json(&format!(
                r#"{{"to":"{C}","data":"{data}","gas":"{}"}}"#,
                1u64 << 46
            )),
            Some(jopt(r#"{"callTree":true}"#)),
        )
        .expect("call");
    assert_eq!(s(&r, "status"), "success");
    let tree = Array::from(&get(&r, "callTree"));
    // 1025 frames ran; the call made at depth 1025 is refused, and shows as a frame too
    // (as geth's callTracer and revm's inspector report it).
    assert_eq!(tree.length(), 1026);
    let tree: JsValue = tree.into();
    assert_eq!(n(&tree, "1024.depth"), 1025.0);
    assert_eq!(s(&tree, "1025.error"), "max call depth exceeded");
    assert_eq!(
        get(&tree, "1025.gasUsed"),
        JsValue::from(js_sys::BigInt::from(0u64))
    );
    // Frames at depths 1..=1025 stored n = 2000 down to 976.
    assert!(e
        .get_storage_at(C.into(), JsValue::from(976))
        .expect("slot")
        .as_string()
        .unwrap_or_default()
        .ends_with("03d0"));
    assert!(e
        .get_storage_at(C.into(), JsValue::from(975))
        .expect("slot")
        .as_string()
        .unwrap_or_default()
        .ends_with("0000"));
}

#[wasm_bindgen_test]
fn memory_past_the_wasm_limit_halts_without_killing_the_instance() {
    let mut e = JsEvm::new(Some(jopt(
        r#"{"fork":"cancun","block":{"gasLimit":"0x7fffffffffffffff"}}"#,
    )))
    .expect("evm");
    // MLOAD at 1 GiB: affordable with 2^46 gas, past wasm32's 1 GiB frame limit.
    let code = assemble("PUSH4 0x40000000 MLOAD STOP").expect("asm");
    let r = e
        .run_code(
            code.into(),
            Some(jopt(&format!(r#"{{"gas":"{}"}}"#, 1u64 << 46))),
            None,
        )
        .expect("run");
    assert_eq!(s(&r, "status"), "halt");
    assert_eq!(s(&r, "haltReason"), "memory limit exceeded");
    let r = e
        .run_code(
            assemble("PUSH1 1 PUSH1 2 ADD").expect("asm").into(),
            None,
            None,
        )
        .expect("run");
    assert_eq!(s(&r, "status"), "success");
}
