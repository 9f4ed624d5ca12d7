//! Heap use per workload (`cargo run --release --example memory_peak`): for each transaction,
//! run in a fresh instance, the heap it held at its peak beyond what the instance held before
//! it, and what it still holds after (the frame pool and caches). Measured by a counting
//! allocator; in wasm the linear memory grows to hold the same heap (in 64 KiB pages, and
//! never shrinks). Under Cancun, without a transaction gas cap.

use evmbox::{asm, Address, BlockEnv, Evm, Fork, InMemoryDb, Transaction, U256};
use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::HashMap;
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

/// A name, the called contract's code, the code of the account it calls, and the calldata.
type Workload = (&'static str, Vec<u8>, Vec<u8>, Vec<u8>);

fn main() {
    let (a, b, sender) = (
        Address([0xaa; 20]),
        Address([0xbb; 20]),
        Address([0xca; 20]),
    );
    let asm = |s: &str| asm::assemble(s).expect("assembles");
    let recursive = asm(
        "PUSH1 0 CALLDATALOAD DUP1 ISZERO PUSH @end JUMPI PUSH1 1 SWAP1 SUB PUSH1 0 MSTORE \
         PUSH1 0 PUSH1 0 PUSH1 32 PUSH1 0 PUSH1 0 ADDRESS GAS CALL POP end: JUMPDEST STOP",
    );
    let call_loop = |n: u32, args: &str| {
        asm(&format!(
            "PUSH2 {n} top: JUMPDEST {args} PUSH20 {b} GAS CALL POP \
             PUSH1 1 SWAP1 SUB DUP1 PUSH @top JUMPI POP STOP"
        ))
    };
    let snail = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/fixtures/bench/revm/snailtracer.hex"
    ))
    .expect("the snailtracer fixture");
    let word = |n: u64| U256::from(n).to_be_bytes::<32>().to_vec();
    let workloads: Vec<Workload> = vec![
        (
            "snailtracer",
            evmbox::primitives::decode_hex(snail.trim()).expect("hex"),
            vec![],
            vec![0x30, 0x62, 0x7b, 0x7c],
        ),
        (
            "1,000 CALLs",
            call_loop(1000, "PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0"),
            vec![0],
            vec![],
        ),
        (
            "100 x 10-deep chains",
            call_loop(
                100,
                "PUSH1 9 PUSH1 0 MSTORE PUSH1 0 PUSH1 0 PUSH1 32 PUSH1 0 PUSH1 0",
            ),
            recursive.clone(),
            vec![],
        ),
        (
            "recursion to depth 1024",
            recursive.clone(),
            vec![],
            word(1023),
        ),
    ];
    println!("workload | peak during the transaction | held after it");
    for (name, top, callee, data) in workloads {
        let mut db = InMemoryDb::new();
        let rich = U256::from(10u64).pow(U256::from(30));
        db.insert_account(sender, rich, 0, &[], HashMap::new());
        db.insert_account(a, U256::ZERO, 1, &top, HashMap::new());
        db.insert_account(b, U256::ZERO, 1, &callee, HashMap::new());
        let block = BlockEnv {
            gas_limit: u64::MAX / 2,
            ..BlockEnv::default()
        };
        let mut evm = Evm::new(db, block).with_rules(Fork::Cancun.rules());
        let tx = Transaction {
            caller: sender,
            to: Some(a),
            data,
            gas_limit: 1 << 40,
            ..Transaction::default()
        };
        let before = NOW.load(Relaxed);
        PEAK.store(before, Relaxed);
        let r = evm.transact(&tx).expect("a valid transaction");
        assert!(r.status.is_success(), "{name}: {:?}", r.status);
        let (peak, after) = (
            PEAK.load(Relaxed) - before,
            NOW.load(Relaxed) as isize - before as isize,
        );
        drop(r);
        println!("{name} | {} KiB | {} KiB", peak / 1024, after / 1024);
    }
}
