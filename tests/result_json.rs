//! The JS API's result text (`result_json`): every field of a transaction's result, addresses
//! checksummed as EIP-55's own examples are, and byte strings past the hex limit left out and
//! listed.

#![cfg(not(target_arch = "wasm32"))]
mod common;
use common::*;
use evmbox::asm::assemble;
use evmbox::result_json::{Large, ResultJson};
use evmbox::{Address, U256};
use serde_json::Value;

/// EIP-55's example addresses, as the EIP writes them.
const EIP55: [&str; 2] = [
    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
];

fn address(s: &str) -> Address {
    Address::parse_checked(s).expect("a valid EIP-55 address")
}

#[test]
fn result_text_holds_every_field_and_leaves_out_long_bytes() {
    let (a, b) = (address(EIP55[0]), address(EIP55[1]));
    // Stores 7 at slot 1, logs 3 bytes under one topic, returns 40 bytes.
    let code = assemble(
        "PUSH1 7 PUSH1 1 SSTORE PUSH3 0xabcdef PUSH1 0 MSTORE \
         PUSH1 0x42 PUSH1 3 PUSH1 29 LOG1 PUSH1 40 PUSH1 0 RETURN",
    )
    .unwrap();
    let mut evm = evm(&[(a, code)]);
    let mut tx = call_tx(a, vec![], 100_000);
    tx.caller = b;
    evm.backend_mut()
        .insert_account(b, U256::from(10u64.pow(18)), 0, &[], Default::default());
    let r = evm.transact(&tx).expect("valid");

    let all = ResultJson::new(&r, usize::MAX);
    assert!(all.large.is_empty());
    let v: Value = serde_json::from_str(&all.text).unwrap();
    assert_eq!(v["status"], "success");
    assert_eq!(
        v["output"],
        format!("0x{}{}", "00".repeat(29), "abcdef") + &"00".repeat(8)
    );
    assert_eq!(v["gasUsed"], r.gas_used.to_string());
    assert_eq!(v["gasRefunded"], r.gas_refunded.to_string());
    assert_eq!(v["logs"][0]["address"], EIP55[0]);
    assert_eq!(
        v["logs"][0]["topics"][0],
        format!("0x{}42", "00".repeat(31))
    );
    assert_eq!(v["logs"][0]["data"], "0xabcdef");
    let changes = v["stateChanges"].as_array().unwrap();
    let contract = changes.iter().find(|c| c["address"] == EIP55[0]).unwrap();
    let slot = format!("0x{}01", "00".repeat(31));
    assert_eq!(
        contract["storage"][&slot],
        format!("0x{}07", "00".repeat(31))
    );
    assert_eq!(contract["nonce"], "1");
    let sender = changes.iter().find(|c| c["address"] == EIP55[1]).unwrap();
    assert_eq!(sender["nonce"], "1");
    assert!(v.get("haltReason").is_none() && v.get("createdAddress").is_none());

    // Past a 3-byte limit, the output (40 bytes) is left out; the log's 3 bytes stay.
    let cut = ResultJson::new(&r, 3);
    assert_eq!(cut.large, vec![Large::Output]);
    let v: Value = serde_json::from_str(&cut.text).unwrap();
    assert!(v["output"].is_null());
    assert_eq!(v["logs"][0]["data"], "0xabcdef");
    let logs = ResultJson::logs(&r.logs, 2);
    assert_eq!(logs.large, vec![Large::LogData(0)]);
}

