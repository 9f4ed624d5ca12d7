//! Loading and running state tests (ethereum/tests GeneralStateTests and EEST state tests):
//! every post-state of a fork evmbox implements (Cancun, Prague, Osaka), under that fork's
//! rules and the fixture's `config` (chain id, blob schedule).

use crate::env::BlockEnv;
use crate::evm::Evm;
use crate::fork::{BlobSchedule, Fork, Rules};
use crate::primitives::{decode_hex, parse_quantity, Address, B256, U256};
use crate::state::InMemoryDb;
use crate::tracer::{summary_line, Eip3155Tracer, TraceOptions};
use crate::transaction::{Authorization, Transaction, TxError};
use crate::trie::{logs_hash, state_root};
use serde_json::Value;

/// The verdict on one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Everything matched.
    Pass,
    /// Something differed; the text says what.
    Fail(String),
    /// Not run; the text says why.
    Skip(String),
}

/// One case: a test, and the indexes of its transaction.
#[derive(Debug, Clone)]
pub struct CaseResult {
    /// Test name.
    pub test: String,
    /// The fork of the post-state, as the fixture names it.
    pub fork: String,
    /// Index in the post-states of its fork.
    pub index: usize,
    /// The verdict.
    pub verdict: Verdict,
    /// EIP-3155 lines, when asked for.
    pub trace: Vec<String>,
}

/// A JSON field as text.
fn s<'a>(v: &'a Value, k: &str) -> Result<&'a str, String> {
    v.get(k)
        .and_then(Value::as_str)
        .ok_or_else(|| format!("missing field {k}"))
}

fn num(v: &Value, k: &str) -> Result<U256, String> {
    parse_quantity(s(v, k)?)
}

fn num_u64(v: &Value, k: &str) -> Result<u64, String> {
    let n = num(v, k)?;
    u64::try_from(n).map_err(|_| format!("{k} above 2^64"))
}

fn bytes(t: &str) -> Result<Vec<u8>, String> {
    decode_hex(t).map_err(|e| e.to_string())
}

fn addr(t: &str) -> Result<Address, String> {
    Address::from_hex(t).map_err(|e| e.to_string())
}

/// The block environment of a test.
pub fn block_env(env: &Value) -> Result<BlockEnv, String> {
    let prevrandao = match env.get("currentRandom").and_then(Value::as_str) {
        Some(r) => B256::from_hex(r).map_err(|e| e.to_string())?,
        None => B256::from_word(num(env, "currentDifficulty")?),
    };
    Ok(BlockEnv {
        number: num_u64(env, "currentNumber")?,
        coinbase: addr(s(env, "currentCoinbase")?)?,
        timestamp: num_u64(env, "currentTimestamp")?,
        gas_limit: u64::try_from(num(env, "currentGasLimit")?).unwrap_or(u64::MAX),
        base_fee: num(env, "currentBaseFee").unwrap_or(U256::from(10)),
        prevrandao,
        excess_blob_gas: num_u64(env, "currentExcessBlobGas").unwrap_or(0),
        blob_base_fee: None,
        chain_id: 1,
    })
}

/// The pre-state of a test as an in-memory world.
pub fn pre_state(pre: &Value) -> Result<InMemoryDb, String> {
    let mut db = InMemoryDb::new();
    db.load_alloc(pre)?;
    Ok(db)
}

