//! Execution can stop after any opcode, or suspend on any state read, and resume with results
//! identical to an uninterrupted run: checked against the state-test fixtures' post-state roots.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use evmbox::state::{AccountChange, AccountInfo, Backend, InMemoryDb, StateResult};
use evmbox::statetest::{block_env, pre_state, transaction};
use evmbox::trie::{logs_hash, state_root};
use evmbox::{Address, Evm, Fork, Need, StepOutcome, TxError, B256, U256};
use serde_json::Value;
use std::collections::HashSet;

/// A backend that answers each piece of state only on the second request: the first one
/// suspends execution, as an async JSON-RPC fork would.
struct Lazy {
    db: InMemoryDb,
    known: HashSet<Need>,
    suspensions: usize,
}

impl Lazy {
    fn ask(&mut self, n: Need) -> StateResult<()> {
        if self.known.insert(n) {
            self.suspensions += 1;
            Err(n)
        } else {
            Ok(())
        }
    }
}

impl Backend for Lazy {
    fn account(&mut self, a: &Address) -> StateResult<Option<AccountInfo>> {
        self.ask(Need::Account(*a))?;
        self.db.account(a)
    }
    fn storage(&mut self, a: &Address, k: &U256) -> StateResult<U256> {
        self.ask(Need::Storage(*a, *k))?;
        self.db.storage(a, k)
    }
    fn has_storage(&mut self, a: &Address) -> StateResult<bool> {
        self.ask(Need::HasStorage(*a))?;
        self.db.has_storage(a)
    }
    fn block_hash(&mut self, n: u64) -> StateResult<B256> {
        self.ask(Need::BlockHash(n))?;
        self.db.block_hash(n)
    }
    fn commit(&mut self, c: Vec<AccountChange>) {
        self.db.commit(c)
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Step,
    Suspend,
}

/// Runs every Cancun case in `folder` in `mode`; returns (cases, suspensions or steps).
fn run_folder(folder: &str, mode: Mode) -> (usize, usize) {
    let (mut cases, mut events) = (0, 0);
    for path in common::state_test_files(folder) {
        let text = std::fs::read_to_string(&path).expect("read fixture");
        let v: Value = serde_json::from_str(&text).expect("json");
        for (name, test) in v.as_object().expect("object") {
            let env = block_env(&test["env"]).expect("env");
            let pre = pre_state(&test["pre"]).expect("pre");
            for case in test["post"]["Cancun"].as_array().expect("cases") {
                let ix = |k: &str| case["indexes"][k].as_u64().unwrap_or(0) as usize;
                let Ok(tx) = transaction(&test["transaction"], ix("data"), ix("gas"), ix("value"))
                else {
                    continue;
                };
                let want_root = B256::from_hex(case["hash"].as_str().unwrap_or("")).expect("hash");
                let want_logs = B256::from_hex(case["logs"].as_str().unwrap_or("")).expect("logs");
                let lazy = Lazy {
                    db: pre.clone(),
                    known: HashSet::new(),
                    suspensions: 0,
                };
                let mut evm = Evm::new(lazy, env.clone()).with_rules(Fork::Cancun.rules());
                // begin may suspend too; retry until it can decide.
                let started = loop {
                    match evm.begin(&tx) {
                        Err(TxError::NeedState(_)) => continue,
                        other => break other,
                    }
                };
                let logs = if started.is_err() {
                    assert!(case.get("expectException").is_some(), "{name}: {started:?}");
                    Vec::new()
                } else {
                    loop {
                        let out = match mode {
                            Mode::Step => evm.step(),
                            Mode::Suspend => evm.run(),
                        };
                        match out {
                            StepOutcome::Done(r) => break r.logs,
                            StepOutcome::Paused => events += 1,
                            StepOutcome::NeedState(_) => {}
                            StepOutcome::Idle => panic!("{name}: idle while running"),
                        }
                    }
                };
                if mode == Mode::Suspend {
                    events += evm.backend().suspensions;
                }
                assert_eq!(
                    state_root(&evm.backend().db),
                    want_root,
                    "{}: {name}",
                    path.display()
                );
                assert_eq!(logs_hash(&logs), want_logs, "{}: {name}", path.display());
                cases += 1;
            }
        }
    }
    (cases, events)
}

#[test]
fn single_stepping_reproduces_post_states() {
    for folder in [
        "stCallCreateCallCodeTest",
        "stCreate2",
        "stRevertTest",
        "stReturnDataTest",
    ] {
        let (cases, steps) = run_folder(folder, Mode::Step);
        assert!(cases > 40, "{folder}: only {cases} cases");
        assert!(steps > cases * 10, "{folder}: only {steps} pauses");
    }
}

#[test]
fn suspending_on_every_state_read_reproduces_post_states() {
    for folder in [
        "stCallCreateCallCodeTest",
        "stCreate2",
        "stSStoreTest",
        "stExtCodeHash",
        "stSelfBalance",
        "stEIP2930",
    ] {
        let (cases, suspensions) = run_folder(folder, Mode::Suspend);
        assert!(cases > 5, "{folder}: only {cases} cases");
        assert!(
            suspensions > cases,
            "{folder}: only {suspensions} suspensions"
        );
    }
}
