//! The JSON-RPC side of a forked world: the batch a suspension asks for, and reading a node's
//! answer (shapes as the execution-apis spec and geth's docs give them) into the world.
#![cfg(not(target_arch = "wasm32"))]

use evmbox::rpc::{block_env, fork_of, supply_prestate, RpcError, StateRequest, EMPTY_ROOT};
use evmbox::state::{Backend, InMemoryDb};
use evmbox::{Address, Fork, Need, U256};
use serde_json::{json, Value};

const A: Address = Address([0xaa; 20]);

fn answer(id: u64, result: Value) -> Value {
    json!({ "jsonrpc": "2.0", "id": id, "result": result })
}

#[test]
fn one_batch_asks_each_piece_once_and_fills_the_world() {
    let needs = [
        Need::Account(A),
        Need::HasStorage(A),
        Need::Storage(A, U256::from(5)),
        Need::Storage(A, U256::from(5)),
        Need::BlockHash(7),
    ];
    let req = StateRequest::new(&needs, 0x10);
    let body: Value = serde_json::from_str(&req.body).unwrap();
    let methods: Vec<&str> = body
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["method"].as_str().unwrap())
        .collect();
    assert_eq!(
        methods,
        [
            "eth_getProof",
            "eth_getCode",
            "eth_getStorageAt",
            "eth_getBlockByNumber"
        ]
    );
    assert_eq!(
        body[0]["params"],
        json!(["0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", [], "0x10"])
    );
    assert_eq!(body[2]["params"][1], "0x5");
    // Answers may come in any order.
    let resp = json!([
        answer(
            3,
            json!({ "hash": format!("0x{}", "07".repeat(32)), "number": "0x7" })
        ),
        answer(1, json!("0x6001")),
        answer(2, json!(format!("0x{:064x}", 9))),
        answer(
            0,
            json!({ "balance": "0x64", "nonce": "0x2", "codeHash": "0x00", "storageHash": "0x1234", "accountProof": [], "storageProof": [] })
        ),
    ]);
    let mut db = InMemoryDb::forked();
    req.apply(&mut db, &resp.to_string()).unwrap();
    let acc = db.account(&A).unwrap().unwrap();
    assert_eq!(
        (acc.balance, acc.nonce, acc.code.bytes()),
        (U256::from(100), 2, &[0x60, 0x01][..])
    );
    assert!(db.has_storage(&A).unwrap());
    assert_eq!(db.storage(&A, &U256::from(5)).unwrap(), U256::from(9));
    assert_eq!(db.block_hash(7).unwrap().0, [7; 32]);
}

#[test]
fn an_empty_account_is_absent() {
    let b = Address([0xbb; 20]);
    let req = StateRequest::new(&[Need::Account(b)], 1);
    let resp = json!([
        answer(
            0,
            json!({ "balance": "0x0", "nonce": "0x0", "storageHash": EMPTY_ROOT })
        ),
        answer(1, json!("0x")),
    ]);
    let mut db = InMemoryDb::forked();
    req.apply(&mut db, &resp.to_string()).unwrap();
    assert!(db.account(&b).unwrap().is_none());
    assert!(!db.has_storage(&b).unwrap());
}

