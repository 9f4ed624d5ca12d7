//! Transaction-level behaviour: contract creation results, fee accounting, and invalid
//! transactions rejected with typed errors and the state untouched.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{block, world, CALLER};
use evmbox::asm::assemble;
use evmbox::primitives::create_address;
use evmbox::{Address, BlockEnv, Evm, Status, Transaction, TxError, U256};

fn create_tx(initcode: Vec<u8>) -> Transaction {
    Transaction {
        caller: CALLER,
        to: None,
        data: initcode,
        gas_limit: 1_000_000,
        ..Transaction::default()
    }
}

#[test]
fn creation_returns_the_address_and_the_deployed_code() {
    // Initcode returning the 3-byte runtime code 0x600100.
    let initcode = assemble("PUSH3 0x600100 PUSH1 0 MSTORE PUSH1 3 PUSH1 29 RETURN").unwrap();
    let mut evm = Evm::new(world(&[]), block());
    let r = evm.transact(&create_tx(initcode)).unwrap();
    let expected = create_address(&CALLER, 0);
    assert_eq!(r.status, Status::Success);
    assert_eq!(r.created, Some(expected));
    assert_eq!(r.output, vec![0x60, 0x01, 0x00]);
    let acc = &evm.backend().accounts()[&expected];
    assert_eq!(
        (acc.info.nonce, acc.info.code.bytes()),
        (1, &[0x60, 0x01, 0x00][..])
    );
}

#[test]
fn reverted_creation_returns_revert_data_and_no_address() {
    let initcode = assemble("PUSH1 0xab PUSH1 0 MSTORE8 PUSH1 1 PUSH1 0 REVERT").unwrap();
    let mut evm = Evm::new(world(&[]), block());
    let r = evm.transact(&create_tx(initcode)).unwrap();
    assert_eq!(
        (r.status, r.created, r.output),
        (Status::Revert, None, vec![0xab])
    );
    assert!(!evm
        .backend()
        .accounts()
        .contains_key(&create_address(&CALLER, 0)));
    // The sender's nonce still moved.
    assert_eq!(evm.backend().accounts()[&CALLER].info.nonce, 1);
}

#[test]
fn fees_go_to_the_sender_refund_and_the_coinbase() {
    let coinbase = Address([0xcb; 20]);
    let env = BlockEnv {
        coinbase,
        base_fee: U256::from(7),
        ..block()
    };
    let mut evm = Evm::new(world(&[]), env);
    let before = evm.backend().accounts()[&CALLER].info.balance;
    let to = Address([0x55; 20]);
    let tx = Transaction {
        caller: CALLER,
        to: Some(to),
        value: U256::from(1000),
        gas_limit: 50_000,
        gas_price: U256::from(20),
        max_priority_fee_per_gas: Some(U256::from(3)),
        ..Transaction::default()
    };
    let r = evm.transact(&tx).unwrap();
    assert_eq!(r.gas_used, 21000);
    // Effective price min(20, 7 + 3) = 10; the tip is 3 per gas.
    let after = evm.backend().accounts()[&CALLER].info.balance;
    assert_eq!(before - after, U256::from(21000 * 10 + 1000));
    assert_eq!(
        evm.backend().accounts()[&coinbase].info.balance,
        U256::from(21000 * 3)
    );
    assert_eq!(evm.backend().accounts()[&to].info.balance, U256::from(1000));
}

#[test]
fn invalid_transactions_are_rejected_without_changes() {
    let mut evm = Evm::new(world(&[]), block());
    let snapshot = format!("{:?}", evm.backend().accounts()[&CALLER].info.balance);
    let ok = Transaction {
        caller: CALLER,
        to: Some(Address([1; 20])),
        gas_limit: 30_000,
        ..Transaction::default()
    };
    let cases = [
        (
            Transaction {
                nonce: 5,
                ..ok.clone()
            },
            TxError::NonceMismatch {
                expected: 0,
                got: 5,
            },
        ),
        (
            Transaction {
                gas_limit: 20_000,
                ..ok.clone()
            },
            TxError::IntrinsicGasTooLow {
                intrinsic: 21000,
                limit: 20_000,
            },
        ),
        (
            Transaction {
                value: U256::MAX,
                ..ok.clone()
            },
            TxError::InsufficientFunds,
        ),
        (
            Transaction {
                gas_limit: u64::MAX,
                ..ok.clone()
            },
            TxError::GasLimitAboveBlock,
        ),
        (
            Transaction {
                max_priority_fee_per_gas: Some(U256::from(2)),
                gas_price: U256::from(1),
                ..ok.clone()
            },
            TxError::PriorityFeeAboveMaxFee,
        ),
        (
            Transaction {
                to: None,
                data: vec![0; 49153],
                gas_limit: 10_000_000,
                ..ok.clone()
            },
            TxError::InitcodeTooLarge,
        ),
        (
            Transaction {
                max_fee_per_blob_gas: Some(U256::from(1)),
                ..ok.clone()
            },
            TxError::NoBlobs,
        ),
    ];
    for (tx, want) in cases {
        assert_eq!(evm.transact(&tx).unwrap_err(), want);
        assert!(!evm.is_running());
    }
    assert_eq!(
        format!("{:?}", evm.backend().accounts()[&CALLER].info.balance),
        snapshot
    );
    assert_eq!(evm.backend().accounts()[&CALLER].info.nonce, 0);
    assert!(evm.transact(&ok).is_ok());
}

#[test]
fn memory_beyond_the_frame_limit_halts_instead_of_allocating() {
    use common::{addr, call_tx, evm};
    // MSTORE at 2^32: affordable with 2^46 gas, but past the 4 GiB frame limit.
    let code = assemble("PUSH1 1 PUSH5 0x0100000000 MSTORE STOP").unwrap();
    let a = addr(0xaa);
    let mut e = evm(&[(a, code)]);
    let r = e.transact(&call_tx(a, vec![], 1 << 46)).unwrap();
    assert_eq!(r.status, Status::Halt(evmbox::Halt::MemoryLimit));
    // With ordinary gas the same store is simply out of gas.
    let second = Transaction {
        nonce: 1,
        ..call_tx(a, vec![], 30_000_000)
    };
    let r = e.transact(&second).unwrap();
    assert_eq!(r.status, Status::Halt(evmbox::Halt::OutOfGas));
}
