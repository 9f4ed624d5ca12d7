//! Differential testing against revm: generated programs (every opcode, values that hit
//! edge cases, calls into a second generated contract) must end with the same status, gas,
//! output and storage in both engines, under each fork's rules (5,000 under Cancun, 2,000
//! each under Prague and Osaka).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{addr, evmbox_call_in, revm_runner, Rng};

use evmbox::opcodes::OPCODES;
use evmbox::Fork;

/// A program: before each opcode, enough small or edge-case pushes to feed it.
fn program(rng: &mut Rng, len: usize, other: evmbox::Address) -> Vec<u8> {
    let defined: Vec<u8> = (0..=255u8)
        .filter(|&b| OPCODES[b as usize].is_defined() && !(0x60..=0x7f).contains(&b))
        .collect();
    let mut code = Vec::new();
    for _ in 0..len {
        let op = defined[rng.below(defined.len() as u64) as usize];
        for _ in 0..OPCODES[op as usize].inputs.min(7) {
            match rng.below(10) {
                // Small values: offsets, lengths, slots, shift amounts.
                0..=5 => code.extend([0x60, rng.below(70) as u8]),
                // The other contract, so calls reach code.
                6 => {
                    code.push(0x73);
                    code.extend(other.0);
                }
                // Edge cases: all ones, the sign bit, a huge offset.
                7 => {
                    code.push(0x7f);
                    code.extend([0xff; 32]);
                }
                8 => {
                    code.push(0x7f);
                    let mut w = [0u8; 32];
                    w[0] = 0x80;
                    code.extend(w);
                }
                _ => code.extend([0x5a]), // GAS
            }
        }
        code.push(op);
    }
    // Leave something observable: the top of the stack, if any, is stored in slot 0x100.
    code.extend([0x61, 0x01, 0x00, 0x55]);
    code
}

/// Runs `n` generated programs under `fork` in both engines and compares them.
fn compare(fork: Fork, seed: u64, n: usize) {
    let mut rng = Rng(seed);
    let (a, b) = (addr(0xaa), addr(0xbb));
    let mut halted = 0;
    for i in 0..n {
        let len = 1 + rng.below(40) as usize;
        let contracts = vec![(a, program(&mut rng, len, b)), (b, program(&mut rng, 8, a))];
        let data: Vec<u8> = (0..rng.below(40)).map(|_| rng.next() as u8).collect();
        let gas = [30_000u64, 100_000, 1_000_000][rng.below(3) as usize];
        let ours = evmbox_call_in(fork, &contracts, a, data.clone(), gas);
        let theirs = revm_runner(fork, &contracts, a, data, gas, true)();
        assert_eq!(
            ours,
            theirs,
            "{fork} program {i}: {}",
            evmbox::asm::disassemble_text(&contracts[0].1)
        );
        halted += usize::from(!ours.success);
    }
    // The mix exercises both outcomes.
    assert!(
        halted > n / 10 && halted < n * 9 / 10,
        "{fork}: {halted} of {n} failed"
    );
}

#[test]
fn generated_programs_match_revm_under_cancun() {
    compare(Fork::Cancun, 0x243f6a8885a308d3, 5000);
}

#[test]
fn generated_programs_match_revm_under_prague() {
    compare(Fork::Prague, 0x13198a2e03707344, 2000);
}

#[test]
fn generated_programs_match_revm_under_osaka() {
    compare(Fork::Osaka, 0xa4093822299f31d0, 2000);
}

/// Initcodes a generated CREATE or CREATE2 deploys (each at most 32 bytes, stored with one
/// MSTORE): a runtime of `CALLER SELFDESTRUCT`; a revert; a self-destruct during creation
/// (EIP-6780: the account goes); a slot written, then an empty runtime.
const INITCODES: [&str; 4] = [
    "6133ff60005260026000f3", /* PUSH2 0x33ff PUSH0.. MSTORE, RETURN(30, 2) */
    "60006000fd",
    "33ff",
    "600160015500",
];

