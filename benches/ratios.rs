//! evmbox against revm 43 natively, interleaved in one process, on the workloads
//! `scripts/bench-peers.mjs` runs in wasm: evmone's compute and micro contracts (every input
//! in `../shared/fixtures/bench/evmone/{main,micro}`), swap_math and structarray_alloc
//! (`evm-benchmarks/benchmarks/main`), revm's snailtracer, and five call
//! workloads, under Cancun. Outputs and gas are checked equal (and the fixture's expected
//! output) before timing; prints each workload's medians and evmbox / revm, then the
//! geometric mean per set.
//!
//! Run: `cargo bench --bench ratios` (`-- --quick` for about a third of the time,
//! `-- --filter NAME` for the workloads whose name contains NAME).

#[path = "../tests/common/mod.rs"]
mod common;

use common::{bench_fixture, evmone_hex};

use evmbox::asm::assemble;
use evmbox::{Address, Fork, U256};
use std::time::Instant;

struct Workload {
    set: &'static str,
    name: String,
    contracts: Vec<(Address, Vec<u8>)>,
    data: Vec<u8>,
    output: Option<Vec<u8>>,
    gas: u64,
}

const A: Address = Address([0xaa; 20]);
const B: Address = Address([0xbb; 20]);

/// The evmone contracts of `dir` with every input of their `.inputs` files.
fn evmone(set: &'static str, dir: &str, names: &[&str]) -> Vec<Workload> {
    let mut out = Vec::new();
    for f in names {
        let code = evmone_hex(&bench_fixture(&format!("evmone/{dir}/{f}.bin-runtime")));
        let text = bench_fixture(&format!("evmone/{dir}/{f}.inputs"));
        for group in text
            .trim()
            .split("\n\n")
            .map(str::trim)
            .filter(|g| !g.is_empty())
        {
            let lines: Vec<&str> = group.lines().map(str::trim).collect();
            out.push(Workload {
                set,
                name: format!("{f}/{}", lines[0]),
                contracts: vec![(A, code.clone())],
                data: evmone_hex(lines.get(1).copied().unwrap_or("")),
                output: lines.get(2).map(|o| evmone_hex(o)),
                gas: 1_000_000_000,
            });
        }
    }
    out
}

/// ipsilon/evm-benchmarks' Solidity state tests: the called contract with each of the
/// transaction's data entries (no expected output: the fixture has only a state hash).
fn state_test(set: &'static str, name: &str) -> Vec<Workload> {
    let text = bench_fixture(&format!("evm-benchmarks/benchmarks/main/{name}.json"));
    let all: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let t = &all[name];
    let to = t["transaction"]["to"].as_str().expect("to");
    let code = evmone_hex(t["pre"][to]["code"].as_str().expect("code"));
    let datas = t["transaction"]["data"].as_array().expect("data");
    (datas.iter().enumerate())
        .map(|(i, d)| Workload {
            set,
            name: match t["_info"]["labels"][i.to_string()].as_str() {
                Some(label) => format!("{name}/{label}"),
                None => format!("{name}/{i}"),
            },
            contracts: vec![(A, code.clone())],
            data: evmone_hex(d.as_str().expect("hex")),
            output: None,
            gas: 1_000_000_000,
        })
        .collect()
}

