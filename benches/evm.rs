//! evmbox against revm, in the same run, on the same bytecode and calldata:
//! snailtracer (compute) and revm-shaped nested-call workloads. Outputs and gas are checked
//! equal before anything is timed.
//!
//! Run: `cargo bench --bench evm` (add `-- --quick` for a short run).

use criterion::{criterion_group, criterion_main, Criterion};
use evmbox::primitives::decode_hex;
use evmbox::{Address, BlockEnv, Evm, InMemoryDb, Transaction, U256};
use std::collections::HashMap;
use std::path::Path;

const CALLER: Address = Address([0xee; 20]);

/// One benchmark: contracts, the entry point, calldata, gas.
struct Workload {
    name: &'static str,
    contracts: Vec<(Address, Vec<u8>)>,
    target: Address,
    data: Vec<u8>,
    gas: u64,
}

fn fixture_hex(rel: &str) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/fixtures/bench")
        .join(rel);
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    decode_hex(text.trim()).expect("fixture hex")
}

fn h(s: &str) -> Vec<u8> {
    decode_hex(&s.replace(' ', "")).expect("hex")
}

/// `n` CALLs in a loop to `callee` (revm's subcall_1000 shape).
fn call_loop(n: u16, callee: Address, data_word: Option<u8>) -> Vec<u8> {
    let mut c = vec![0x61];
    c.extend_from_slice(&n.to_be_bytes());
    c.push(0x5b);
    match data_word {
        None => c.extend(h("6000 6000 6000 6000 6000")),
        Some(d) => {
            c.extend([0x60, d]);
            c.extend(h("6000 52 6000 6000 6020 6000 6000"));
        }
    }
    c.push(0x73);
    c.extend_from_slice(&callee.0);
    c.extend(h("5a f1 50 6001 90 03 80 6003 57 50 00"));
    c
}

/// Calls itself with calldata n-1 while n > 0.
fn self_recursive() -> Vec<u8> {
    h("6000 35 80 15 601d 57 6001 90 03 6000 52 6000 6000 6020 6000 6000 30 5a f1 50 5b 00")
}

fn workloads() -> Vec<Workload> {
    let target = Address([0xff; 20]);
    let (a, b) = (Address([0xaa; 20]), Address([0xbb; 20]));
    vec![
        Workload {
            name: "snailtracer",
            contracts: vec![(target, fixture_hex("revm/snailtracer.hex"))],
            target,
            data: h("30627b7c"),
            gas: 1_000_000_000,
        },
        Workload {
            name: "subcall_1000_same_account",
            contracts: vec![(a, call_loop(1000, b, None)), (b, vec![0x00])],
            target: a,
            data: vec![],
            gas: 100_000_000,
        },
        Workload {
            name: "subcall_1000_nested_depth_10",
            contracts: vec![(a, call_loop(100, b, Some(9))), (b, self_recursive())],
            target: a,
            data: vec![],
            gas: 100_000_000,
        },
    ]
}

fn evmbox_runner(w: &Workload) -> impl FnMut() -> (bool, u64, Vec<u8>) {
    let mut db = InMemoryDb::new();
    db.insert_account(CALLER, U256::from(10u128.pow(30)), 0, &[], HashMap::new());
    for (a, code) in &w.contracts {
        db.insert_account(*a, U256::ZERO, 1, code, HashMap::new());
    }
    let block = BlockEnv {
        gas_limit: u64::MAX / 2,
        ..BlockEnv::default()
    };
    let mut evm = Evm::new(db, block);
    let mut tx = Transaction {
        caller: CALLER,
        to: Some(w.target),
        data: w.data.clone(),
        gas_limit: w.gas,
        ..Transaction::default()
    };
    move || {
        tx.nonce = evm.backend().accounts[&CALLER].info.nonce;
        let r = evm.transact(&tx).expect("valid tx");
        (r.status.is_success(), r.gas_used, r.output)
    }
}

fn revm_runner(w: &Workload) -> impl FnMut() -> (bool, u64, Vec<u8>) {
    use revm::context::{Context, TxEnv};
    use revm::database::{CacheDB, EmptyDB};
    use revm::primitives::{hardfork::SpecId, Address as RA, Bytes, TxKind, U256 as RU};
    use revm::state::{AccountInfo, Bytecode};
    use revm::{ExecuteEvm, MainBuilder, MainContext};
    let mut db = CacheDB::new(EmptyDB::default());
    db.insert_account_info(
        RA::from(CALLER.0),
        AccountInfo {
            balance: RU::from(10u128.pow(30)),
            ..Default::default()
        },
    );
    for (a, code) in &w.contracts {
        let bc = Bytecode::new_raw(Bytes::from(code.clone()));
        db.insert_account_info(
            RA::from(a.0),
            AccountInfo {
                nonce: 1,
                code_hash: bc.hash_slow(),
                code: Some(bc),
                ..Default::default()
            },
        );
    }
    let mut evm = Context::mainnet()
        .with_db(db)
        .modify_cfg_chained(|c| {
            c.spec = SpecId::CANCUN;
            c.tx_gas_limit_cap = Some(u64::MAX);
        })
        .modify_block_chained(|b| {
            b.gas_limit = u64::MAX / 2;
            b.basefee = 0;
            b.number = RU::from(1);
            b.timestamp = RU::from(1);
        })
        .build_mainnet();
    let tx = TxEnv::builder()
        .caller(RA::from(CALLER.0))
        .kind(TxKind::Call(RA::from(w.target.0)))
        .data(Bytes::from(w.data.clone()))
        .gas_limit(w.gas)
        .gas_price(0)
        .build()
        .expect("revm tx");
    move || {
        let out = evm.transact(tx.clone()).expect("revm transact");
        let r = out.result;
        (
            r.is_success(),
            r.tx_gas_used(),
            r.output().map(|b| b.to_vec()).unwrap_or_default(),
        )
    }
}

fn bench(c: &mut Criterion) {
    for w in workloads() {
        let mut ours = evmbox_runner(&w);
        let mut theirs = revm_runner(&w);
        let (a, b) = (ours(), theirs());
        assert_eq!(a, b, "{}: evmbox and revm disagree", w.name);
        assert!(a.0, "{}: did not succeed", w.name);
        if w.name == "snailtracer" {
            assert_eq!(
                a.2,
                h("190000000000000000000000000000000000000000000000000000000000000018000000000000000000000000000000000000000000000000000000000000006300000000000000000000000000000000000000000000000000000000000000"),
                "snailtracer output (evmone's expected value)"
            );
        }
        let mut g = c.benchmark_group(w.name);
        if w.name == "snailtracer" {
            g.sample_size(10);
        }
        g.bench_function("evmbox", |bn| bn.iter(&mut ours));
        g.bench_function("revm", |bn| bn.iter(&mut theirs));
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
