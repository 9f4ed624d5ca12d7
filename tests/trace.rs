//! EIP-3155 traces: ours, line by line, against geth's and evmone's recorded traces of the same
//! transactions (fixtures/traces/goevmlab), and the field layout the EIP prescribes.
#![cfg(not(target_arch = "wasm32"))]

use evmbox::statetest::{block_env, pre_state, transaction};
use evmbox::tracer::{Eip3155Tracer, TraceOptions};
use evmbox::{Evm, Fork};
use serde_json::Value;
use std::path::Path;

fn traces_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures/traces/goevmlab")
}

/// Our trace lines for the (single) case of a goevmlab test file.
fn our_trace(case: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(traces_dir().join("cases").join(case)).expect("case");
    let v: Value = serde_json::from_str(&text).expect("json");
    let test = v
        .as_object()
        .and_then(|o| o.values().next())
        .expect("one test");
    let post = test["post"]
        .as_object()
        .and_then(|p| p.values().next())
        .expect("post");
    let ix = |k: &str| post[0]["indexes"][k].as_u64().unwrap_or(0) as usize;
    let tx = transaction(&test["transaction"], ix("data"), ix("gas"), ix("value")).expect("tx");
    // Cancun's rules: the recorded traces predate Osaka (whose CLZ, 0x1e, the fuzzed
    // programs may contain as an undefined opcode).
    let mut evm = Evm::new(
        pre_state(&test["pre"]).expect("pre"),
        block_env(&test["env"]).expect("env"),
    )
    .with_rules(Fork::Cancun.rules());
    let mut tracer = Eip3155Tracer::new(TraceOptions::default());
    evm.transact_with(&tx, &mut tracer).expect("valid tx");
    tracer
        .lines()
        .iter()
        .map(|l| serde_json::from_str(l).expect("our line is JSON"))
        .collect()
}

/// Step lines (those with a `pc`) of a client's recorded trace. geth reports a failing
/// opcode twice (its step, then the fault with `error`); the two are merged into one line.
fn their_trace(case: &str, client: &str) -> Vec<Value> {
    let p = traces_dir()
        .join("traces")
        .join(format!("{case}.{client}.stderr.txt"));
    let mut out: Vec<Value> = Vec::new();
    for v in std::fs::read_to_string(p)
        .expect("trace file")
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|v| v.get("pc").is_some())
    {
        let repeat = out.last().is_some_and(|p: &Value| {
            p["pc"] == v["pc"] && p["depth"] == v["depth"] && p["gas"] == v["gas"]
        });
        if repeat {
            if let Some(last) = out.last_mut() {
                last["error"] = v["error"].clone();
            }
        } else {
            out.push(v);
        }
    }
    out
}

/// A hex-string or number field as a number.
fn n(v: &Value) -> u64 {
    match v {
        Value::Number(x) => x.as_u64().unwrap_or(u64::MAX),
        Value::String(s) => u64::from_str_radix(s.trim_start_matches("0x"), 16).unwrap_or(u64::MAX),
        _ => u64::MAX,
    }
}

/// Opcodes Cancun added: a Shanghai trace and ours part ways at the first of them.
const NEW_IN_CANCUN: [u64; 5] = [0x49, 0x4a, 0x5c, 0x5d, 0x5e];

fn compare(case: &str, client: &str, fields: &[&str]) {
    let mut ours = our_trace(case);
    let mut theirs = their_trace(case, client);
    if let Some(cut) = ours
        .iter()
        .position(|l| NEW_IN_CANCUN.contains(&n(&l["op"])))
    {
        ours.truncate(cut);
        theirs.truncate(cut);
    }
    assert!(ours.len() > 20, "{case}: too short a comparison");
    assert_eq!(ours.len(), theirs.len(), "{case} vs {client}: step count");
    for (i, (a, b)) in ours.iter().zip(&theirs).enumerate() {
        for f in fields {
            let same = match *f {
                "gas" | "gasCost" | "refund" => n(&a[f]) == n(&b[f]),
                _ => a[f] == b[f],
            };
            assert!(
                same,
                "{case} vs {client}, step {i}, field {f}: ours {a}, theirs {b}"
            );
        }
    }
}

const STEP_FIELDS: &[&str] = &["pc", "op", "gas", "memSize", "stack", "depth", "opName"];

#[test]
fn matches_geth_and_the_execution_spec_step_by_step() {
    // Shanghai cases, compared up to the first opcode Cancun added. geth, the execution spec
    // (eels) and erigon agree on every field we print, gasCost and refund included.
    for case in ["00000936-mixed-1.json", "negative_refund.json"] {
        for client in ["geth", "eels", "erigon"] {
            compare(
                case,
                client,
                &[STEP_FIELDS, &["gasCost", "refund"]].concat(),
            );
        }
    }
}

