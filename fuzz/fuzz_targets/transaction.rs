//! Arbitrary code, calldata and gas as a transaction into a small world of contracts that
//! call each other, under a fork the input picks. The oracle is evmbox itself run another
//! way: the fast loop, and the same transaction run in slices of a few opcodes through the
//! observed loop, must end identically (status, gas, output, logs, state root).
#![no_main]

use evmbox::trie::state_root;
use evmbox::{Address, BlockEnv, Evm, Fork, InMemoryDb, StepOutcome, Transaction, U256};
use libfuzzer_sys::fuzz_target;
use std::collections::HashMap;

const ME: Address = Address([0xee; 20]);
const A: Address = Address([0xaa; 20]);
const B: Address = Address([0xbb; 20]);

fn world(code: &[u8]) -> InMemoryDb {
    let mut db = InMemoryDb::new();
    db.insert_account(ME, U256::from(10u64.pow(20)), 0, &[], HashMap::new());
    db.insert_account(A, U256::from(1000), 1, code, HashMap::new());
    // B calls A back with its calldata and returns what A returned:
    // CALLDATACOPY(0, 0, CALLDATASIZE); CALL(GAS, A, 0, 0, CALLDATASIZE, 0, 0);
    // RETURNDATACOPY(0, 0, RETURNDATASIZE); RETURN(0, RETURNDATASIZE)
    let mut b = vec![0x36, 0x5f, 0x5f, 0x37, 0x5f, 0x5f, 0x36, 0x5f, 0x5f, 0x73];
    b.extend(A.0);
    b.extend([0x5a, 0xf1, 0x50, 0x3d, 0x5f, 0x5f, 0x3e, 0x3d, 0x5f, 0xf3]);
    let slots = HashMap::from([(U256::from(1), U256::from(1))]);
    db.insert_account(B, U256::ZERO, 1, &b, slots);
    db
}

fuzz_target!(|input: &[u8]| {
    if input.len() < 4 {
        return;
    }
    let fork = Fork::ALL[input[0] as usize % 3];
    let gas = 21_000 + u64::from(u16::from_be_bytes([input[1], input[2]])) * 8;
    let split = (input[3] as usize).min(input.len() - 4);
    let (data, code) = input[4..].split_at(split);
    let to = if input[0] & 0x80 != 0 { B } else { A };
    let tx = Transaction {
        caller: ME,
        to: Some(to),
        data: data.to_vec(),
        gas_limit: gas,
        ..Default::default()
    };
    let block = BlockEnv::default();
    let mut fast = Evm::new(world(code), block.clone()).with_rules(fork.rules());
    let a = fast.transact(&tx);
    let mut sliced = Evm::new(world(code), block).with_rules(fork.rules());
    let b = sliced.begin(&tx).map(|_| loop {
        match sliced.run_steps(7) {
            StepOutcome::Done(r) => break Some(r),
            StepOutcome::Paused => {}
            _ => break None,
        }
    });
    match (a, b) {
        (Ok(x), Ok(Some(y))) => {
            assert_eq!(
                (x.status, x.gas_used, x.gas_refunded, &x.output, &x.logs),
                (y.status, y.gas_used, y.gas_refunded, &y.output, &y.logs)
            );
            assert!(x.gas_used <= gas);
            assert_eq!(state_root(fast.backend()), state_root(sliced.backend()));
        }
        (Err(e), Err(f)) => assert_eq!(e, f),
        (a, b) => panic!("fast {a:?}, sliced {b:?}"),
    }
});