fn workloads() -> Vec<Workload> {
    let main = [
        "blake2b_huff",
        "blake2b_shifts",
        "sha1_divs",
        "sha1_shifts",
        "weierstrudel",
    ];
    let micro = [
        "jump_around",
        "loop_with_many_jumpdests",
        "memory_grow_mload",
        "memory_grow_mstore",
        "signextend",
    ];
    let mut w = evmone("compute", "main", &main);
    for name in ["swap_math", "structarray_alloc"] {
        w.extend(state_test("compute", name));
    }
    w.push(Workload {
        set: "compute",
        name: "snailtracer".into(),
        contracts: vec![(A, evmone_hex(&bench_fixture("revm/snailtracer.hex")))],
        data: vec![0x30, 0x62, 0x7b, 0x7c],
        output: None,
        gas: 1_000_000_000,
    });
    w.extend(evmone("micro", "micro", &micro));
    let recursive = common::self_recursive_no_storage();
    let looped = |n: u32, op: &str, body: &str| {
        let value = if op == "CALL" { "PUSH1 0" } else { "" };
        assemble(&format!(
            "PUSH2 {n} top: JUMPDEST {body} {value} PUSH20 {B} GAS {op} POP \
             PUSH1 1 SWAP1 SUB DUP1 PUSH @top JUMPI POP STOP"
        ))
        .expect("assembles")
    };
    let args = "PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0";
    for op in ["CALL", "STATICCALL", "DELEGATECALL"] {
        w.push(Workload {
            set: "calls",
            name: format!("1000 {op}s"),
            contracts: vec![(A, looped(1000, op, args)), (B, vec![0])],
            data: vec![],
            output: None,
            gas: 1_000_000_000,
        });
    }
    w.push(Workload {
        set: "calls",
        name: "100 x 10-deep chains".into(),
        contracts: vec![(A, common::nested_loop(100, 9, B)), (B, recursive.clone())],
        data: vec![],
        output: None,
        gas: 1_000_000_000,
    });
    w.push(Workload {
        set: "calls",
        name: "recursion to depth 1000".into(),
        contracts: vec![(A, recursive)],
        data: U256::from(999).to_be_bytes::<32>().to_vec(),
        output: None,
        gas: 1 << 62,
    });
    w
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let budget = if quick { 0.1 } else { 0.3 };
    let args: Vec<String> = std::env::args().collect();
    let filter = (args.iter().position(|a| a == "--filter")).and_then(|i| args.get(i + 1));
    let chosen: Vec<Workload> = (workloads().into_iter())
        .filter(|w| filter.is_none_or(|f| w.name.contains(f.as_str())))
        .collect();
    if chosen.is_empty() {
        eprintln!("no workload's name contains {filter:?}");
        std::process::exit(2);
    }
    let mut rows: Vec<(&str, f64)> = Vec::new();
    for w in chosen {
        let mut ours = common::evmbox_runner(&w.contracts, A, w.data.clone(), w.gas);
        let mut theirs =
            common::revm_runner(Fork::Cancun, &w.contracts, A, w.data.clone(), w.gas, false);
        let (a, b) = (ours(), theirs());
        assert_eq!(a, b, "{}: evmbox and revm disagree", w.name);
        assert!(a.success, "{}: did not succeed", w.name);
        if let Some(o) = &w.output {
            assert_eq!(&a.output, o, "{}: not the fixture's output", w.name);
        }
        let (mut ta, mut tb) = (Vec::new(), Vec::new());
        let (mut spent_a, mut spent_b) = (0.0, 0.0);
        while ta.len() < 5 || spent_a < budget || spent_b < budget {
            let t = Instant::now();
            ours();
            let da = t.elapsed().as_secs_f64();
            let t = Instant::now();
            theirs();
            let db = t.elapsed().as_secs_f64();
            ta.push(da);
            tb.push(db);
            spent_a += da;
            spent_b += db;
            if ta.len() >= 2000 {
                break;
            }
        }
        let (ma, mb) = (median(ta), median(tb));
        println!(
            "{:<8} {:<36} evmbox {:>10.3} µs  revm {:>10.3} µs  evmbox/revm {:.2}",
            w.set,
            w.name,
            ma * 1e6,
            mb * 1e6,
            ma / mb
        );
        rows.push((w.set, ma / mb));
    }
    println!("\nset      workloads  evmbox/revm (geometric mean; below 1: evmbox faster)");
    for set in ["compute", "calls", "micro"] {
        let r: Vec<f64> = rows
            .iter()
            .filter(|(s, _)| *s == set)
            .map(|(_, x)| x.ln())
            .collect();
        if r.is_empty() {
            continue;
        }
        let g = (r.iter().sum::<f64>() / r.len() as f64).exp();
        println!("{set:<8} {:>9}  {g:.2}", r.len());
    }
}
