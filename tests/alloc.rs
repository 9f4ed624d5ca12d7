//! After warm-up, a nested call allocates nothing: the frame pool reuses each depth's stack,
//! memory and buffers. Counted with a counting global allocator.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{addr, call_loop, call_tx, evm, nested_loop, self_recursive};
use evmbox::StepOutcome;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// Counts allocations made by the current thread (tests run in parallel threads).
struct Counting;

thread_local! {
    static ALLOCS: Cell<usize> = const { Cell::new(0) };
}

fn count() {
    let _ = ALLOCS.try_with(|c| c.set(c.get() + 1));
}

fn allocs() -> usize {
    ALLOCS.with(|c| c.get())
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        count();
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 {
        count();
        unsafe { System.realloc(p, l, n) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations made while running (not validating) a call into `entry`.
fn allocations_during_run(
    contracts: &[(evmbox::Address, Vec<u8>)],
    entry: evmbox::Address,
) -> usize {
    let mut e = evm(contracts);
    e.begin(&call_tx(entry, vec![], 1 << 40)).expect("valid tx");
    let before = allocs();
    let mut out = e.run();
    let after = allocs();
    match &mut out {
        StepOutcome::Done(r) => assert!(r.status.is_success(), "{:?}", r.status),
        other => panic!("unexpected outcome {other:?}"),
    }
    after - before
}

#[test]
fn flat_calls_allocate_nothing_after_warm_up() {
    let callee = addr(0xbb);
    let run = |n: u16| {
        let caller = addr(0xaa);
        allocations_during_run(
            &[(caller, call_loop(n, callee)), (callee, vec![0x00])],
            caller,
        )
    };
    let small = run(10);
    let large = run(5000);
    println!("allocations during run: {small} with 10 calls, {large} with 5000 calls");
    assert_eq!(
        small, large,
        "5000 calls allocated {large} times, 10 calls {small}: calls must not allocate"
    );
}

#[test]
fn nested_calls_allocate_nothing_after_warm_up() {
    let rec = addr(0xcc);
    let driver = addr(0xdd);
    let run = |n: u16| {
        allocations_during_run(
            &[(driver, nested_loop(n, 20, rec)), (rec, self_recursive())],
            driver,
        )
    };
    // 5 × 21 frames versus 500 × 21 frames: the same allocations (warm-up of 22 frames and
    // the 20 storage slots written once).
    let small = run(5);
    let large = run(500);
    println!("allocations during run: {small} with 105 frames, {large} with 10500 frames");
    assert_eq!(
        small, large,
        "10500 nested frames allocated {large} times, 105 frames {small}"
    );
}

#[test]
fn pool_grows_only_to_the_depth_reached() {
    let rec = addr(0xcc);
    let driver = addr(0xdd);
    let mut e = evm(&[(driver, nested_loop(3, 7, rec)), (rec, self_recursive())]);
    let r = e
        .transact(&call_tx(driver, vec![], 1 << 30))
        .expect("valid");
    assert!(r.status.is_success());
    // driver (1) + recursion depths 7..=0 (8 frames).
    assert_eq!(e.pool().created(), 9);
}
