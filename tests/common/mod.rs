//! Shared test helpers: building worlds and transactions, and revm as a differential oracle.
#![allow(dead_code)]

use evmbox::primitives::decode_hex;
use evmbox::{Address, BlockEnv, Evm, Fork, InMemoryDb, Transaction, B256, U256};
use std::collections::HashMap;

/// The JSON files of an ethereum/tests state-test folder (`../shared/fixtures/state/
/// GeneralStateTests/<folder>`), sorted.
pub fn state_test_files(folder: &str) -> Vec<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/fixtures/state/GeneralStateTests")
        .join(folder);
    let mut v: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    v.sort();
    v
}

/// xorshift64*: deterministic generated inputs without a dependency.
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545F4914F6CDD1D)
    }

    /// A number below `n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// `n` random bytes.
    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

/// The sender used by the helpers.
pub const CALLER: Address = Address([0xee; 20]);

/// Hex to bytes; panics on bad hex (test input is literal).
pub fn hex(s: &str) -> Vec<u8> {
    decode_hex(&s.replace([' ', '\n'], "")).expect("test hex")
}

/// An address whose bytes are all `b`.
pub fn addr(b: u8) -> Address {
    Address([b; 20])
}

/// A world with the caller funded and the given contracts.
pub fn world(contracts: &[(Address, Vec<u8>)]) -> InMemoryDb {
    let mut db = InMemoryDb::new();
    db.insert_account(CALLER, U256::from(10u128.pow(30)), 0, &[], HashMap::new());
    for (a, code) in contracts {
        db.insert_account(*a, U256::ZERO, 1, code, HashMap::new());
    }
    db
}

/// A block with a huge gas limit and zero base fee.
pub fn block() -> BlockEnv {
    BlockEnv {
        gas_limit: u64::MAX / 2,
        ..BlockEnv::default()
    }
}

/// A call from [`CALLER`] to `to` with `data` and `gas`, at gas price zero.
pub fn call_tx(to: Address, data: Vec<u8>, gas: u64) -> Transaction {
    Transaction {
        caller: CALLER,
        to: Some(to),
        data,
        gas_limit: gas,
        ..Transaction::default()
    }
}

/// An EVM over a world of contracts, under Cancun's rules (no transaction gas cap, so
/// that the helpers' huge gas limits are valid).
pub fn evm(contracts: &[(Address, Vec<u8>)]) -> Evm {
    evm_in(Fork::Cancun, contracts)
}

/// An EVM over a world of contracts under `fork`'s rules.
pub fn evm_in(fork: Fork, contracts: &[(Address, Vec<u8>)]) -> Evm {
    Evm::new(world(contracts), block()).with_rules(fork.rules())
}

/// What revm reports for a transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Oracle {
    /// Success flag (status 1).
    pub success: bool,
    /// Gas used after refunds.
    pub gas_used: u64,
    /// Output bytes.
    pub output: Vec<u8>,
    /// Storage of every account afterwards: (address, slot, value), sorted.
    pub storage: Vec<(Address, U256, U256)>,
}

/// Runs the same world and call in revm (Cancun, no gas cap) and reports the outcome.
pub fn revm_call(contracts: &[(Address, Vec<u8>)], to: Address, data: Vec<u8>, gas: u64) -> Oracle {
    revm_runner(Fork::Cancun, contracts, to, data, gas, true)()
}

/// revm 43 under `fork`'s rules (Cancun without a gas cap) over a world of `accounts`
/// (address, balance, code; nonce 1 if there is code, and with `preset` the
/// [`PRESET_SLOTS`]) and the funded [`CALLER`], with the block [`block`] describes and a
/// call transaction ready to run.
type RevmEvm = revm::handler::MainnetEvm<
    revm::handler::MainnetContext<revm::database::CacheDB<revm::database::EmptyDB>>,
>;

