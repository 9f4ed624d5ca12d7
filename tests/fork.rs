//! A forked world ([`InMemoryDb::forked`]) starts empty and learns the remote state as
//! execution reaches it. Here the "remote chain" is a fixture's pre-state, handed over piece
//! by piece as the world asks: every Cancun case of a set of folders must give the fixture's
//! post-state root and logs, and the same result as a run on the whole pre-state.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use evmbox::state::{AccountChange, Backend, InMemoryDb, RemoteAccount};
use evmbox::statetest::{block_env, pre_state, transaction};
use evmbox::trie::{logs_hash, state_root};
use evmbox::{Evm, Fork, Need, StepOutcome, TxError, B256, U256};
use serde_json::Value;

/// Answers one need of a forked world from the whole world `remote`.
fn supply(db: &mut InMemoryDb, remote: &mut InMemoryDb, need: Need) {
    match need {
        Need::Account(a) | Need::HasStorage(a) => {
            let acc = remote.get(&a).map(|x| RemoteAccount {
                balance: x.info.balance,
                nonce: x.info.nonce,
                code: x.info.code.bytes().to_vec(),
                has_storage: !x.storage.is_empty(),
            });
            db.supply_account(a, acc);
        }
        Need::Storage(a, k) => {
            let v = remote.storage(&a, &k).expect("a whole world answers");
            db.supply_storage(a, k, v);
        }
        Need::BlockHash(n) => {
            let h = remote.block_hash(n).expect("a whole world answers");
            db.supply_block_hash(n, h);
        }
    }
}

/// The changes of a result in a comparable form.
fn sorted(changes: &[AccountChange]) -> Vec<String> {
    let mut v: Vec<String> = changes.iter().map(|c| format!("{c:?}")).collect();
    v.sort();
    v
}

/// Runs every Cancun case of `folder` on a forked world; returns (cases, needs answered).
fn run_folder(folder: &str) -> (usize, usize) {
    let paths = common::state_test_files(folder);
    let (mut cases, mut needs) = (0, 0);
    for path in paths {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for (name, test) in v.as_object().unwrap() {
            let env = block_env(&test["env"]).unwrap();
            let pre = pre_state(&test["pre"]).unwrap();
            for case in test["post"]["Cancun"].as_array().unwrap() {
                let ix = |k: &str| case["indexes"][k].as_u64().unwrap_or(0) as usize;
                let Ok(tx) = transaction(&test["transaction"], ix("data"), ix("gas"), ix("value"))
                else {
                    continue;
                };
                let mut remote = pre.clone();
                let mut evm =
                    Evm::new(InMemoryDb::forked(), env.clone()).with_rules(Fork::Cancun.rules());
                let started = loop {
                    match evm.begin(&tx) {
                        Err(TxError::NeedState(n)) => {
                            supply(evm.backend_mut(), &mut remote, n);
                            needs += 1;
                        }
                        other => break other,
                    }
                };
                let mut direct =
                    Evm::new(pre.clone(), env.clone()).with_rules(Fork::Cancun.rules());
                let expected = direct.transact(&tx);
                if started.is_err() {
                    assert!(expected.is_err(), "{name}: {started:?} but {expected:?}");
                    continue;
                }
                let r = loop {
                    match evm.run() {
                        StepOutcome::Done(r) => break r,
                        StepOutcome::NeedState(n) => {
                            supply(evm.backend_mut(), &mut remote, n);
                            needs += 1;
                        }
                        other => panic!("{name}: {other:?}"),
                    }
                };
                let e = expected.expect("the direct run starts too");
                let same = (r.status, r.gas_used, &r.output, sorted(&r.changes));
                let want = (e.status, e.gas_used, &e.output, sorted(&e.changes));
                assert_eq!(same, want, "{}: {name}", path.display());
                // The fixture's post-state: the pre-state with the forked run's changes.
                let mut post = pre.clone();
                post.commit(r.changes.clone());
                let want_root = B256::from_hex(case["hash"].as_str().unwrap()).unwrap();
                let want_logs = B256::from_hex(case["logs"].as_str().unwrap()).unwrap();
                assert_eq!(state_root(&post), want_root, "{}: {name}", path.display());
                assert_eq!(logs_hash(&r.logs), want_logs, "{}: {name}", path.display());
                cases += 1;
            }
        }
    }
    (cases, needs)
}

#[test]
fn a_forked_world_reproduces_post_states() {
    for folder in [
        "stCallCreateCallCodeTest",
        "stCreate2",
        "stSStoreTest",
        "stExtCodeHash",
        "stSelfBalance",
        "stEIP2930",
        "stRevertTest",
        "stSystemOperationsTest",
        "stRefundTest",
    ] {
        let (cases, needs) = run_folder(folder);
        assert!(cases > 5, "{folder}: only {cases} cases");
        assert!(needs > cases, "{folder}: only {needs} fetches");
    }
}

