//! The world as a test suite drives it: snapshots and reverts, partial account updates, the
//! alloc (geth genesis) format, `eth_call` semantics, gas estimation, EIP-55 and the
//! `callTracer` export, including frames refused at entry.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{addr, call_tx, evm, CALLER};
use evmbox::asm::assemble;
use evmbox::calltree::{call_tracer_json, revert_reason, std_clock, CallTree};
use evmbox::{Address, Evm, InMemoryDb, SnapshotError, Status, U256};

fn dump(e: &Evm) -> String {
    e.backend().to_alloc().to_string()
}

#[test]
fn revert_restores_world_and_block_and_uses_up_later_snapshots() {
    let counter = assemble("PUSH1 0 SLOAD PUSH1 1 ADD PUSH1 0 SSTORE STOP").unwrap();
    let c = addr(0xcc);
    let mut e = evm(&[(c, counter)]);
    let start = dump(&e);
    let s0 = e.snapshot().unwrap();
    e.transact(&call_tx(c, vec![], 100_000)).unwrap();
    let after_one = dump(&e);
    let s1 = e.snapshot().unwrap();
    e.env.block.number = 99;
    let mut tx = call_tx(c, vec![], 100_000);
    tx.nonce = 1;
    e.transact(&tx).unwrap();
    e.backend_mut().set_balance(addr(0x77), U256::from(5));
    e.backend_mut().remove_account(&c);
    e.revert(s1).unwrap();
    assert_eq!(dump(&e), after_one);
    assert_eq!(e.env.block.number, common::block().number);
    assert_eq!(e.revert(s1), Err(SnapshotError::Unknown(s1)), "used up");
    e.revert(s0).unwrap();
    assert_eq!(dump(&e), start);
    // Without snapshots nothing is recorded, and reverting an unknown id changes nothing.
    e.transact(&call_tx(c, vec![], 100_000)).unwrap();
    let now = dump(&e);
    assert!(e.revert(s0).is_err());
    assert_eq!(dump(&e), now);
}

#[test]
fn a_released_snapshot_keeps_its_changes_and_earlier_ones_still_revert() {
    let mut e = evm(&[]);
    let start = dump(&e);
    let outer = e.snapshot().unwrap();
    let inner = e.snapshot().unwrap();
    e.backend_mut().set_nonce(addr(1), 7);
    e.release(inner).unwrap();
    assert_eq!(e.backend().get(&addr(1)).unwrap().info.nonce, 7);
    e.revert(outer).unwrap();
    assert_eq!(dump(&e), start);
}

#[test]
fn setters_change_one_thing() {
    let mut db = InMemoryDb::new();
    let a = addr(0xaa);
    db.insert_account(
        a,
        U256::from(9),
        3,
        &[0x00],
        [(U256::from(1), U256::from(2))].into(),
    );
    db.set_balance(a, U256::from(10));
    db.set_nonce(a, 4);
    db.set_storage(a, U256::from(5), U256::from(6));
    db.set_storage(a, U256::from(1), U256::ZERO);
    let acc = db.get(&a).unwrap();
    assert_eq!((acc.info.balance, acc.info.nonce), (U256::from(10), 4));
    assert_eq!(acc.info.code.bytes(), &[0x00]);
    assert_eq!(acc.storage.len(), 1);
    assert_eq!(acc.storage[&U256::from(5)], U256::from(6));
}

#[test]
fn alloc_round_trips_and_rejects_bad_input_whole() {
    let json = serde_json::json!({
        "0x00000000000000000000000000000000000000aa": {
            "balance": "0x10", "nonce": "0x2", "code": "0x6001",
            "storage": { "0x01": "0x02" }
        },
        "0x00000000000000000000000000000000000000bb": { "balance": "100" }
    });
    let mut db = InMemoryDb::new();
    assert_eq!(db.load_alloc(&json), Ok(2));
    let out = db.to_alloc();
    assert_eq!(
        out["0x00000000000000000000000000000000000000AA"]["nonce"],
        "0x2"
    );
    assert_eq!(
        out["0x00000000000000000000000000000000000000AA"]["storage"]
            ["0x0000000000000000000000000000000000000000000000000000000000000001"],
        "0x0000000000000000000000000000000000000000000000000000000000000002"
    );
    assert_eq!(
        out["0x00000000000000000000000000000000000000bb"]["balance"],
        "0x64"
    );
    let mut again = InMemoryDb::new();
    again.load_alloc(&out).unwrap();
    assert_eq!(again.to_alloc(), out);
    // One bad account: nothing is loaded, and the error names it.
    let bad = serde_json::json!({
        "0x00000000000000000000000000000000000000cc": { "balance": "1" },
        "0x00000000000000000000000000000000000000dd": { "balance": "0x1", "nonse": "0x1" }
    });
    let err = again.load_alloc(&bad).unwrap_err();
    assert!(err.contains("0x00000000000000000000000000000000000000dd") && err.contains("nonse"));
    assert_eq!(again.to_alloc(), out);
}