fn revm_evm(
    fork: Fork,
    accounts: &[(Address, U256, Vec<u8>)],
    preset: bool,
    to: Address,
    data: Vec<u8>,
    gas: u64,
) -> (RevmEvm, revm::context::TxEnv) {
    use revm::context::{Context, TxEnv};
    use revm::database::{CacheDB, EmptyDB};
    use revm::primitives::{hardfork::SpecId, Address as RAddress, Bytes, TxKind, U256 as RU256};
    use revm::state::{AccountInfo, Bytecode};
    use revm::{MainBuilder, MainContext};

    let ra = |a: Address| RAddress::from(a.0);
    let mut db = CacheDB::new(EmptyDB::default());
    db.insert_account_info(
        ra(CALLER),
        AccountInfo {
            balance: RU256::from(10u128.pow(30)),
            ..Default::default()
        },
    );
    for (a, balance, code) in accounts {
        let bc = Bytecode::new_raw(Bytes::from(code.clone()));
        db.insert_account_info(
            ra(*a),
            AccountInfo {
                balance: RU256::from_limbs(*balance.as_limbs()),
                nonce: u64::from(!code.is_empty()),
                code_hash: bc.hash_slow(),
                code: Some(bc),
                ..Default::default()
            },
        );
        if preset && !code.is_empty() {
            for k in PRESET_SLOTS {
                db.insert_account_storage(ra(*a), RU256::from(k), RU256::from(k))
                    .expect("storage");
            }
        }
    }
    let evm = Context::mainnet()
        .with_db(db)
        .modify_cfg_chained(|c| {
            // The spec and its gas parameters together: setting `spec` alone would keep the
            // default (Osaka) gas parameters, EIP-7623's calldata floor among them.
            let spec = match fork {
                Fork::Cancun => SpecId::CANCUN,
                Fork::Prague => SpecId::PRAGUE,
                Fork::Osaka => SpecId::OSAKA,
            };
            c.set_spec_and_mainnet_gas_params(spec);
            if fork == Fork::Cancun {
                c.tx_gas_limit_cap = Some(u64::MAX);
            }
        })
        .modify_block_chained(|b| {
            b.gas_limit = u64::MAX / 2;
            b.basefee = 0;
            b.number = RU256::from(1);
            b.timestamp = RU256::from(1);
        })
        .build_mainnet();
    let tx = TxEnv::builder()
        .caller(ra(CALLER))
        .kind(TxKind::Call(ra(to)))
        .data(Bytes::from(data))
        .gas_limit(gas)
        .gas_price(0)
        .build()
        .expect("revm tx");
    (evm, tx)
}

/// A revm instance over the world, built once, that runs the call (without committing it)
/// each time the closure is called, under `fork`'s rules (Cancun without a gas cap).
/// Storage is collected only if `with_storage`.
pub fn revm_runner(
    fork: Fork,
    contracts: &[(Address, Vec<u8>)],
    to: Address,
    data: Vec<u8>,
    gas: u64,
    with_storage: bool,
) -> impl FnMut() -> Oracle {
    use revm::ExecuteEvm;
    let accounts: Vec<_> = contracts
        .iter()
        .map(|(a, c)| (*a, U256::ZERO, c.clone()))
        .collect();
    let (mut evm, tx) = revm_evm(fork, &accounts, false, to, data, gas);
    move || {
        let out = evm.transact(tx.clone()).expect("revm transact");
        let mut storage = Vec::new();
        if with_storage {
            for (a, acc) in out.state.iter() {
                for (k, s) in acc.storage.iter() {
                    if !s.present_value().is_zero() {
                        storage.push((
                            Address(a.0 .0),
                            U256::from_limbs(*k.as_limbs()),
                            U256::from_limbs(*s.present_value().as_limbs()),
                        ));
                    }
                }
            }
            storage.sort();
        }
        Oracle {
            success: out.result.is_success(),
            gas_used: out.result.tx_gas_used(),
            output: out.result.output().map(|b| b.to_vec()).unwrap_or_default(),
            storage,
        }
    }
}

/// Everything a transaction did, for a full comparison: status, gas, refund, output, logs
/// and the post-state root (every balance, nonce, code and slot, and every deletion).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Full {
    /// Success flag.
    pub success: bool,
    /// Gas used after refunds.
    pub gas_used: u64,
    /// Gas refunded.
    pub refund: u64,
    /// Output bytes.
    pub output: Vec<u8>,
    /// Logs: (address, topics, data).
    pub logs: Vec<(Address, Vec<B256>, Vec<u8>)>,
    /// The state root after the transaction.
    pub root: B256,
}

/// Slots that every account with code holds in [`world_of`] (slot k = k), so that
/// clearing them earns refunds.
const PRESET_SLOTS: [u64; 2] = [1, 2];