/// The transaction of a case, or the reason it cannot even be formed (an invalid value, say).
pub fn transaction(
    t: &Value,
    data: usize,
    gas: usize,
    value: usize,
) -> Result<Transaction, String> {
    let pick = |k: &str, i: usize| -> Result<&str, String> {
        t.get(k)
            .and_then(|a| a.get(i))
            .and_then(Value::as_str)
            .ok_or_else(|| format!("missing {k}[{i}]"))
    };
    let to = match s(t, "to")? {
        "" => None,
        x => Some(addr(x)?),
    };
    let (gas_price, tip) = match t.get("gasPrice").and_then(Value::as_str) {
        Some(p) => (parse_quantity(p)?, None),
        None => (
            num(t, "maxFeePerGas")?,
            Some(num(t, "maxPriorityFeePerGas")?),
        ),
    };
    let mut access_list = Vec::new();
    if let Some(list) = t
        .get("accessLists")
        .and_then(|l| l.get(data))
        .and_then(Value::as_array)
    {
        for e in list {
            let a = addr(s(e, "address")?)?;
            let keys = e
                .get("storageKeys")
                .and_then(Value::as_array)
                .map(|ks| {
                    ks.iter()
                        .map(|k| parse_quantity(k.as_str().unwrap_or("")))
                        .collect::<Result<Vec<_>, _>>()
                })
                .transpose()?
                .unwrap_or_default();
            access_list.push((a, keys));
        }
    }
    let blob_hashes = t
        .get("blobVersionedHashes")
        .and_then(Value::as_array)
        .map(|hs| {
            hs.iter()
                .map(|h| B256::from_hex(h.as_str().unwrap_or("")).map_err(|e| e.to_string()))
                .collect::<Result<Vec<_>, _>>()
        })
        .transpose()?
        .unwrap_or_default();
    let max_fee_per_blob_gas = t
        .get("maxFeePerBlobGas")
        .and_then(Value::as_str)
        .map(parse_quantity)
        .transpose()?;
    let authorization_list = t
        .get("authorizationList")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .map(authorization)
                .collect::<Result<Vec<_>, _>>()
        })
        .transpose()?;
    Ok(Transaction {
        caller: addr(s(t, "sender")?)?,
        to,
        value: parse_quantity(pick("value", value)?)?,
        data: bytes(pick("data", data)?)?,
        gas_limit: u64::try_from(parse_quantity(pick("gasLimit", gas)?)?).unwrap_or(u64::MAX),
        nonce: u64::try_from(num(t, "nonce")?).map_err(|_| "nonce above 2^64".to_string())?,
        gas_price,
        max_priority_fee_per_gas: tip,
        access_list,
        blob_hashes,
        max_fee_per_blob_gas,
        authorization_list,
    })
}

/// One entry of a fixture's `authorizationList` (EIP-7702).
fn authorization(v: &Value) -> Result<Authorization, String> {
    let y_parity = match v.get("yParity") {
        Some(_) => num(v, "yParity")?,
        None => num(v, "v")?,
    };
    Ok(Authorization {
        chain_id: num(v, "chainId")?,
        address: addr(s(v, "address")?)?,
        nonce: num(v, "nonce")?,
        y_parity,
        r: num(v, "r")?,
        s: num(v, "s")?,
    })
}

/// Which cases of a file to run, and how.
#[derive(Debug, Clone, Copy, Default)]
pub struct Selection<'a> {
    /// Only tests whose name contains this.
    pub filter: Option<&'a str>,
    /// Only this fork's post-states (the others are counted as skipped, saying so).
    pub fork: Option<Fork>,
    /// Record EIP-3155 lines.
    pub trace: bool,
}

/// The rules of `fork` under a test's `config`: its `blobSchedule` entry for the fork, if
/// any, replaces the fork's default blob schedule.
pub fn fork_rules(fork: Fork, test: &Value) -> Result<Rules, String> {
    let mut rules = fork.rules();
    let entry = test
        .get("config")
        .and_then(|c| c.get("blobSchedule"))
        .and_then(|b| b.get(fork.name()));
    if let Some(e) = entry {
        rules.blobs = BlobSchedule {
            target: num_u64(e, "target")?,
            max: num_u64(e, "max")?,
            update_fraction: num_u64(e, "baseFeeUpdateFraction")?,
        };
    }
    Ok(rules)
}

/// Runs every case of one test: the post-states of each fork evmbox implements are run
/// under that fork's rules (with EIP-3155 lines if `trace`); the post-states of any other
/// fork, or of a fork `sel` leaves out, are counted as skipped, with the reason.
pub fn run_test(name: &str, test: &Value, sel: &Selection<'_>) -> Vec<CaseResult> {
    let result = |fork: &str, index, verdict| CaseResult {
        test: name.to_string(),
        fork: fork.to_string(),
        index,
        verdict,
        trace: Vec::new(),
    };
    let Some(post) = test.get("post").and_then(Value::as_object) else {
        return vec![result(
            "",
            0,
            Verdict::Fail("bad fixture: no post object".into()),
        )];
    };
    let setup = (|| -> Result<_, String> {
        let mut env = block_env(test.get("env").ok_or("missing env")?)?;
        if let Some(config) = test.get("config").filter(|c| c.get("chainid").is_some()) {
            env.chain_id = num_u64(config, "chainid")?;
        }
        let db = pre_state(test.get("pre").ok_or("missing pre")?)?;
        Ok((env, db))
    })();
    let mut out = Vec::new();
    for (fork, cases) in post {
        let Some(cases) = cases.as_array() else {
            out.push(result(
                fork,
                0,
                Verdict::Fail(format!("bad fixture: post.{fork} is not an array")),
            ));
            continue;
        };
        let rules = match Fork::from_name(fork) {
            Err(_) => Err(format!("fork {fork} not supported")),
            Ok(f) if sel.fork.is_some_and(|s| s != f) => Err(format!("fork {fork} not selected")),
            Ok(f) => Ok(fork_rules(f, test)),
        };
        for (index, case) in cases.iter().enumerate() {
            let (verdict, lines) = match (&rules, &setup) {
                (Err(why), _) => (Verdict::Skip(why.clone()), Vec::new()),
                (Ok(Err(e)), _) | (_, Err(e)) => {
                    (Verdict::Fail(format!("bad fixture: {e}")), Vec::new())
                }
                (Ok(Ok(rules)), Ok((env, db))) => run_case(test, case, *rules, env, db, sel.trace),
            };
            out.push(CaseResult {
                trace: lines,
                ..result(fork, index, verdict)
            });
        }
    }
    out
}