#[test]
fn a_revert_reason_and_a_halt_are_named() {
    let a = addr(0xaa);
    // Error("no"): selector 0x08c379a0, offset 32, length 2, "no".
    let revert = assemble(
        "PUSH4 0x08c379a0 PUSH1 224 SHL PUSH1 0 MSTORE PUSH1 32 PUSH1 4 MSTORE \
         PUSH1 2 PUSH1 36 MSTORE PUSH2 0x6e6f PUSH1 240 SHL PUSH1 68 MSTORE PUSH1 100 PUSH1 0 REVERT",
    )
    .unwrap();
    let mut evm = evm(&[(a, revert), (addr(0xbb), vec![0xfe])]);
    let r = evm.transact(&call_tx(a, vec![], 100_000)).unwrap();
    let v: Value = serde_json::from_str(&ResultJson::new(&r, usize::MAX).text).unwrap();
    assert_eq!(
        (v["status"].as_str(), v["revertReason"].as_str()),
        (Some("revert"), Some("no"))
    );
    let mut tx = call_tx(addr(0xbb), vec![], 100_000);
    tx.nonce = 1;
    let r = evm.transact(&tx).unwrap();
    let v: Value = serde_json::from_str(&ResultJson::new(&r, usize::MAX).text).unwrap();
    assert_eq!(v["status"], "halt");
    assert!(v["haltReason"].as_str().unwrap().contains("invalid"), "{v}");
    assert!(v["logs"].as_array().unwrap().is_empty());
}

#[test]
fn call_tree_text_names_every_frame_and_cuts_long_bytes() {
    use evmbox::calltree::{std_clock, CallTree};
    use evmbox::result_json::{call_tree_json, CALL_TREE_BIGINTS};
    let (a, b) = (address(EIP55[0]), address(EIP55[1]));
    // A sends 5 wei and 40 bytes of calldata (zeros) to B, which reverts with them.
    let a_code = assemble(&format!(
        "PUSH0 PUSH0 PUSH1 40 PUSH0 PUSH1 5 PUSH20 {b} GAS CALL STOP"
    ))
    .unwrap();
    let b_code =
        assemble("CALLDATASIZE PUSH0 PUSH0 CALLDATACOPY CALLDATASIZE PUSH0 REVERT").unwrap();
    let mut evm = evm(&[(a, a_code.clone()), (b, b_code)]);
    evm.backend_mut()
        .insert_account(a, U256::from(100u64), 1, &a_code, Default::default());
    let mut tree = CallTree::new(std_clock());
    evm.transact_with(&call_tx(a, vec![], 100_000), &mut tree)
        .expect("valid");
    for (limit, cut) in [(usize::MAX, false), (8, true)] {
        let v: Value = serde_json::from_str(&call_tree_json(&tree.nodes, limit)).unwrap();
        let nodes = v.as_array().unwrap();
        assert_eq!(nodes.len(), 2);
        let (top, callee) = (&nodes[0], &nodes[1]);
        assert_eq!(top["type"], "CALL");
        assert_eq!(top["to"], EIP55[0]);
        assert_eq!(top["children"], serde_json::json!([1]));
        assert_eq!(top["parent"], Value::Null);
        assert_eq!(callee["from"], EIP55[0]);
        assert_eq!(callee["to"], EIP55[1]);
        assert_eq!(callee["value"], "5");
        assert_eq!(callee["parent"], 0);
        assert_eq!(callee["depth"], 2);
        assert_eq!(callee["status"], "revert");
        assert_eq!(callee["error"], "execution reverted");
        let forty = format!("0x{}", "00".repeat(40));
        let eight = format!("0x{}", "00".repeat(8));
        let (input, output) = (
            callee["input"].as_str().unwrap(),
            callee["output"].as_str().unwrap(),
        );
        assert_eq!(
            (input, output),
            if cut {
                (eight.as_str(), eight.as_str())
            } else {
                (forty.as_str(), forty.as_str())
            }
        );
        assert_eq!(callee.get("inputTruncated").is_some(), cut);
        assert_eq!(callee.get("outputTruncated").is_some(), cut);
        for k in CALL_TREE_BIGINTS {
            assert!(
                callee[k].as_str().unwrap().parse::<u128>().is_ok(),
                "{k} is a decimal string"
            );
        }
    }
}
