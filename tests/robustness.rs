//! No panic on any input: fixture JSON mutated at random (values replaced by wrong types,
//! huge numbers, bad hex; keys removed) goes through the loader and the EVM, and every
//! outcome is a verdict or an error.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::Rng;
use evmbox::statetest::run_file;
use serde_json::{json, Value};
use std::path::Path;

fn junk(rng: &mut Rng) -> Value {
    match rng.next() % 12 {
        0 => Value::Null,
        1 => json!(-1),
        2 => json!(1.5),
        3 => json!("0x"),
        4 => json!("0xzz"),
        5 => json!(format!("0x{}", "f".repeat(80))),
        6 => json!("0x:bigint 0x1"),
        7 => json!([]),
        8 => json!({}),
        9 => json!("18446744073709551616"),
        10 => json!(format!("0x{}", "ff".repeat(1 + (rng.next() % 70) as usize))),
        _ => json!(true),
    }
}

/// Replaces or removes one randomly chosen node of the tree.
fn mutate(v: &mut Value, rng: &mut Rng, depth: usize) {
    let stop = depth > 0 && rng.next().is_multiple_of(3);
    match v {
        Value::Object(m) if !m.is_empty() && !stop => {
            let keys: Vec<String> = m.keys().cloned().collect();
            let k = &keys[(rng.next() % keys.len() as u64) as usize];
            if rng.next().is_multiple_of(8) {
                m.remove(k);
            } else if let Some(child) = m.get_mut(k) {
                mutate(child, rng, depth + 1);
            }
        }
        Value::Array(a) if !a.is_empty() && !stop => {
            let i = (rng.next() % a.len() as u64) as usize;
            mutate(&mut a[i], rng, depth + 1);
        }
        _ => *v = junk(rng),
    }
}

#[test]
fn mutated_fixtures_never_panic() {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures/state/GeneralStateTests");
    let files = [
        "stExample/add11.json",
        "stTransactionTest/ValueOverflowParis.json",
        "stCreate2/create2collisionBalance.json",
        "Cancun/stEIP1153-transientStorage/17_tstoreGas.json",
        "stEIP2930/variedContext.json",
    ];
    let mut rng = Rng(0x13198a2e03707344);
    let mut outcomes = 0;
    for f in files {
        let text = std::fs::read_to_string(dir.join(f)).unwrap_or_else(|e| panic!("{f}: {e}"));
        let original: Value = serde_json::from_str(&text).expect("fixture json");
        for _ in 0..300 {
            let mut v = original.clone();
            for _ in 0..1 + rng.next() % 3 {
                mutate(&mut v, &mut rng, 0);
            }
            let mutated = v.to_string();
            let r = std::panic::catch_unwind(|| run_file(&mutated, &Default::default()));
            assert!(r.is_ok(), "{f}: panicked on {mutated}");
            outcomes += 1;
        }
    }
    assert_eq!(outcomes, 1500);
}
