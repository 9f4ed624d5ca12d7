//! Heap use per workload (`cargo run --release --example memory_peak`): for each transaction,
//! run in a fresh instance, the heap it held at its peak beyond what the instance held before
//! it, and what it still holds after (the frame pool and caches). Measured by a counting
//! allocator; in wasm the linear memory grows to hold the same heap (in 64 KiB pages, and
//! never shrinks). Under Cancun, without a transaction gas cap.

#[path = "../tests/common/mod.rs"]
mod common;

use evmbox::{Address, U256};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// The system allocator, counting the bytes held now and at the peak.
struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn held(delta: isize) {
    let now = (NOW.load(Relaxed) as isize + delta) as usize;
    NOW.store(now, Relaxed);
    PEAK.fetch_max(now, Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        held(l.size() as isize);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        held(-(l.size() as isize));
        unsafe { System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 {
        held(n as isize - l.size() as isize);
        unsafe { System.realloc(p, l, n) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// A name, the accounts' code (the first is called), and the calldata.
type Workload = (&'static str, Vec<(Address, Vec<u8>)>, Vec<u8>);

fn main() {
    let (a, b) = (Address([0xaa; 20]), Address([0xbb; 20]));
    let snail = common::evmone_hex(&common::bench_fixture("revm/snailtracer.hex"));
    let recursive = common::self_recursive_no_storage();
    let workloads: Vec<Workload> = vec![
        (
            "snailtracer",
            vec![(a, snail)],
            vec![0x30, 0x62, 0x7b, 0x7c],
        ),
        (
            "1,000 CALLs",
            vec![(a, common::call_loop(1000, b)), (b, vec![0])],
            vec![],
        ),
        (
            "100 x 10-deep chains",
            vec![(a, common::nested_loop(100, 9, b)), (b, recursive.clone())],
            vec![],
        ),
        (
            "recursion to depth 1024",
            vec![(a, recursive)],
            U256::from(1023).to_be_bytes::<32>().to_vec(),
        ),
    ];
    println!("workload | peak during the transaction | held after it");
    for (name, contracts, data) in workloads {
        let mut evm = common::evm(&contracts);
        let tx = common::call_tx(a, data, 1 << 40);
        let before = NOW.load(Relaxed);
        PEAK.store(before, Relaxed);
        let r = evm.transact(&tx).expect("a valid transaction");
        assert!(r.status.is_success(), "{name}: {:?}", r.status);
        let (peak, after) = (
            PEAK.load(Relaxed) - before,
            NOW.load(Relaxed) as isize - before as isize,
        );
        println!("{name} | {} KiB | {} KiB", peak / 1024, after / 1024);
    }
}