fn run_case(
    test: &Value,
    case: &Value,
    rules: Rules,
    env: &BlockEnv,
    db: &InMemoryDb,
    trace: bool,
) -> (Verdict, Vec<String>) {
    let idx = |k: &str| {
        case.get("indexes")
            .and_then(|i| i.get(k))
            .and_then(Value::as_u64)
            .unwrap_or(0) as usize
    };
    let expect_exception = case.get("expectException").and_then(Value::as_str);
    let (Ok(want_root), Ok(want_logs)) = (
        B256::from_hex(case.get("hash").and_then(Value::as_str).unwrap_or("")),
        B256::from_hex(case.get("logs").and_then(Value::as_str).unwrap_or("")),
    ) else {
        return (
            Verdict::Fail("bad fixture: hash or logs".into()),
            Vec::new(),
        );
    };
    let Some(txv) = test.get("transaction") else {
        return (
            Verdict::Fail("bad fixture: no transaction".into()),
            Vec::new(),
        );
    };
    let tx = transaction(txv, idx("data"), idx("gas"), idx("value"));
    let mut evm = Evm::new(db.clone(), env.clone()).with_rules(rules);
    let mut tracer = Eip3155Tracer::new(TraceOptions::default());
    let outcome: Result<_, TxError> = match &tx {
        Err(e) => Ok(Err(e.clone())),
        Ok(tx) if trace => evm.transact_with(tx, &mut tracer).map(Ok),
        Ok(tx) => evm.transact(tx).map(Ok),
    };
    let root = state_root(evm.backend());
    let (logs, gas_used, output, invalid) = match outcome {
        Ok(Ok(r)) => (logs_hash(&r.logs), r.gas_used, r.output, None),
        Ok(Err(e)) => (logs_hash(&[]), 0, Vec::new(), Some(e)),
        Err(e) => (logs_hash(&[]), 0, Vec::new(), Some(e.to_string())),
    };
    let verdict = match (expect_exception, &invalid) {
        (Some(x), None) => Verdict::Fail(format!("expected exception {x}, transaction was valid")),
        (None, Some(e)) => Verdict::Fail(format!("transaction rejected: {e}")),
        _ if root != want_root => Verdict::Fail(format!("state root {root}, want {want_root}")),
        _ if logs != want_logs => Verdict::Fail(format!("logs hash {logs}, want {want_logs}")),
        _ => Verdict::Pass,
    };
    let mut lines = Vec::new();
    if trace {
        lines = tracer.into_lines();
        lines.push(summary_line(
            Some(&root),
            &output,
            gas_used,
            verdict == Verdict::Pass,
            rules.fork,
        ));
    }
    (verdict, lines)
}

/// Runs the tests of a fixture file's JSON text that `sel` selects. A file that is not a
/// JSON object of tests, or holds none, is an error.
pub fn run_file(text: &str, sel: &Selection<'_>) -> Result<Vec<CaseResult>, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"))?;
    let obj = v.as_object().ok_or("top level is not an object of tests")?;
    if obj.is_empty() {
        return Err("no tests in this file".into());
    }
    if let Some((name, _)) = obj.iter().find(|(_, t)| !t.is_object()) {
        return Err(format!("test {name:?} is not an object"));
    }
    Ok(obj
        .iter()
        .filter(|(name, _)| sel.filter.is_none_or(|f| name.contains(f)))
        .flat_map(|(name, test)| run_test(name, test, sel))
        .collect())
}
