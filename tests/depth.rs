//! A contract calling itself until the 1024 call-depth limit: same gas, result and storage as
//! revm, and no native stack growth (the loop does not recurse).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{addr, evmbox_call, revm_call, self_recursive};
use evmbox::U256;

fn word(n: u64) -> Vec<u8> {
    U256::from(n).to_be_bytes::<32>().to_vec()
}

#[test]
fn recursion_to_depth_limit_matches_revm_on_a_small_native_stack() {
    let rec = addr(0xcc);
    let contracts = vec![(rec, self_recursive())];
    // Enough gas that the 63/64 rule still leaves gas at depth 1025.
    let gas = 1u64 << 46;
    let ours = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn({
            let contracts = contracts.clone();
            move || evmbox_call(&contracts, rec, word(2000), gas)
        })
        .expect("spawn")
        .join()
        .expect("no stack overflow");
    let theirs = revm_call(&contracts, rec, word(2000), gas);
    assert_eq!(ours, theirs);
    // Frames run at depths 1..=1025: calldata 2000 at depth 1 down to 976 at depth 1025.
    let deepest = ours.storage.iter().map(|(_, k, _)| *k).min();
    assert_eq!(deepest, Some(U256::from(2000 - 1024)));
    assert_eq!(ours.storage.len(), 1025);
}

#[test]
fn recursion_limited_by_gas_matches_revm() {
    let rec = addr(0xcc);
    let contracts = vec![(rec, self_recursive())];
    for gas in [100_000u64, 1_000_000, 30_000_000] {
        let ours = evmbox_call(&contracts, rec, word(5000), gas);
        let theirs = revm_call(&contracts, rec, word(5000), gas);
        assert_eq!(ours, theirs, "gas {gas}");
    }
}