#[test]
fn matches_evmone_step_by_step() {
    // evmone prints static gas as gasCost, no refund, and no step for the implicit STOP at the
    // end of code, so compare the other fields on a case that ends with an explicit failure.
    compare("00000936-mixed-1.json", "evmone", STEP_FIELDS);
}

#[test]
fn line_layout_follows_eip3155() {
    let ours = our_trace("00000936-mixed-1.json");
    let first = serde_json::to_string(&ours[0]).expect("json");
    let keys: Vec<&str> = ours[0]
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    // serde_json's map keeps insertion order only with preserve_order; check presence and types.
    for k in [
        "pc",
        "op",
        "gas",
        "gasCost",
        "memSize",
        "stack",
        "depth",
        "returnData",
        "refund",
        "opName",
    ] {
        assert!(keys.contains(&k), "missing {k} in {first}");
    }
    assert!(ours[0]["pc"].is_u64() && ours[0]["op"].is_u64() && ours[0]["memSize"].is_u64());
    assert!(ours[0]["depth"].as_u64() == Some(1));
    for k in ["gas", "gasCost", "refund", "returnData"] {
        assert!(
            ours[0][k].as_str().is_some_and(|s| s.starts_with("0x")),
            "{k} in {first}"
        );
    }
    assert!(ours[0]["stack"].is_array());
}

#[test]
fn new_opcodes_and_precompiles_trace_as_geth_writes_them() {
    // CLZ gets a line of its own (op 30, opName "CLZ", gasCost 5: EIP-7939's G_low); a call
    // into a precompile prints no lines of its own (geth runs precompiles without stepping),
    // only the CALL and what follows at depth 1. Osaka's rules.
    use evmbox::{Address, BlockEnv, InMemoryDb, Transaction, U256};
    let (me, code_at) = (Address([0xee; 20]), Address([0xaa; 20]));
    // PUSH1 1 CLZ POP, then STATICCALL(gas, 0x100, 0, 0, 0, 0) POP STOP
    let code = evmbox::asm::assemble(
        "PUSH1 1 CLZ POP PUSH0 PUSH0 PUSH0 PUSH0 PUSH2 0x100 GAS STATICCALL POP STOP",
    )
    .expect("assembles");
    let mut db = InMemoryDb::new();
    db.insert_account(me, U256::from(10u64.pow(18)), 0, &[], Default::default());
    db.insert_account(code_at, U256::ZERO, 1, &code, Default::default());
    let mut evm = Evm::new(db, BlockEnv::default());
    let mut tracer = Eip3155Tracer::new(TraceOptions::default());
    let tx = Transaction {
        caller: me,
        to: Some(code_at),
        gas_limit: 100_000,
        ..Default::default()
    };
    evm.transact_with(&tx, &mut tracer).expect("valid");
    let lines: Vec<Value> = tracer
        .lines()
        .iter()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    let clz = &lines[1];
    assert_eq!(
        (clz["op"].as_u64(), clz["opName"].as_str()),
        (Some(0x1e), Some("CLZ"))
    );
    assert_eq!(clz["gasCost"], "0x5");
    assert_eq!(
        lines[2]["stack"],
        serde_json::json!(["0xff"]),
        "CLZ(1) = 255"
    );
    assert!(
        lines.iter().all(|l| l["depth"] == 1),
        "no lines inside the precompile"
    );
    assert_eq!(lines.last().expect("lines")["opName"], "STOP");
    // The assembler and disassembler know CLZ.
    assert_eq!(evmbox::asm::assemble("CLZ").expect("assembles"), vec![0x1e]);
    assert!(evmbox::asm::disassemble_text(&[0x1e]).starts_with("CLZ"));
}

/// Memory cost of `w` words (Yellow Paper: 3w + w²/512), written here independently.
fn mem(w: u64) -> u64 {
    3 * w + w * w / 512
}

