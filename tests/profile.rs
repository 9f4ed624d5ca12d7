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

/// A loop whose every round hashes 64 KiB and does a dozen cheap things.
fn hashing_loop() -> Vec<u8> {
    assemble(
        "PUSH1 40 top: JUMPDEST PUSH3 0x10000 PUSH0 KECCAK256 POP
         PUSH1 1 SWAP1 SUB DUP1 PUSH @top JUMPI STOP",
    )
    .unwrap()
}

/// `profile` after a call to [`hashing_loop`].
fn hashing_profile(mut profile: Profile) -> Profile {
    let a = addr(0xaa);
    evm(&[(a, hashing_loop())])
        .transact_with(&call_tx(a, vec![], 10_000_000), &mut profile)
        .unwrap();
    profile
}

#[test]
fn a_timed_profile_counts_as_the_plain_one_and_times_every_opcode() {
    let plain = hashing_profile(Profile::default());
    let t0 = std::time::Instant::now();
    let timed = hashing_profile(Profile::timed(Box::new(evmbox::calltree::std_clock())));
    let wall_ms = t0.elapsed().as_secs_f64() * 1000.0;
    let strip = |v: Vec<evmbox::profile::OpcodeStats>| -> Vec<(u8, u64, u64)> {
        v.iter().map(|s| (s.op, s.count, s.gas)).collect()
    };
    assert_eq!(strip(timed.total()), strip(plain.total()));
    assert!(plain.total().iter().all(|s| s.time_ms.is_none()));
    let total = timed.total();
    let times: Vec<f64> = total.iter().map(|s| s.time_ms.unwrap()).collect();
    let sum: f64 = times.iter().sum();
    // The spans are disjoint parts of the run.
    assert!(sum > 0.0 && sum <= wall_ms, "{sum} ms of {wall_ms} ms");
    // Hashing 64 KiB (2,048 permutations' worth of input) is thousands of times a cheap
    // opcode's work: it must hold nearly all of the time.
    let keccak = total
        .iter()
        .find(|s| s.op == 0x20)
        .unwrap()
        .time_ms
        .unwrap();
    assert!(keccak / sum > 0.9, "KECCAK256 {keccak} ms of {sum} ms");
    // One frame: its table is the total.
    let frames = timed.frames();
    assert_eq!(frames.len(), 1);
    assert_eq!(frames[0], total);
}

#[test]
fn a_timed_profile_gives_each_frame_its_own_time() {
    let (a, b) = (addr(0xaa), addr(0xbb));
    let a_code = assemble(&format!(
        "PUSH1 3 top: JUMPDEST PUSH0 PUSH0 PUSH0 PUSH0 PUSH0 PUSH20 {b} GAS CALL POP
         PUSH1 1 SWAP1 SUB DUP1 PUSH @top JUMPI STOP"
    ))
    .unwrap();
    let tx = call_tx(a, vec![], 10_000_000);
    let mut timed = Profile::timed(Box::new(evmbox::calltree::std_clock()));
    evm(&[(a, a_code), (b, hashing_loop())])
        .transact_with(&tx, &mut timed)
        .unwrap();
    let frames = timed.frames();
    assert_eq!(frames.len(), 4);
    // Per opcode, the frames' times add up to the run's.
    for s in timed.total() {
        let parts: f64 = frames
            .iter()
            .flatten()
            .filter(|f| f.op == s.op)
            .map(|f| f.time_ms.unwrap())
            .sum();
        let whole = s.time_ms.unwrap();
        assert!(
            (parts - whole).abs() <= 1e-9 + whole * 1e-9,
            "{:#x}: {parts} vs {whole}",
            s.op
        );
    }
    // The hashing happens in the callees; the caller's own opcodes are cheap next to it.
    let own: f64 = frames[0].iter().map(|s| s.time_ms.unwrap()).sum();
    let callees: f64 = frames[1..]
        .iter()
        .flatten()
        .map(|s| s.time_ms.unwrap())
        .sum();
    assert!(
        callees > 10.0 * own,
        "callees {callees} ms, caller {own} ms"
    );
}

#[test]
fn the_profile_text_is_the_profile() {
    let profile = hashing_profile(Profile::default());
    let v: serde_json::Value =
        serde_json::from_str(&evmbox::result_json::profile_json(&profile)).unwrap();
    let rows = |j: &serde_json::Value| -> Vec<(u8, String, u64, u64)> {
        j.as_array()
            .unwrap()
            .iter()
            .map(|r| {
                assert!(r.get("timeMs").is_none(), "untimed");
                (
                    r["opcode"].as_u64().unwrap() as u8,
                    r["name"].as_str().unwrap().to_string(),
                    r["count"].as_u64().unwrap(),
                    r["gas"].as_str().unwrap().parse().unwrap(),
                )
            })
            .collect()
    };
    let want: Vec<(u8, String, u64, u64)> = profile
        .total()
        .iter()
        .map(|s| {
            (
                s.op,
                evmbox::opcodes::name(s.op).to_string(),
                s.count,
                s.gas,
            )
        })
        .collect();
    assert_eq!(rows(&v["total"]), want);
    assert_eq!(v["frames"].as_array().unwrap().len(), 1);
    assert_eq!(rows(&v["frames"][0]), want);
    assert!(want.iter().any(|r| r.1 == "KECCAK256"));
}