/// The world of `accounts` (address, balance, code; an account with code has nonce 1 and
/// the [`PRESET_SLOTS`]) and the funded [`CALLER`].
pub fn world_of(accounts: &[(Address, U256, Vec<u8>)]) -> InMemoryDb {
    let mut db = InMemoryDb::new();
    db.insert_account(CALLER, U256::from(10u128.pow(30)), 0, &[], HashMap::new());
    for (a, balance, code) in accounts {
        let storage = if code.is_empty() {
            HashMap::new()
        } else {
            PRESET_SLOTS
                .iter()
                .map(|&k| (U256::from(k), U256::from(k)))
                .collect()
        };
        db.insert_account(*a, *balance, u64::from(!code.is_empty()), code, storage);
    }
    db
}

/// Runs a call in revm under `fork` and applies its state changes to the pre-state as a
/// commit does (EIP-161: touched empty accounts go; self-destructed ones go).
pub fn revm_full(
    fork: Fork,
    accounts: &[(Address, U256, Vec<u8>)],
    to: Address,
    data: Vec<u8>,
    gas: u64,
) -> Full {
    use revm::context::result::ExecutionResult as R;
    use revm::ExecuteEvm;
    let (mut evm, tx) = revm_evm(fork, accounts, true, to, data, gas);
    let out = evm.transact(tx).expect("revm transact");
    let mut db = world_of(accounts);
    for (a, acc) in out.state.iter() {
        let a = Address(a.0 .0);
        if !acc.is_touched() {
            continue;
        }
        if acc.is_selfdestructed() || acc.is_empty() {
            db.remove_account(&a);
            continue;
        }
        if acc.is_created() {
            db.remove_account(&a);
        }
        db.set_balance(a, U256::from_limbs(*acc.info.balance.as_limbs()));
        db.set_nonce(a, acc.info.nonce);
        let code = acc.info.code.as_ref().map(|c| c.original_bytes().to_vec());
        db.set_code(a, &code.unwrap_or_default());
        for (k, s) in acc.storage.iter() {
            let (k, v) = (U256::from_limbs(*k.as_limbs()), s.present_value());
            db.set_storage(a, k, U256::from_limbs(*v.as_limbs()));
        }
    }
    let (refund, logs) = match &out.result {
        R::Success { gas, logs, .. } => (gas.inner_refunded(), logs.clone()),
        _ => (0, Vec::new()),
    };
    Full {
        success: out.result.is_success(),
        gas_used: out.result.tx_gas_used(),
        refund,
        output: out.result.output().map(|b| b.to_vec()).unwrap_or_default(),
        logs: logs
            .iter()
            .map(|l| {
                let topics = l.topics().iter().map(|t| B256(t.0)).collect();
                (Address(l.address.0 .0), topics, l.data.data.to_vec())
            })
            .collect(),
        root: evmbox::trie::state_root(&db),
    }
}

/// The same call in evmbox under `fork`, committed, in [`Full`]'s terms.
pub fn evmbox_full(
    fork: Fork,
    accounts: &[(Address, U256, Vec<u8>)],
    to: Address,
    data: Vec<u8>,
    gas: u64,
) -> Full {
    let mut e = Evm::new(world_of(accounts), block()).with_rules(fork.rules());
    let r = e.transact(&call_tx(to, data, gas)).expect("valid tx");
    Full {
        success: r.status.is_success(),
        gas_used: r.gas_used,
        refund: r.gas_refunded,
        output: r.output,
        logs: r
            .logs
            .into_iter()
            .map(|l| (l.address, l.topics, l.data))
            .collect(),
        root: evmbox::trie::state_root(e.backend()),
    }
}

/// Runs a call in evmbox (Cancun) and reports it in the oracle's terms.
pub fn evmbox_call(
    contracts: &[(Address, Vec<u8>)],
    to: Address,
    data: Vec<u8>,
    gas: u64,
) -> Oracle {
    evmbox_call_in(Fork::Cancun, contracts, to, data, gas)
}

