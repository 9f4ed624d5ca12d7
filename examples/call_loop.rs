//! A native driver for instruction counts (`valgrind --tool=callgrind`), deterministic where
//! wall time moves with code layout: 200 transactions of 1,000 CALLs to a STOP contract
//! (`loop`), or of 100 ten-deep self-recursive chains (`nested`), or one snailtracer run
//! (`snail`, the per-opcode path; the fixture from `../shared`), under Cancun.
//!
//! `cargo build --release --example call_loop && valgrind --tool=callgrind
//! target/release/examples/call_loop loop`

use evmbox::{asm, Address, BlockEnv, Evm, Fork, InMemoryDb, Transaction, U256};
use std::collections::HashMap;

fn main() {
    let mode = std::env::args().nth(1).unwrap_or_default();
    let nested = mode == "nested";
    let (a, b, sender) = (
        Address([0xaa; 20]),
        Address([0xbb; 20]),
        Address([0xca; 20]),
    );
    let recursive = asm::assemble(
        "PUSH1 0 CALLDATALOAD DUP1 ISZERO PUSH @end JUMPI PUSH1 1 SWAP1 SUB PUSH1 0 MSTORE \
         PUSH1 0 PUSH1 0 PUSH1 32 PUSH1 0 PUSH1 0 ADDRESS GAS CALL POP end: JUMPDEST STOP",
    )
    .expect("assembles");
    let (n, args) = match nested {
        true => (
            100,
            "PUSH1 9 PUSH1 0 MSTORE PUSH1 0 PUSH1 0 PUSH1 32 PUSH1 0 PUSH1 0",
        ),
        false => (1000, "PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0"),
    };
    let top = asm::assemble(&format!(
        "PUSH2 {n} top: JUMPDEST {args} PUSH20 {b} GAS CALL POP \
         PUSH1 1 SWAP1 SUB DUP1 PUSH @top JUMPI POP STOP"
    ))
    .expect("assembles");
    let snail = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/fixtures/bench/revm/snailtracer.hex"
    );
    let callee = match mode.as_str() {
        "nested" => recursive,
        "snail" => {
            let hex = std::fs::read_to_string(snail).expect("the snailtracer fixture");
            evmbox::primitives::decode_hex(hex.trim()).expect("hex")
        }
        _ => vec![0],
    };
    let mut db = InMemoryDb::new();
    db.insert_account(
        sender,
        U256::from(10u64).pow(U256::from(30)),
        0,
        &[],
        HashMap::new(),
    );
    db.insert_account(a, U256::ZERO, 1, &top, HashMap::new());
    db.insert_account(b, U256::ZERO, 1, &callee, HashMap::new());
    let block = BlockEnv {
        gas_limit: u64::MAX / 2,
        ..BlockEnv::default()
    };
    let mut evm = Evm::new(db, block).with_rules(Fork::Cancun.rules());
    let mut tx = Transaction {
        caller: sender,
        to: Some(a),
        gas_limit: 100_000_000,
        ..Transaction::default()
    };
    if mode == "snail" {
        tx.to = Some(b);
        tx.gas_limit = 1_000_000_000;
        tx.data = vec![0x30, 0x62, 0x7b, 0x7c];
        let r = evm.transact(&tx).expect("a valid transaction");
        assert!(r.status.is_success());
        return;
    }
    for nonce in 0..200 {
        tx.nonce = nonce;
        let r = evm.transact(&tx).expect("a valid transaction");
        assert!(r.status.is_success());
    }
}
