//! Step into, over and out of nested calls, and breakpoints by pc, opcode, depth and frame.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{addr, call_tx, evm};
use evmbox::asm::assemble;
use evmbox::debug::{Breakpoint, Pause};
use evmbox::opcodes;
use evmbox::NoInspector;

/// A calls B, B calls C; each stores a marker and returns.
fn chain() -> evmbox::Evm {
    let (a, b, c) = (addr(0xaa), addr(0xbb), addr(0xcc));
    let call = |to: evmbox::Address| {
        format!("PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH20 {to} GAS CALL POP")
    };
    let a_code = assemble(&format!("{} PUSH1 1 PUSH1 0 SSTORE STOP", call(b))).unwrap();
    let b_code = assemble(&format!("{} PUSH1 2 PUSH1 0 SSTORE STOP", call(c))).unwrap();
    let c_code = assemble("PUSH1 3 PUSH1 0 SSTORE STOP").unwrap();
    let mut e = evm(&[(a, a_code), (b, b_code), (c, c_code)]);
    e.begin(&call_tx(a, vec![], 1_000_000)).unwrap();
    e
}

fn op(e: &evmbox::Evm) -> u8 {
    e.frames().last().map(|f| f.current_opcode()).unwrap_or(0)
}

#[test]
fn step_into_enters_nested_frames() {
    let mut e = chain();
    // Seven opcodes up to and including CALL, then we are at B's first opcode.
    for _ in 0..7 {
        assert!(matches!(e.step_into(&mut NoInspector), Pause::Stepped));
    }
    assert_eq!(op(&e), opcodes::CALL);
    e.step_into(&mut NoInspector);
    assert_eq!(e.depth(), 2);
    assert_eq!(e.frames()[1].message.address, addr(0xbb));
    assert_eq!(e.frames()[1].pc, 0);
}

#[test]
fn step_over_runs_the_whole_call() {
    let mut e = chain();
    for _ in 0..7 {
        e.step_into(&mut NoInspector);
    }
    assert!(matches!(e.step_over(&mut NoInspector, &[]), Pause::Stepped));
    assert_eq!(e.depth(), 1);
    assert_eq!(op(&e), opcodes::POP);
    // The call succeeded: 1 on the stack.
    assert_eq!(e.frames()[0].stack.peek(0), evmbox::U256::from(1));
}

#[test]
fn step_out_returns_to_the_caller() {
    let mut e = chain();
    let bp = [Breakpoint::Depth(3)];
    assert!(matches!(
        e.resume(&mut NoInspector, &bp),
        Pause::Breakpoint(0)
    ));
    assert_eq!(e.depth(), 3);
    assert!(matches!(e.step_out(&mut NoInspector, &[]), Pause::Stepped));
    assert_eq!(e.depth(), 2);
    assert_eq!(op(&e), opcodes::POP);
    assert!(matches!(e.step_out(&mut NoInspector, &[]), Pause::Stepped));
    assert_eq!(e.depth(), 1);
}

#[test]
fn breakpoints_by_pc_opcode_and_frame() {
    let mut e = chain();
    let bps = [
        Breakpoint::Opcode(opcodes::SSTORE),
        Breakpoint::Pc {
            pc: 0,
            address: Some(addr(0xcc)),
        },
    ];
    // C's first opcode comes before any SSTORE.
    assert!(matches!(
        e.resume(&mut NoInspector, &bps),
        Pause::Breakpoint(1)
    ));
    assert_eq!(e.frames().last().unwrap().message.address, addr(0xcc));
    // Then the SSTOREs: in C, then B, then A.
    for expected in [0xcc, 0xbb, 0xaa] {
        assert!(matches!(
            e.resume(&mut NoInspector, &bps),
            Pause::Breakpoint(0)
        ));
        assert_eq!(e.frames().last().unwrap().message.address, addr(expected));
        e.step_into(&mut NoInspector);
    }
    assert!(matches!(e.resume(&mut NoInspector, &bps), Pause::Done(r) if r.status.is_success()));
    assert!(matches!(e.step_into(&mut NoInspector), Pause::Idle));

    let mut e = chain();
    let frames = [Breakpoint::FrameEnter, Breakpoint::FrameExit];
    let mut seen = Vec::new();
    loop {
        match e.resume(&mut NoInspector, &frames) {
            Pause::Breakpoint(i) => seen.push((i, e.depth())),
            Pause::Done(_) => break,
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(seen, vec![(0, 2), (0, 3), (1, 2), (1, 1)]);
}
