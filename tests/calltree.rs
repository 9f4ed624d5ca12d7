//! The call tree of a 3-level chain with a CREATE2 and a revert in the middle.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{addr, call_tx, evm};
use evmbox::asm::assemble;
use evmbox::calltree::{std_clock, CallTree};
use evmbox::{CallKind, Status};

#[test]
fn three_levels_with_create2_and_a_revert() {
    let (a, b) = (addr(0xaa), addr(0xbb));
    // B: CREATE2 a contract whose initcode returns the 1-byte code 0x00, then REVERT.
    let b_code = assemble(
        "PUSH10 0x600060005360016000f3 PUSH1 0 MSTORE
         PUSH1 1 PUSH1 10 PUSH1 22 PUSH1 0 CREATE2
         PUSH1 0 PUSH1 0 REVERT",
    )
    .unwrap();
    let a_code = assemble(&format!(
        "PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH20 {b} GAS CALL PUSH1 0 SSTORE STOP"
    ))
    .unwrap();
    let mut e = evm(&[(a, a_code), (b, b_code)]);
    let mut tree = CallTree::new(std_clock());
    let r = e
        .transact_with(&call_tx(a, vec![], 1_000_000), &mut tree)
        .unwrap();
    assert!(r.status.is_success());
    let n = &tree.nodes;
    assert_eq!(n.len(), 3);
    assert_eq!(
        (n[0].kind, n[0].depth, n[0].status),
        (CallKind::Call, 1, Some(Status::Success))
    );
    assert_eq!(
        (n[1].kind, n[1].depth, n[1].status),
        (CallKind::Call, 2, Some(Status::Revert))
    );
    assert_eq!(
        (n[2].kind, n[2].depth, n[2].status),
        (CallKind::Create2, 3, Some(Status::Success))
    );
    assert_eq!(n[0].children, vec![1]);
    assert_eq!(n[1].children, vec![2]);
    assert_eq!((n[1].from, n[1].to), (a, b));
    assert_eq!(n[2].from, b);
    // The created frame: 10 bytes of initcode, 1 byte of code returned, 6 opcodes run.
    assert_eq!(
        (n[2].input.len(), n[2].output.len(), n[2].opcodes),
        (10, 1, 6)
    );
    // A: six pushes, GAS, CALL, PUSH1, SSTORE, STOP.
    assert_eq!(n[0].opcodes, 11);
    // Gas: each child used no more than it was given; times nest.
    for x in n {
        assert!(x.gas_used <= x.gas);
        assert!(x.time_self_ms <= x.time_total_ms);
    }
    assert!(n[0].time_total_ms >= n[1].time_total_ms);
    // The reverted frame's CREATE2 left no contract behind.
    assert_eq!(e.backend().accounts().len(), 3);
}