#[test]
fn a_call_commits_nothing_and_skips_nonce_and_fee_checks() {
    let counter = assemble(
        "PUSH1 0 SLOAD PUSH1 1 ADD DUP1 PUSH1 0 SSTORE PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN",
    )
    .unwrap();
    let c = addr(0xcc);
    let mut e = evm(&[(c, counter)]);
    e.env.block.base_fee = U256::from(1_000_000_000u64);
    let before = dump(&e);
    let mut tx = call_tx(c, vec![], 100_000);
    tx.nonce = 42; // wrong, ignored by a call
    tx.gas_price = U256::ZERO; // below the base fee: a call offering no fee runs at price 0
    let r = e.call(&tx).unwrap();
    assert_eq!(r.status, Status::Success);
    assert_eq!(r.output[31], 1);
    assert!(!r.changes.is_empty(), "the changes are reported");
    assert_eq!(dump(&e), before, "but not committed");
    // The same transaction is invalid as a transaction.
    assert!(e.transact(&tx).is_err());
}

#[test]
fn estimate_is_the_lowest_limit_that_succeeds() {
    // Succeeds only if at least 50,000 gas is left when GAS runs; writes a slot first
    // (the refund-free SSTORE makes gas used differ from the limit needed).
    let code = assemble(
        "PUSH1 1 PUSH1 0 SSTORE GAS PUSH3 0x00c350 GT PUSH @fail JUMPI STOP fail: JUMPDEST INVALID",
    )
    .unwrap();
    let c = addr(0xcc);
    let mut e = evm(&[(c, code)]);
    let before = dump(&e);
    let tx = call_tx(c, vec![], 1_000_000);
    let est = e.estimate_gas(&tx).unwrap();
    let run = |e: &mut Evm, g: u64| {
        let mut t = tx.clone();
        t.gas_limit = g;
        e.call(&t).unwrap().status
    };
    assert_eq!(run(&mut e, est), Status::Success);
    assert_ne!(run(&mut e, est - 1), Status::Success);
    assert!(est > 50_000 + 21_000);
    assert_eq!(dump(&e), before);
    // Always failing: the error carries the result.
    let r = evm(&[(c, assemble("INVALID").unwrap())]).estimate_gas(&tx);
    assert!(matches!(r, Err(evmbox::EstimateError::Failed(x)) if !x.status.is_success()));
}

