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
    assert!(matches!(
        e.step_over(&mut NoInspector, &[], None),
        Pause::Stepped
    ));
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
        e.resume(&mut NoInspector, &bp, None),
        Pause::Breakpoint(0)
    ));
    assert_eq!(e.depth(), 3);
    assert!(matches!(
        e.step_out(&mut NoInspector, &[], None),
        Pause::Stepped
    ));
    assert_eq!(e.depth(), 2);
    assert_eq!(op(&e), opcodes::POP);
    assert!(matches!(
        e.step_out(&mut NoInspector, &[], None),
        Pause::Stepped
    ));
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
        e.resume(&mut NoInspector, &bps, None),
        Pause::Breakpoint(1)
    ));
    assert_eq!(e.frames().last().unwrap().message.address, addr(0xcc));
    // Then the SSTOREs: in C, then B, then A.
    for expected in [0xcc, 0xbb, 0xaa] {
        assert!(matches!(
            e.resume(&mut NoInspector, &bps, None),
            Pause::Breakpoint(0)
        ));
        assert_eq!(e.frames().last().unwrap().message.address, addr(expected));
        e.step_into(&mut NoInspector);
    }
    assert!(
        matches!(e.resume(&mut NoInspector, &bps, None), Pause::Done(r) if r.status.is_success())
    );
    assert!(matches!(e.step_into(&mut NoInspector), Pause::Idle));

    let mut e = chain();
    let frames = [Breakpoint::FrameEnter, Breakpoint::FrameExit];
    let mut seen = Vec::new();
    loop {
        match e.resume(&mut NoInspector, &frames, None) {
            Pause::Breakpoint(i) => seen.push((i, e.depth())),
            Pause::Done(_) => break,
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(seen, vec![(0, 2), (0, 3), (1, 2), (1, 1)]);
}

/// Runs a 3-level chain plus a 2,000-iteration storage loop to the end in slices of `n`
/// opcodes; returns the result and how many slices it took.
fn sliced(n: u64) -> (evmbox::ExecutionResult, usize) {
    let looped = assemble(
        "PUSH2 2000 top: JUMPDEST DUP1 DUP1 SSTORE PUSH1 1 SWAP1 SUB DUP1 PUSH @top JUMPI STOP",
    )
    .unwrap();
    let mut e = evm(&[(addr(0xdd), looped)]);
    e.begin(&call_tx(addr(0xdd), vec![], 100_000_000)).unwrap();
    let mut slices = 0;
    loop {
        slices += 1;
        match e.run_steps(n) {
            evmbox::StepOutcome::Paused => continue,
            evmbox::StepOutcome::Done(r) => return (r, slices),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn run_steps_slices_reproduce_the_whole_run() {
    let (whole, one) = sliced(u64::MAX);
    assert_eq!(one, 1);
    for n in [1, 7, 1000] {
        let (r, slices) = sliced(n);
        assert_eq!(
            (r.status, r.gas_used, r.gas_refunded),
            (whole.status, whole.gas_used, whole.gas_refunded)
        );
        assert_eq!(format!("{:?}", r.changes), format!("{:?}", whole.changes));
        // PUSH2, then 2000 iterations of 10 opcodes, then STOP: 20,002 opcodes.
        assert_eq!(slices as u64, 20_002_u64.div_ceil(n));
    }
    // The chain through three frames, in slices of 1 and via resume with a budget.
    let mut e = chain();
    let mut steps = 0;
    while let Pause::Limit = e.resume(&mut NoInspector, &[], Some(1)) {
        steps += 1;
    }
    // A and B run 13 opcodes each (5 PUSH1, PUSH20, GAS, CALL; POP, 2 PUSH1, SSTORE, STOP),
    // C runs 4: 30 single-opcode slices, the last of which ends the transaction.
    assert_eq!(steps, 29);
}

#[test]
fn a_runaway_loop_pauses_on_its_budget_and_can_be_abandoned() {
    let spin = assemble("top: JUMPDEST PUSH @top JUMP").unwrap();
    let mut e = evm(&[(addr(0xef), spin)]);
    let before = format!(
        "{:?}",
        e.backend()
            .accounts()
            .get(&common::CALLER)
            .map(|a| a.info.balance)
    );
    e.begin(&call_tx(addr(0xef), vec![], 1 << 62)).unwrap();
    for _ in 0..10 {
        assert!(matches!(
            e.run_steps(1_000_000),
            evmbox::StepOutcome::Paused
        ));
        assert!(matches!(
            e.resume(&mut NoInspector, &[], Some(1_000_000)),
            Pause::Limit
        ));
    }
    assert_eq!(e.depth(), 1);
    e.abandon();
    assert!(!e.is_running());
    let after = format!(
        "{:?}",
        e.backend()
            .accounts()
            .get(&common::CALLER)
            .map(|a| a.info.balance)
    );
    assert_eq!(before, after, "nothing was charged");
}

#[test]
fn frame_breakpoints_see_frames_that_start_and_end_within_one_step() {
    // A calls the SHA-256 precompile, then an account without code, then stops.
    let call =
        |to: evmbox::Address| format!("PUSH0 PUSH0 PUSH0 PUSH0 PUSH0 PUSH20 {to} GAS CALL POP");
    let code = format!(
        "{} {} STOP",
        call(evmbox::Address::from_low_u64(2)),
        call(addr(0x99))
    );
    let mut e = evm(&[(addr(0xaa), assemble(&code).unwrap())]);
    e.begin(&call_tx(addr(0xaa), vec![], 1_000_000)).unwrap();
    for _ in 0..2 {
        let p = e.resume(&mut NoInspector, &[Breakpoint::FrameEnter], None);
        assert!(matches!(p, Pause::Breakpoint(0)), "{p:?}");
        assert_eq!(e.depth(), 1, "the frame already ended");
        assert_eq!(op(&e), opcodes::POP, "stopped right after the CALL");
    }
    assert!(matches!(
        e.resume(&mut NoInspector, &[Breakpoint::FrameExit], None),
        Pause::Done(_)
    ));
    let mut e = evm(&[(addr(0xaa), assemble(&code).unwrap())]);
    e.begin(&call_tx(addr(0xaa), vec![], 1_000_000)).unwrap();
    assert!(matches!(
        e.resume(&mut NoInspector, &[Breakpoint::FrameExit], None),
        Pause::Breakpoint(0)
    ));
}

#[test]
fn a_depth_breakpoint_fires_on_entry_only() {
    // A -> B -> C: depth 2 is entered once (B); C returning to B is not an entry.
    let mut e = chain();
    let bps = [Breakpoint::Depth(2)];
    assert!(matches!(
        e.resume(&mut NoInspector, &bps, None),
        Pause::Breakpoint(0)
    ));
    assert_eq!((e.depth(), e.frames()[1].message.address), (2, addr(0xbb)));
    assert!(matches!(
        e.resume(&mut NoInspector, &bps, None),
        Pause::Done(_)
    ));
}

#[test]
fn with_many_breakpoints_the_first_matching_one_wins() {
    // 1,000 breakpoints that never match, then a pc and an opcode that match the same step.
    let mut bps: Vec<Breakpoint> = (0..1000)
        .map(|i| Breakpoint::Pc {
            pc: 10_000 + i,
            address: None,
        })
        .collect();
    bps.push(Breakpoint::Opcode(opcodes::SSTORE)); // index 1000
    bps.push(Breakpoint::Pc {
        pc: 0,
        address: Some(addr(0x01)),
    }); // never: wrong address
    let mut e = chain();
    let p = e.resume(&mut NoInspector, &bps, None);
    assert!(matches!(p, Pause::Breakpoint(1000)), "{p:?}");
    assert_eq!((e.depth(), op(&e)), (3, opcodes::SSTORE), "C stores first");
    // Put the same opcode earlier in the list: the earlier index is reported.
    bps.insert(3, Breakpoint::Opcode(opcodes::SSTORE));
    let p = e.resume(&mut NoInspector, &bps, Some(1));
    assert!(matches!(p, Pause::Limit), "{p:?}");
    let p = e.resume(&mut NoInspector, &bps, None);
    assert!(matches!(p, Pause::Breakpoint(3)), "{p:?}");
    assert_eq!((e.depth(), op(&e)), (2, opcodes::SSTORE));
}

/// What a paused execution looks like: per frame, its depth, pc, gas and stack.
fn state_of(e: &evmbox::Evm) -> Vec<(usize, usize, u64, Vec<evmbox::U256>)> {
    e.frames()
        .iter()
        .enumerate()
        .map(|(i, f)| (i + 1, f.pc, f.gas, f.stack.as_slice().to_vec()))
        .collect()
}

#[test]
fn stepping_back_by_replay_reaches_every_earlier_state_exactly() {
    let mut e = chain();
    let tx = call_tx(addr(0xaa), vec![], 1_000_000);
    // Record the state after each step, forward, one opcode at a time.
    let mut seen = vec![state_of(&e)];
    loop {
        match e.step_into(&mut NoInspector) {
            Pause::Stepped => seen.push(state_of(&e)),
            Pause::Done(_) => break,
            p => panic!("{p:?}"),
        }
    }
    let total = e.steps_taken();
    assert_eq!(
        total as usize,
        seen.len(),
        "every opcode counted, the last one ended it"
    );
    // The transaction committed: put the world back as before it, then replay to each point.
    let mut fresh = chain();
    fresh.abandon();
    for k in (0..seen.len()).rev() {
        let p = fresh.replay(&tx, evmbox::Mode::Transact, &mut NoInspector, k as u64);
        assert!(matches!(p, Ok(Pause::Stepped)), "step {k}: {p:?}");
        assert_eq!(fresh.steps_taken(), k as u64);
        assert_eq!(state_of(&fresh), seen[k], "state after {k} steps");
    }
    // Replaying every step runs to the same end.
    let p = fresh.replay(&tx, evmbox::Mode::Transact, &mut NoInspector, total);
    assert!(matches!(p, Ok(Pause::Done(r)) if r.status.is_success()));
}
