//! The per-opcode profile agrees with the EIP-3155 trace (itself checked against geth's):
//! the same opcodes, as many times, at the same cost, overall and frame by frame.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{addr, call_tx, evm};
use evmbox::asm::assemble;
use evmbox::profile::Profile;
use evmbox::tracer::{Eip3155Tracer, TraceOptions};
use std::collections::BTreeMap;

#[test]
fn profile_matches_the_trace() {
    let (a, b) = (addr(0xaa), addr(0xbb));
    let b_code =
        assemble("PUSH1 3 PUSH0 SSTORE PUSH1 1 PUSH0 MSTORE PUSH1 32 PUSH0 RETURN").unwrap();
    let a_code = assemble(&format!(
        "PUSH1 4 top: JUMPDEST PUSH0 PUSH0 PUSH0 PUSH0 PUSH0 PUSH20 {b} GAS CALL POP
         PUSH1 1 SWAP1 SUB DUP1 PUSH @top JUMPI
         PUSH1 7 PUSH1 1 PUSH0 PUSH0 CREATE2 STOP"
    ))
    .unwrap();
    let tx = call_tx(a, vec![], 1_000_000);
    let mut tracer = Eip3155Tracer::new(TraceOptions::default());
    evm(&[(a, a_code.clone()), (b, b_code.clone())])
        .transact_with(&tx, &mut tracer)
        .unwrap();
    let mut profile = Profile::default();
    evm(&[(a, a_code), (b, b_code)])
        .transact_with(&tx, &mut profile)
        .unwrap();
    // From the trace: count and gas per opcode, overall and per depth.
    let mut count: BTreeMap<u8, u64> = BTreeMap::new();
    let mut gas: BTreeMap<u8, u64> = BTreeMap::new();
    let mut depth2: BTreeMap<u8, u64> = BTreeMap::new();
    for line in tracer.into_lines() {
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        let op = v["op"].as_u64().unwrap() as u8;
        *count.entry(op).or_default() += 1;
        let cost = u64::from_str_radix(v["gasCost"].as_str().unwrap().trim_start_matches("0x"), 16)
            .unwrap();
        *gas.entry(op).or_default() += cost;
        if v["depth"] == 2 {
            *depth2.entry(op).or_default() += 1;
        }
    }
    let total = profile.total();
    let ours: BTreeMap<u8, u64> = total.iter().map(|s| (s.op, s.count)).collect();
    assert_eq!(ours, count);
    for s in &total {
        if matches!(s.op, 0xf1 | 0xf2 | 0xf4 | 0xfa) {
            // Calls: geth's gasCost includes the gas handed to the new frame; ours does not.
            assert!(s.gas < gas[&s.op], "own cost of {:#x}", s.op);
        } else {
            // Everything else, creates included (geth's gasCost leaves their gas out too).
            assert_eq!(s.gas, gas[&s.op], "gas of opcode {:#x}", s.op);
        }
    }
    // Frames: A, four calls to B, one create; B's frames together ran what depth 2 ran.
    let frames = profile.frames();
    assert_eq!(frames.len(), 6);
    let mut b_total: BTreeMap<u8, u64> = BTreeMap::new();
    for f in &frames[1..] {
        for s in f {
            *b_total.entry(s.op).or_default() += s.count;
        }
    }
    assert_eq!(b_total, depth2);
}