#[test]
fn node_errors_are_named_and_supply_nothing() {
    let req = StateRequest::new(&[Need::Account(A)], 1);
    let cases = [
        (
            json!([answer(1, json!("0x")), { "jsonrpc": "2.0", "id": 0, "error": { "code": -32601, "message": "the method eth_getProof does not exist/is not available" } }]),
            "does not offer eth_getProof",
        ),
        (
            json!([answer(1, json!("0x")), { "jsonrpc": "2.0", "id": 0, "error": { "code": -32000, "message": "missing trie node 1234 (path )" } }]),
            "archive node",
        ),
        (
            json!([answer(
                0,
                json!({ "balance": "0x1", "nonce": "0x0", "storageHash": EMPTY_ROOT })
            )]),
            "no answer to eth_getCode",
        ),
        (
            json!({ "jsonrpc": "2.0", "id": null, "error": { "code": -32600, "message": "batch too large" } }),
            "batch too large",
        ),
        (
            json!([answer(0, json!({ "balance": "x" })), answer(1, json!("0x"))]),
            "malformed",
        ),
        (json!([answer(9, json!("0x"))]), "unknown id"),
    ];
    for (resp, says) in cases {
        let mut db = InMemoryDb::forked();
        let e = req.apply(&mut db, &resp.to_string()).unwrap_err();
        assert!(e.to_string().contains(says), "{e} lacks {says:?}");
        assert!(matches!(e, RpcError::Node { .. } | RpcError::Malformed(_)));
        assert_eq!(
            db.account(&A).unwrap_err(),
            Need::Account(A),
            "nothing supplied"
        );
    }
    assert!(req
        .apply(&mut InMemoryDb::forked(), "<html>")
        .unwrap_err()
        .to_string()
        .contains("not JSON"));
}

#[test]
fn headers_give_the_block_environment_and_fork() {
    let header = json!({
        "number": "0x1b4", "miner": "0x4e65fda2159562a496f9f3522f89122a3088497a",
        "timestamp": "0x55ba467c", "gasLimit": "0x1c9c380", "baseFeePerGas": "0x7",
        "mixHash": format!("0x{}", "11".repeat(32)), "excessBlobGas": "0x20000", "hash": format!("0x{}", "22".repeat(32)),
    });
    let env = block_env(&header, 31337).unwrap();
    assert_eq!(
        (
            env.number,
            env.timestamp,
            env.gas_limit,
            env.excess_blob_gas,
            env.chain_id
        ),
        (436, 0x55ba467c, 30_000_000, 0x20000, 31337)
    );
    assert_eq!(env.base_fee, U256::from(7));
    assert_eq!(env.prevrandao.0, [0x11; 32]);
    assert_eq!(fork_of(&header, 31337).unwrap(), Fork::Cancun);
    let mut prague = header.clone();
    prague["requestsHash"] = json!(format!("0x{}", "33".repeat(32)));
    assert_eq!(fork_of(&prague, 31337).unwrap(), Fork::Prague);
    // Mainnet by time: Osaka activated at 1764798551 (EIP-7607).
    let mut mainnet = header.clone();
    mainnet["timestamp"] = json!("0x6930b057");
    assert_eq!(fork_of(&mainnet, 1).unwrap(), Fork::Osaka);
    mainnet["timestamp"] = json!("0x6930b056");
    assert_eq!(fork_of(&mainnet, 1).unwrap(), Fork::Prague);
    let mut london = header.clone();
    london.as_object_mut().unwrap().remove("excessBlobGas");
    assert!(fork_of(&london, 5)
        .unwrap_err()
        .to_string()
        .contains("predates Cancun"));
}

#[test]
fn a_prestate_seeds_accounts_and_slots_and_leaves_the_rest_to_fetch() {
    // geth's prestateTracer shape: nonce as a number, balance and storage as hex.
    let pre = json!({
        "0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa": { "balance": "0x10", "nonce": 3, "code": "0x6001", "storage": { format!("0x{:064x}", 1): format!("0x{:064x}", 5) } },
        "0xbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb": { "balance": "0x0" },
    });
    let mut db = InMemoryDb::forked();
    assert_eq!(supply_prestate(&mut db, &pre).unwrap(), 2);
    let acc = db.account(&A).unwrap().unwrap();
    assert_eq!(
        (acc.balance, acc.nonce, acc.code.bytes()),
        (U256::from(16), 3, &[0x60, 0x01][..])
    );
    assert_eq!(db.storage(&A, &U256::from(1)).unwrap(), U256::from(5));
    assert_eq!(
        db.storage(&A, &U256::from(2)).unwrap_err(),
        Need::Storage(A, U256::from(2))
    );
    assert!(db.account(&Address([0xbb; 20])).unwrap().is_none());
    assert!(supply_prestate(&mut db, &json!({ "nope": {} })).is_err());
}