#[test]
fn fetched_state_survives_a_revert_and_local_changes_win() {
    let a = evmbox::Address([0xaa; 20]);
    let mut db = InMemoryDb::forked();
    assert_eq!(db.account(&a).unwrap_err(), Need::Account(a));
    let snap = db.snapshot();
    let acc = RemoteAccount {
        balance: U256::from(5),
        nonce: 1,
        code: vec![0x00],
        has_storage: true,
    };
    db.supply_account(a, Some(acc.clone()));
    assert_eq!(
        db.storage(&a, &U256::from(1)).unwrap_err(),
        Need::Storage(a, U256::from(1))
    );
    db.supply_storage(a, U256::from(1), U256::from(7));
    db.set_storage(a, U256::from(1), U256::from(9));
    db.set_balance(a, U256::from(6));
    // A late answer does not overwrite a local change.
    db.supply_storage(a, U256::from(1), U256::from(7));
    db.supply_account(a, Some(acc));
    assert_eq!(db.storage(&a, &U256::from(1)).unwrap(), U256::from(9));
    assert_eq!(db.account(&a).unwrap().unwrap().balance, U256::from(6));
    // Reverting undoes the changes, back to what was fetched, which stays.
    assert!(db.revert(snap));
    assert_eq!(db.storage(&a, &U256::from(1)).unwrap(), U256::from(7));
    assert_eq!(db.account(&a).unwrap().unwrap().balance, U256::from(5));
    assert!(db.has_storage(&a).unwrap());
    // Clearing the storage makes it local (no more fetches) until a revert.
    let snap = db.snapshot();
    db.clear_storage(&a);
    assert_eq!(db.storage(&a, &U256::from(2)).unwrap(), U256::ZERO);
    assert!(!db.has_storage(&a).unwrap());
    assert!(db.revert(snap));
    assert_eq!(
        db.storage(&a, &U256::from(2)).unwrap_err(),
        Need::Storage(a, U256::from(2))
    );
    assert_eq!(db.block_hash(3).unwrap_err(), Need::BlockHash(3));
    // An account replaced wholesale here is known (never fetched), until a revert.
    let b = evmbox::Address([0xbb; 20]);
    let snap = db.snapshot();
    db.insert_account(b, U256::from(1), 0, &[], Default::default());
    assert_eq!(db.storage(&b, &U256::from(1)).unwrap(), U256::ZERO);
    assert!(db.revert(snap));
    assert_eq!(db.account(&b).unwrap_err(), Need::Account(b));
}

/// A tracer and a call tree together, as the JS API records them.
struct Both {
    trace: evmbox::tracer::Eip3155Tracer,
    tree: evmbox::calltree::CallTree<fn() -> f64>,
}

impl evmbox::Inspector for Both {
    fn step(&mut self, s: &evmbox::inspector::Step<'_>) {
        self.trace.step(s);
        self.tree.step(s);
    }
    fn step_end(&mut self, e: &evmbox::inspector::StepEnd<'_>) {
        self.trace.step_end(e);
        self.tree.step_end(e);
    }
    fn frame_enter(&mut self, e: &evmbox::inspector::FrameEnter<'_>) {
        self.trace.frame_enter(e);
        self.tree.frame_enter(e);
    }
    fn frame_exit(&mut self, e: &evmbox::inspector::FrameExit<'_>) {
        self.trace.frame_exit(e);
        self.tree.frame_exit(e);
    }
}

fn both() -> Both {
    Both {
        trace: evmbox::tracer::Eip3155Tracer::new(Default::default()),
        tree: evmbox::calltree::CallTree::new(|| 0.0),
    }
}

/// Stepping a forked world opcode by opcode, suspending wherever state is missing, records
/// the same trace, call tree and step count as an uninterrupted run on the whole world: an
/// opcode that suspends is undone, and counted and reported only when it runs.
#[test]
fn suspended_opcodes_are_neither_counted_nor_reported_twice() {
    let (mut cases, mut suspensions) = (0, 0);
    for path in common::state_test_files("stCallCreateCallCodeTest")
        .iter()
        .take(20)
    {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        for (name, test) in v.as_object().unwrap() {
            let env = block_env(&test["env"]).unwrap();
            let pre = pre_state(&test["pre"]).unwrap();
            let Ok(tx) = transaction(&test["transaction"], 0, 0, 0) else {
                continue;
            };
            let mut direct = Evm::new(pre.clone(), env.clone()).with_rules(Fork::Cancun.rules());
            let mut want = both();
            let Ok(expected) = direct.transact_with(&tx, &mut want) else {
                continue;
            };
            let mut remote = pre.clone();
            let mut evm =
                Evm::new(InMemoryDb::forked(), env.clone()).with_rules(Fork::Cancun.rules());
            let mut got = both();
            while let Err(TxError::NeedState(n)) = evm.begin_with(&tx, &mut got) {
                supply(evm.backend_mut(), &mut remote, n);
                got = both();
            }
            let r = loop {
                match evm.step_with(&mut got) {
                    StepOutcome::Done(r) => break r,
                    StepOutcome::NeedState(n) => {
                        supply(evm.backend_mut(), &mut remote, n);
                        suspensions += 1;
                    }
                    StepOutcome::Paused => {}
                    StepOutcome::Idle => panic!("{name}: idle"),
                }
            };
            assert_eq!(r.gas_used, expected.gas_used, "{name}");
            assert_eq!(got.trace.lines(), want.trace.lines(), "{name}: trace");
            assert_eq!(
                evm.steps_taken() as usize,
                want.trace.lines().len(),
                "{name}: steps"
            );
            let ops = |b: &Both| b.tree.nodes.iter().map(|n| n.opcodes).collect::<Vec<_>>();
            assert_eq!(ops(&got), ops(&want), "{name}: opcodes per frame");
            cases += 1;
        }
    }
    assert!(
        cases > 10 && suspensions > cases,
        "{cases} cases, {suspensions} suspensions"
    );
}