/// The last trace line of `code` run with `left` gas after the intrinsic 21,000 (Osaka).
/// `setup` accounts with code or balance can be named.
fn last_line(code: &str, left: u64, balance: u64) -> Value {
    use evmbox::{Address, BlockEnv, InMemoryDb, Transaction, U256};
    let (me, at) = (Address([0xee; 20]), Address([0xaa; 20]));
    let code = evmbox::asm::assemble(code).expect("assembles");
    let mut db = InMemoryDb::new();
    db.insert_account(me, U256::from(10u64.pow(18)), 0, &[], Default::default());
    db.insert_account(at, U256::from(balance), 1, &code, Default::default());
    let mut evm = Evm::new(db, BlockEnv::default());
    let mut tracer = Eip3155Tracer::new(TraceOptions::default());
    let tx = Transaction {
        caller: me,
        to: Some(at),
        gas_limit: 21_000 + left,
        ..Default::default()
    };
    evm.transact_with(&tx, &mut tracer).expect("valid");
    serde_json::from_str(tracer.lines().last().expect("a line")).expect("json")
}

#[test]
fn an_opcode_out_of_gas_in_its_dynamic_part_shows_its_whole_cost() {
    // As the execution spec charges it (one charge of static + dynamic parts) and geth, erigon
    // and nimbus print it: the failing step's gasCost is the whole cost, not what was charged
    // before the dynamic part failed. Each case leaves the static part affordable.
    const A: &str = "0xbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    let cases: Vec<(&str, String, u64, u64, u64)> = vec![
        // name, code, gas after intrinsic, balance, expected gasCost
        ("SLOAD cold", "PUSH1 1 SLOAD".into(), 3 + 200, 0, 2100),
        (
            "SSTORE cold, 0 to 1",
            "PUSH1 1 PUSH1 1 SSTORE".into(),
            6 + 3000,
            0,
            2100 + 20000,
        ),
        (
            "BALANCE cold",
            format!("PUSH20 {A} BALANCE"),
            3 + 200,
            0,
            2600,
        ),
        (
            "EXTCODECOPY cold, 32 bytes",
            format!("PUSH1 32 PUSH0 PUSH0 PUSH20 {A} EXTCODECOPY"),
            9 + 200,
            0,
            2600 + 3 + mem(1),
        ),
        (
            "MLOAD expanding to 129 words",
            "PUSH2 0x1000 MLOAD".into(),
            3 + 10,
            0,
            3 + mem(129),
        ),
        (
            "EXP, 2-byte exponent",
            "PUSH2 0xffff PUSH1 2 EXP".into(),
            6 + 50,
            0,
            10 + 2 * 50,
        ),
        (
            "CALLDATACOPY of 1 KiB",
            "PUSH2 0x400 PUSH0 PUSH0 CALLDATACOPY".into(),
            7 + 20,
            0,
            3 + 32 * 3 + mem(32),
        ),
        (
            "KECCAK256 of 64 bytes",
            "PUSH1 64 PUSH0 KECCAK256".into(),
            5 + 35,
            0,
            30 + 2 * 6 + mem(2),
        ),
        (
            "LOG1 of 64 bytes",
            "PUSH1 7 PUSH1 64 PUSH0 LOG1".into(),
            8 + 800,
            0,
            750 + 64 * 8 + mem(2),
        ),
        (
            "MCOPY to 0x100",
            "PUSH1 32 PUSH0 PUSH2 0x100 MCOPY".into(),
            8 + 10,
            0,
            3 + 3 + mem(9),
        ),
        (
            "CREATE of 32 bytes",
            "PUSH1 32 PUSH0 PUSH0 CREATE".into(),
            7 + 32002,
            0,
            32000 + 2 + mem(1),
        ),
        (
            "CREATE2 of 32 bytes",
            "PUSH0 PUSH1 32 PUSH0 PUSH0 CREATE2".into(),
            9 + 32002,
            0,
            32000 + 2 + 6 + mem(1),
        ),
        // CALL cold, with value, to an empty account, 32 bytes in, asking 4096 gas: eels
        // charges memory + access + transfer + new account + the gas asked, at once.
        (
            "CALL cold with value to a new account",
            format!("PUSH0 PUSH0 PUSH1 32 PUSH0 PUSH1 1 PUSH20 {A} PUSH2 0x1000 CALL"),
            17 + 3000,
            1,
            100 + 2500 + 9000 + 25000 + mem(1) + 4096,
        ),
        (
            "SELFDESTRUCT cold to a new account",
            format!("PUSH20 {A} SELFDESTRUCT"),
            3 + 6000,
            1,
            5000 + 2600 + 25000,
        ),
    ];
    for (name, code, left, balance, want) in cases {
        let line = last_line(&code, left, balance);
        assert_eq!(
            line["error"].as_str().map(|e| e.contains("gas")),
            Some(true),
            "{name}: {line}"
        );
        assert_eq!(line["gasCost"], format!("{want:#x}"), "{name}: {line}");
    }
}
