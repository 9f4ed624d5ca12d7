//! Transaction decoding and validation: an arbitrary state-test `transaction` object is
//! decoded and, if it decodes, run against a small world. An invalid transaction must leave
//! the world exactly as it was.
#![no_main]

use evmbox::statetest::transaction;
use evmbox::trie::state_root;
use evmbox::{Address, BlockEnv, Evm, Fork, InMemoryDb, U256};
use libfuzzer_sys::fuzz_target;
use std::collections::HashMap;

fuzz_target!(|input: &[u8]| {
    let Some((&fork, rest)) = input.split_first() else {
        return;
    };
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(rest) else {
        return;
    };
    let Ok(tx) = transaction(&v, 0, 0, 0) else {
        return;
    };
    let mut db = InMemoryDb::new();
    db.insert_account(tx.caller, U256::from(10u64.pow(18)), 0, &[], HashMap::new());
    db.insert_account(
        Address([0xaa; 20]),
        U256::ZERO,
        1,
        &[0x5f, 0x35, 0x5f, 0x55],
        HashMap::new(),
    );
    let before = state_root(&db);
    let mut evm =
        Evm::new(db, BlockEnv::default()).with_rules(Fork::ALL[fork as usize % 3].rules());
    if evm.transact(&tx).is_err() {
        assert_eq!(state_root(evm.backend()), before);
    }
});
