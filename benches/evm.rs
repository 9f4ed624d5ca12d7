//! evmbox against revm, in the same run, on the same bytecode and calldata:
//! snailtracer (compute) and revm-shaped nested-call workloads. Outputs and gas are checked
//! equal before anything is timed.
//!
//! Run: `cargo bench --bench evm` (add `-- --quick` for a short run).

#[path = "../tests/common/mod.rs"]
mod common;

use criterion::{criterion_group, criterion_main, Criterion};
use evmbox::primitives::decode_hex;
use evmbox::Address;

/// One benchmark: contracts, the entry point, calldata, gas.
struct Workload {
    name: &'static str,
    contracts: Vec<(Address, Vec<u8>)>,
    target: Address,
    data: Vec<u8>,
    gas: u64,
}

fn h(s: &str) -> Vec<u8> {
    decode_hex(&s.replace(' ', "")).expect("hex")
}

/// BLAKE2F input: rounds (10,000,000), h, m ("abc"), t, final flag (EIP-152's vector 5 shape).
const BLAKE2F_10M: &str = concat!(
    "00989680",
    "48c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5",
    "d182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e1319cde05b",
    "6162630000000000000000000000000000000000000000000000000000000000",
    "0000000000000000000000000000000000000000000000000000000000000000",
    "0000000000000000000000000000000000000000000000000000000000000000",
    "0000000000000000000000000000000000000000000000000000000000000000",
    "0300000000000000",
    "0000000000000000",
    "01",
);

fn workloads() -> Vec<Workload> {
    let target = Address([0xff; 20]);
    let (a, b) = (Address([0xaa; 20]), Address([0xbb; 20]));
    vec![
        Workload {
            name: "snailtracer",
            contracts: vec![(
                target,
                common::evmone_hex(&common::bench_fixture("revm/snailtracer.hex")),
            )],
            target,
            data: h("30627b7c"),
            gas: 1_000_000_000,
        },
        Workload {
            // EIP-152's vector 5 with 10,000,000 rounds, sent straight to the precompile.
            name: "blake2f_10m_rounds",
            contracts: vec![],
            target: Address([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9]),
            data: h(BLAKE2F_10M),
            gas: 20_000_000,
        },
        Workload {
            name: "subcall_1000_same_account",
            contracts: vec![(a, common::call_loop(1000, b)), (b, vec![0x00])],
            target: a,
            data: vec![],
            gas: 100_000_000,
        },
        Workload {
            name: "subcall_1000_nested_depth_10",
            contracts: vec![
                (a, common::nested_loop(100, 9, b)),
                (b, common::self_recursive_no_storage()),
            ],
            target: a,
            data: vec![],
            gas: 100_000_000,
        },
    ]
}

fn bench(c: &mut Criterion) {
    for w in workloads() {
        let mut ours = common::evmbox_runner(&w.contracts, w.target, w.data.clone(), w.gas);
        let mut theirs = common::revm_runner(
            evmbox::Fork::Cancun,
            &w.contracts,
            w.target,
            w.data.clone(),
            w.gas,
            false,
        );
        let (a, b) = (ours(), theirs());
        assert_eq!(a, b, "{}: evmbox and revm disagree", w.name);
        assert!(a.success, "{}: did not succeed", w.name);
        if w.name == "snailtracer" {
            assert_eq!(
                a.output,
                h("190000000000000000000000000000000000000000000000000000000000000018000000000000000000000000000000000000000000000000000000000000006300000000000000000000000000000000000000000000000000000000000000"),
                "snailtracer output (evmone's expected value)"
            );
        }
        let mut g = c.benchmark_group(w.name);
        if w.name == "snailtracer" || w.name.starts_with("blake2f") {
            g.sample_size(10);
        }
        g.bench_function("evmbox", |bn| bn.iter(&mut ours));
        g.bench_function("revm", |bn| bn.iter(&mut theirs));
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