#[test]
fn eip55_checksums() {
    // The examples of EIP-55.
    for s in [
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
        "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
    ] {
        let a = Address::parse_checked(s).unwrap();
        assert_eq!(a.to_checksum(), s);
        assert!(Address::parse_checked(&s.to_lowercase().replace("0X", "0x")).is_ok());
    }
    let wrong = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD";
    assert!(Address::parse_checked(wrong)
        .unwrap_err()
        .contains("checksum"));
    assert!(Address::parse_checked("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed").is_err());
    // Spellings are cached; past the cache's size it starts over, with the same answers.
    let first = Address::parse_checked(wrong.to_lowercase().as_str()).unwrap();
    let spelt = first.to_checksum();
    for i in 0..5000u32 {
        let mut a = [0u8; 20];
        a[..4].copy_from_slice(&i.to_be_bytes());
        let s = Address(a).to_checksum();
        assert_eq!(Address::parse_checked(&s).unwrap(), Address(a));
    }
    assert_eq!(first.to_checksum(), spelt);
    assert_eq!(spelt, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
}

#[test]
fn call_tracer_shape_delegatecall_parties_and_a_refused_create2() {
    let (a, lib) = (addr(0xaa), addr(0x11));
    // A: DELEGATECALL lib, then CREATE2 twice with the same salt and initcode (the second
    // collides), then REVERT with Error("no").
    let a_code = assemble(&format!(
        "PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH20 {lib} GAS DELEGATECALL POP
         PUSH1 0x00 PUSH1 0 MSTORE8
         PUSH1 7 PUSH1 1 PUSH1 0 PUSH1 0 CREATE2 POP
         PUSH1 7 PUSH1 1 PUSH1 0 PUSH1 0 CREATE2 POP
         STOP"
    ))
    .unwrap();
    let lib_code = assemble("PUSH1 1 PUSH1 0 SSTORE STOP").unwrap();
    let mut e = evm(&[(a, a_code), (lib, lib_code)]);
    let mut tree = CallTree::new(std_clock());
    let tx = call_tx(a, vec![], 1_000_000);
    let r = e.transact_with(&tx, &mut tree).unwrap();
    assert!(r.status.is_success());
    let n = &tree.nodes;
    assert_eq!(n.len(), 4);
    // DELEGATECALL: from is the executing contract, to the code's account.
    assert_eq!((n[1].from, n[1].to, n[1].parent), (a, lib, Some(0)));
    // The colliding CREATE2 is a frame, halted, with all its gas used.
    assert_eq!(
        n[3].status,
        Some(Status::Halt(evmbox::Halt::CreateCollision))
    );
    assert_eq!(n[3].gas_used, n[3].gas);
    assert_eq!(n[2].to, n[3].to);
    let j = call_tracer_json(n, tx.gas_limit, r.gas_used).unwrap();
    assert_eq!(j["type"], "CALL");
    assert_eq!(j["from"], CALLER.to_checksum());
    assert_eq!(j["gas"], format!("{:#x}", tx.gas_limit));
    assert_eq!(j["gasUsed"], format!("{:#x}", r.gas_used));
    let calls = j["calls"].as_array().unwrap();
    assert_eq!(calls.len(), 3);
    assert_eq!(calls[0]["type"], "DELEGATECALL");
    assert_eq!(calls[0]["to"], lib.to_checksum());
    assert_eq!(calls[2]["type"], "CREATE2");
    assert_eq!(calls[2]["error"], "contract address collision");
    assert!(calls[2].get("to").is_none(), "a failed create has no to");
}

#[test]
fn refused_calls_are_frames_that_return_their_gas() {
    // A sends 1 wei it does not have: the CALL is refused, its gas comes back.
    let a = addr(0xaa);
    let code =
        assemble("PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 1 PUSH1 0xbb PUSH2 0x1000 CALL STOP")
            .unwrap();
    let mut e = evm(&[(a, code)]);
    let mut tree = CallTree::new(std_clock());
    e.transact_with(&call_tx(a, vec![], 100_000), &mut tree)
        .unwrap();
    let n = &tree.nodes[1];
    assert_eq!(
        n.status,
        Some(Status::Halt(evmbox::Halt::InsufficientBalance))
    );
    assert_eq!((n.gas, n.gas_used), (0x1000 + 2300, 0));
    assert_eq!(n.error().unwrap(), "insufficient balance for transfer");
}

#[test]
fn revert_reasons_decode_like_geth() {
    let mut data = vec![0x08, 0xc3, 0x79, 0xa0];
    data.extend_from_slice(&U256::from(32).to_be_bytes::<32>());
    data.extend_from_slice(&U256::from(2).to_be_bytes::<32>());
    data.extend_from_slice(b"no");
    data.extend_from_slice(&[0; 30]);
    assert_eq!(revert_reason(&data).unwrap(), "no");
    let mut panic = vec![0x4e, 0x48, 0x7b, 0x71];
    panic.extend_from_slice(&U256::from(0x11).to_be_bytes::<32>());
    assert_eq!(
        revert_reason(&panic).unwrap(),
        "arithmetic underflow or overflow"
    );
    assert_eq!(revert_reason(&[1, 2, 3]), None);
    assert_eq!(revert_reason(&data[..40]), None, "truncated");
}