/// A structured program for contract `me`: calls of every kind into the other contracts,
/// itself, precompiles (with memory as input) and an empty account, with gas that is
/// sometimes too little; storage writes that earn refunds; transient storage; logs;
/// creates, CREATE2 repeated at one salt (collisions); self-destructs; reverts.
fn structured(rng: &mut Rng, me: usize, parties: &[evmbox::Address]) -> Vec<u8> {
    let mut c = Vec::new();
    let push = |c: &mut Vec<u8>, v: u64| {
        c.push(0x67); // PUSH8
        c.extend(v.to_be_bytes());
    };
    for _ in 0..1 + rng.below(12) {
        match rng.below(14) {
            0..=3 => {
                let kinds = [0xf1u8, 0xf2, 0xf4, 0xfa];
                let op = kinds[rng.below(4) as usize];
                push(&mut c, rng.below(64)); // ret length
                push(&mut c, rng.below(64)); // ret offset
                push(&mut c, rng.below(200)); // args length
                push(&mut c, rng.below(64)); // args offset
                if op == 0xf1 || op == 0xf2 {
                    push(&mut c, rng.below(3)); // value
                }
                let target = match rng.below(6) {
                    0..=2 => parties[rng.below(parties.len() as u64) as usize],
                    3 => evmbox::Address::from_low_u64(1 + rng.below(0x11)),
                    4 => evmbox::Address::from_low_u64(0x100),
                    _ => parties[me],
                };
                c.push(0x73);
                c.extend(target.0);
                if rng.below(3) == 0 {
                    push(&mut c, rng.below(40_000)); // gas: sometimes too little
                } else {
                    c.push(0x5a); // GAS
                }
                c.extend([op, 0x50]); // CALL.., POP
            }
            4 | 5 => {
                push(&mut c, [0, 1, 2, rng.next()][rng.below(4) as usize]);
                push(&mut c, rng.below(4));
                c.push(0x55); // SSTORE
            }
            6 => {
                push(&mut c, rng.below(3));
                push(&mut c, rng.below(2));
                c.extend([0x5d, 0x60, rng.below(2) as u8, 0x5c, 0x50]); // TSTORE, TLOAD POP
            }
            7 => {
                c.push(0x7f);
                c.extend(rng.bytes(32));
                push(&mut c, 32 * rng.below(4));
                c.push(0x52); // MSTORE
            }
            8 => {
                let n = rng.below(3) as u8;
                for _ in 0..n {
                    push(&mut c, rng.next());
                }
                push(&mut c, rng.below(64));
                push(&mut c, rng.below(64));
                c.push(0xa0 + n); // LOGn
            }
            9 | 10 => {
                let code = evmbox::primitives::decode_hex(INITCODES[rng.below(4) as usize])
                    .expect("initcode");
                let mut w = [0u8; 32];
                w[32 - code.len()..].copy_from_slice(&code);
                c.push(0x7f);
                c.extend(w);
                c.extend([0x60, 0, 0x52]); // MSTORE at 0
                let create2 = rng.below(2) == 0;
                if create2 {
                    push(&mut c, rng.below(2)); // salt: repeats collide
                }
                push(&mut c, code.len() as u64);
                push(&mut c, 32 - code.len() as u64);
                push(&mut c, rng.below(2)); // value
                c.extend([if create2 { 0xf5 } else { 0xf0 }, 0x50]);
            }
            11 => {
                c.push(0x73);
                c.extend(parties[rng.below(parties.len() as u64) as usize].0);
                c.push(0xff); // SELFDESTRUCT
            }
            12 => {
                push(&mut c, rng.below(40));
                push(&mut c, rng.below(40));
                c.push(0xfd); // REVERT
            }
            _ => {
                // A random opcode, fed as in `program`.
                c.extend(program(rng, 1, parties[(me + 1) % parties.len()]));
                c.truncate(c.len() - 4); // without program's closing SSTORE
            }
        }
    }
    c.extend([0x60, 0x20, 0x60, 0x00, 0xf3]); // RETURN(0, 32)
    c
}

/// How many of the compared transactions succeeded, logged, earned a refund, and left
/// distinct post-states.
#[derive(Debug, Default)]
struct Mix {
    succeeded: u64,
    logged: u64,
    refunded: u64,
    roots: std::collections::HashSet<evmbox::B256>,
}

/// Runs `n` structured transactions under `fork` in both engines and compares everything.
fn compare_full(fork: Fork, seed: u64, n: u64) -> Mix {
    let parties: Vec<_> = [0xa1u8, 0xa2, 0xa3].into_iter().map(addr).collect();
    let mut rng = Rng(seed);
    let mut mix = Mix::default();
    for i in 0..n {
        let accounts: Vec<_> = (0..parties.len())
            .map(|k| {
                (
                    parties[k],
                    evmbox::U256::from(rng.below(3) * 1000),
                    structured(&mut rng, k, &parties),
                )
            })
            .collect();
        let len = rng.below(64) as usize;
        let data = rng.bytes(len);
        let gas = [60_000u64, 300_000, 3_000_000][rng.below(3) as usize];
        let ours = common::evmbox_full(fork, &accounts, parties[0], data.clone(), gas);
        let theirs = common::revm_full(fork, &accounts, parties[0], data, gas);
        if ours != theirs {
            let code: Vec<_> = accounts
                .iter()
                .map(|(a, _, c)| format!("{a}: {}", evmbox::primitives::to_hex(c)))
                .collect();
            panic!(
                "{fork} seed {seed:#x} case {i}:\nours   {ours:?}\ntheirs {theirs:?}\n{}",
                code.join("\n")
            );
        }
        mix.succeeded += u64::from(ours.success);
        mix.logged += u64::from(!ours.logs.is_empty());
        mix.refunded += u64::from(ours.refund > 0);
        if mix.roots.len() < 100_000 {
            mix.roots.insert(ours.root);
        }
    }
    mix
}

#[test]
fn structured_transactions_match_revm_in_full() {
    // Nested calls of every kind, creates and collisions, self-destructs, refunds, transient
    // storage, logs, precompiles, reverts and out-of-gas at random depths: status, gas,
    // refund, output, logs and the post-state root must all agree.
    for (fork, seed) in [
        (Fork::Cancun, 0x1u64),
        (Fork::Prague, 0x2),
        (Fork::Osaka, 0x3),
    ] {
        let mix = compare_full(fork, seed, 1500);
        let m = (mix.succeeded, mix.logged, mix.refunded, mix.roots.len());
        assert!(
            m.0 > 150 && m.0 < 1350 && m.1 > 50 && m.2 > 20 && m.3 > 1000,
            "{fork}: {m:?}"
        );
    }
}

/// The long run: `DIFF_CASES` structured transactions per fork (default 1,000,000), with
/// `DIFF_SEED` (default 7). Run: `DIFF_CASES=1000000 cargo test --release --test
/// differential -- --ignored --nocapture long_run`.
#[test]
#[ignore]
fn long_run() {
    let n: u64 = std::env::var("DIFF_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let seed: u64 = std::env::var("DIFF_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(7);
    for fork in Fork::ALL {
        let t = std::time::Instant::now();
        let m = compare_full(fork, seed ^ (fork as u64) << 32, n);
        println!(
            "{fork}: {n} cases agree ({} succeeded, {} logged, {} refunded, {}+ distinct post-states) in {:.1} s",
            m.succeeded, m.logged, m.refunded, m.roots.len(), t.elapsed().as_secs_f64()
        );
    }
}
