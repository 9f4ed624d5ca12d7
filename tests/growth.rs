//! An instance does not grow without bound: code from reverted deployments leaves the code
//! cache, and a frame that grew its memory large gives it back when it ends.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{addr, call_tx, evm, Rng};
use evmbox::asm::assemble;
use evmbox::memory::RETAINED_CAPACITY;

#[test]
fn reverted_deployments_leave_no_code_behind() {
    // The factory CREATEs the contract whose initcode is its calldata, then reverts.
    let factory = assemble(
        "CALLDATASIZE PUSH0 PUSH0 CALLDATACOPY CALLDATASIZE PUSH0 PUSH0 CREATE POP PUSH0 PUSH0 REVERT",
    )
    .unwrap();
    let mut e = evm(&[(addr(0xfa), factory)]);
    let mut rng = Rng(7);
    for nonce in 0..200 {
        // Each initcode returns 32 different bytes of runtime code.
        let word = format!("0x{}", evmbox::primitives::encode_hex(&rng.bytes(32)));
        let init = assemble(&format!("PUSH32 {word} PUSH0 MSTORE PUSH1 32 PUSH0 RETURN")).unwrap();
        let mut tx = call_tx(addr(0xfa), init, 1_000_000);
        tx.nonce = nonce;
        let r = e.transact(&tx).unwrap();
        assert_eq!(r.status, evmbox::Status::Revert);
    }
    assert_eq!(e.cached_codes(), 0, "200 deployments were reverted");
    // A deployment that stays keeps its code, shared by the account.
    let keep =
        assemble("CALLDATASIZE PUSH0 PUSH0 CALLDATACOPY CALLDATASIZE PUSH0 PUSH0 CREATE STOP")
            .unwrap();
    let mut e = evm(&[(addr(0xfb), keep)]);
    let init = assemble("PUSH1 0x2a PUSH0 MSTORE PUSH1 32 PUSH0 RETURN").unwrap();
    assert!(e
        .transact(&call_tx(addr(0xfb), init, 1_000_000))
        .unwrap()
        .status
        .is_success());
    assert_eq!(e.cached_codes(), 1);
}

#[test]
fn frames_give_large_memory_back() {
    // A calls B five times; each time B touches the word at 16 MiB and returns.
    let b = assemble("PUSH1 1 PUSH4 0x00ffffe0 MSTORE STOP").unwrap();
    let a = assemble(&format!(
        "PUSH1 5 top: JUMPDEST PUSH0 PUSH0 PUSH0 PUSH0 PUSH0 PUSH20 {} GAS CALL POP
         PUSH1 1 SWAP1 SUB DUP1 PUSH @top JUMPI STOP",
        addr(0xbb)
    ))
    .unwrap();
    let mut e = evm(&[(addr(0xaa), a), (addr(0xbb), b)]);
    let r = e.transact(&call_tx(addr(0xaa), vec![], 1 << 40)).unwrap();
    assert!(r.status.is_success(), "{:?}", r.status);
    assert!(
        r.gas_used > 5 * 500_000_000,
        "B really grew its memory: {}",
        r.gas_used
    );
    let held = e.pool().memory_held();
    assert!(
        held <= 2 * RETAINED_CAPACITY,
        "pool holds {held} bytes after the run"
    );
}