/// Runs a call in evmbox under `fork` and reports it in the oracle's terms.
pub fn evmbox_call_in(
    fork: Fork,
    contracts: &[(Address, Vec<u8>)],
    to: Address,
    data: Vec<u8>,
    gas: u64,
) -> Oracle {
    let mut e = evm_in(fork, contracts);
    let r = e.transact(&call_tx(to, data, gas)).expect("valid tx");
    let mut storage = Vec::new();
    for (a, acc) in e.backend().accounts() {
        for (k, v) in &acc.storage {
            storage.push((*a, *k, *v));
        }
    }
    storage.sort();
    Oracle {
        success: r.status.is_success(),
        gas_used: r.gas_used,
        output: r.output,
        storage,
    }
}

/// The revm `subcall_1000` shape: a loop of `n` CALLs with no value to `callee`.
pub fn call_loop(n: u16, callee: Address) -> Vec<u8> {
    let mut c = vec![0x61];
    c.extend_from_slice(&n.to_be_bytes());
    c.push(0x5b); // JUMPDEST at pc 3
    c.extend_from_slice(&hex("6000 6000 6000 6000 6000"));
    c.push(0x73);
    c.extend_from_slice(&callee.0);
    c.extend_from_slice(&hex("5a f1 50 6001 90 03 80 6003 57 50 00"));
    c
}

/// A contract that reads a counter n from calldata and, if n > 0, calls itself with n-1,
/// recording n in slot n so the depth reached is visible in storage.
pub fn self_recursive() -> Vec<u8> {
    hex(concat!(
        "6000 35",                           // n = calldata[0]
        "80 80 55",                          // sstore(n, n)
        "80 15 6020 57",                     // if n == 0 jump to end (pc 32)
        "6001 90 03",                        // n-1
        "6000 52",                           // mem[0] = n-1
        "6000 6000 6020 6000 6000 30 5a f1", // call(gas, self, 0, 0, 32, 0, 0)
        "50",                                // pop
        "5b 00"                              // end
    ))
}

/// As [`self_recursive`] without the storage writes: calls only.
pub fn self_recursive_no_storage() -> Vec<u8> {
    hex("6000 35 80 15 601d 57 6001 90 03 6000 52 6000 6000 6020 6000 6000 30 5a f1 50 5b 00")
}

/// A loop of `n` calls, each into `callee` with calldata word `depth`.
pub fn nested_loop(n: u16, depth: u8, callee: Address) -> Vec<u8> {
    let mut c = vec![0x61];
    c.extend_from_slice(&n.to_be_bytes());
    c.push(0x5b);
    c.extend_from_slice(&[0x60, depth]);
    c.extend_from_slice(&hex("6000 52 6000 6000 6020 6000 6000"));
    c.push(0x73);
    c.extend_from_slice(&callee.0);
    c.extend_from_slice(&hex("5a f1 50 6001 90 03 80 6003 57 50 00"));
    c
}

/// An evmbox instance (Cancun) over `contracts` that runs the call each time the closure is
/// called (committed; the nonce is read back so that every run is valid), for benchmarks.
pub fn evmbox_runner(
    contracts: &[(Address, Vec<u8>)],
    target: Address,
    data: Vec<u8>,
    gas: u64,
) -> impl FnMut() -> Oracle {
    let mut evm = evm(contracts);
    let mut tx = call_tx(target, data, gas);
    move || {
        tx.nonce = evm.backend().accounts()[&CALLER].info.nonce;
        let r = evm.transact(&tx).expect("valid tx");
        Oracle {
            success: r.status.is_success(),
            gas_used: r.gas_used,
            output: r.output,
            storage: Vec::new(),
        }
    }
}

/// A file of the benchmark fixtures (`../shared/fixtures/bench/<rel>`) as text.
pub fn bench_fixture(rel: &str) -> String {
    let p = format!(
        "{}/../shared/fixtures/bench/{rel}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

/// Bytes from hex in evmone's notation: `(NxHEX)` repeats HEX N times; whitespace and a
/// `0x` prefix are ignored.
pub fn evmone_hex(s: &str) -> Vec<u8> {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('(') {
        out.push_str(&rest[..i]);
        let j = rest[i..].find(')').expect("closing parenthesis") + i;
        let (n, hex) = rest[i + 1..j].split_once('x').expect("(NxHEX)");
        out.push_str(&hex.repeat(n.parse().expect("a count")));
        rest = &rest[j + 1..];
    }
    out.push_str(rest);
    let hex: String = out.split_whitespace().collect();
    decode_hex(hex.trim_start_matches("0x")).expect("hex")
}
