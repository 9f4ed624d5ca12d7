//! The JSON-RPC side of a forked world ([`InMemoryDb::forked`]): the one batched request that
//! fetches what a suspended run needs, reading its answer into the world, and reading a
//! block header (its environment and fork) as a node returns it. The transport (HTTP,
//! retries, the request budget) is the caller's; everything here is text in, values out.
//!
//! An account is fetched with `eth_getProof` (balance, nonce, and whether its storage root is
//! not the empty trie's) and `eth_getCode` in the same batch, so that one round trip answers
//! it; a slot with `eth_getStorageAt`; a block hash with `eth_getBlockByNumber`. Every call is
//! pinned to one block number.

use crate::env::BlockEnv;
use crate::fork::Fork;
use crate::primitives::{decode_hex, parse_quantity, Address, B256, U256};
use crate::state::{InMemoryDb, Need, RemoteAccount};
use serde_json::{json, Value};

/// The storage root of an account without storage (the empty trie's root).
pub const EMPTY_ROOT: &str = "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421";

/// Why a node's answer could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RpcError {
    /// The node answered a call with an error.
    Node {
        /// The method called.
        method: String,
        /// The JSON-RPC error code.
        code: i64,
        /// The node's message.
        message: String,
    },
    /// The answer is not what the method returns (a missing id, a field of the wrong type).
    Malformed(String),
}

impl std::fmt::Display for RpcError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RpcError::Node {
                method,
                code,
                message,
            } => {
                write!(f, "{method}: the node answered {code} {message:?}")?;
                let m = message.to_ascii_lowercase();
                if *code == -32601 || m.contains("not found") && m.contains("method") {
                    write!(f, " (the node does not offer {method})")
                } else if [
                    "missing trie node",
                    "header not found",
                    "historical state",
                    "pruned",
                ]
                .iter()
                .any(|s| m.contains(s))
                {
                    write!(
                        f,
                        " (the node lacks the state of that block: is it an archive node?)"
                    )
                } else {
                    Ok(())
                }
            }
            RpcError::Malformed(why) => write!(f, "malformed answer: {why}"),
        }
    }
}

impl std::error::Error for RpcError {}

/// One call of a state request, and what its answer supplies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    Proof(Address),
    Code(Address),
    Slot(Address, U256),
    BlockHash(u64),
}

/// A batch of JSON-RPC calls that fetches some needs of a forked world.
#[derive(Debug, Clone, Default)]
pub struct StateRequest {
    /// The JSON text of the batch, to POST as it is.
    pub body: String,
    /// Call `i` has id `i`.
    items: Vec<Item>,
}

impl StateRequest {
    /// One batch for `needs` at block `block`, each account, slot and block asked once.
    pub fn new(needs: &[Need], block: u64) -> StateRequest {
        let mut items: Vec<Item> = Vec::new();
        let mut add = |i: Item| {
            if !items.contains(&i) {
                items.push(i);
            }
        };
        for n in needs {
            match *n {
                Need::Account(a) | Need::HasStorage(a) => {
                    add(Item::Proof(a));
                    add(Item::Code(a));
                }
                Need::Storage(a, k) => add(Item::Slot(a, k)),
                Need::BlockHash(n) => add(Item::BlockHash(n)),
            }
        }
        let tag = format!("{block:#x}");
        let calls: Vec<Value> = (items.iter().enumerate())
            .map(|(id, item)| {
                let (method, params) = match item {
                    Item::Proof(a) => ("eth_getProof", json!([a.to_string(), [], tag])),
                    Item::Code(a) => ("eth_getCode", json!([a.to_string(), tag])),
                    Item::Slot(a, k) => (
                        "eth_getStorageAt",
                        json!([a.to_string(), format!("{k:#x}"), tag]),
                    ),
                    Item::BlockHash(n) => {
                        ("eth_getBlockByNumber", json!([format!("{n:#x}"), false]))
                    }
                };
                json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params })
            })
            .collect();
        StateRequest {
            body: Value::Array(calls).to_string(),
            items,
        }
    }

    /// Whether the batch holds no call.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The number of calls in the batch.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Reads the node's answer to the batch into `db`. Nothing is supplied unless every
    /// call was answered well.
    pub fn apply(&self, db: &mut InMemoryDb, response: &str) -> Result<(), RpcError> {
        let results = self.results(response)?;
        let mut accounts = Vec::new();
        for (item, r) in self.items.iter().zip(&results) {
            if let Item::Proof(a) = *item {
                let code_at = self.items.iter().position(|i| *i == Item::Code(a));
                let code = code_at.map_or(Ok(Vec::new()), |i| bytes(&results[i], "eth_getCode"))?;
                accounts.push((a, account(r, code)?));
            }
        }
        let mut slots = Vec::new();
        let mut hashes = Vec::new();
        for (item, r) in self.items.iter().zip(&results) {
            match *item {
                Item::Slot(a, k) => slots.push((a, k, quantity(r, "eth_getStorageAt")?)),
                Item::BlockHash(n) => {
                    let h = r
                        .get("hash")
                        .ok_or_else(|| malformed("eth_getBlockByNumber", r))?;
                    hashes.push((n, hash(h, "eth_getBlockByNumber")?));
                }
                Item::Proof(_) | Item::Code(_) => {}
            }
        }
        for (a, acc) in accounts {
            db.supply_account(a, acc);
        }
        for (a, k, v) in slots {
            db.supply_storage(a, k, v);
        }
        for (n, h) in hashes {
            db.supply_block_hash(n, h);
        }
        Ok(())
    }

    /// The result of each call, in order; the first error a call got is the error.
    fn results(&self, response: &str) -> Result<Vec<Value>, RpcError> {
        let v: Value = serde_json::from_str(response)
            .map_err(|e| RpcError::Malformed(format!("not JSON ({e})")))?;
        let Value::Array(answers) = v else {
            // A node that refuses the whole batch answers one error object.
            return Err(node_error("batch", &v)
                .unwrap_or_else(|| RpcError::Malformed("a batch is answered by an array".into())));
        };
        let mut out = vec![Value::Null; self.items.len()];
        let mut seen = vec![false; self.items.len()];
        for a in answers {
            let id = a.get("id").and_then(Value::as_u64).map(|i| i as usize);
            let Some(id) = id.filter(|&i| i < out.len()) else {
                return Err(RpcError::Malformed(format!(
                    "an answer with an unknown id: {a}"
                )));
            };
            if let Some(e) = node_error(self.method(id), &a) {
                return Err(e);
            }
            out[id] = a.get("result").cloned().unwrap_or(Value::Null);
            seen[id] = true;
        }
        match seen.iter().position(|s| !s) {
            Some(i) => Err(RpcError::Malformed(format!(
                "no answer to {}",
                self.method(i)
            ))),
            None => Ok(out),
        }
    }

    fn method(&self, id: usize) -> &'static str {
        match self.items[id] {
            Item::Proof(_) => "eth_getProof",
            Item::Code(_) => "eth_getCode",
            Item::Slot(..) => "eth_getStorageAt",
            Item::BlockHash(_) => "eth_getBlockByNumber",
        }
    }
}

/// The error an answer carries, if any.
fn node_error(method: &str, answer: &Value) -> Option<RpcError> {
    let e = answer.get("error")?;
    Some(RpcError::Node {
        method: method.to_string(),
        code: e.get("code").and_then(Value::as_i64).unwrap_or(0),
        message: (e.get("message").and_then(Value::as_str))
            .unwrap_or_default()
            .to_string(),
    })
}

fn malformed(what: &str, v: &Value) -> RpcError {
    let mut text = v.to_string();
    text.truncate(200);
    RpcError::Malformed(format!("{what}: unexpected {text}"))
}

fn quantity(v: &Value, what: &str) -> Result<U256, RpcError> {
    (v.as_str())
        .and_then(|s| parse_quantity(s).ok())
        .ok_or_else(|| malformed(what, v))
}

fn u64_of(v: &Value, what: &str) -> Result<u64, RpcError> {
    u64::try_from(quantity(v, what)?).map_err(|_| malformed(what, v))
}

fn bytes(v: &Value, what: &str) -> Result<Vec<u8>, RpcError> {
    (v.as_str())
        .and_then(|s| decode_hex(s).ok())
        .ok_or_else(|| malformed(what, v))
}

fn hash(v: &Value, what: &str) -> Result<B256, RpcError> {
    (v.as_str())
        .and_then(|s| B256::from_hex(s).ok())
        .ok_or_else(|| malformed(what, v))
}

fn address(v: &Value, what: &str) -> Result<Address, RpcError> {
    (v.as_str())
        .and_then(|s| Address::from_hex(s).ok())
        .ok_or_else(|| malformed(what, v))
}

/// An account from its `eth_getProof` result and code; an empty one is absent (EIP-161).
fn account(proof: &Value, code: Vec<u8>) -> Result<Option<RemoteAccount>, RpcError> {
    let field = |k: &str| proof.get(k).ok_or_else(|| malformed("eth_getProof", proof));
    let balance = quantity(field("balance")?, "eth_getProof balance")?;
    let nonce = u64_of(field("nonce")?, "eth_getProof nonce")?;
    let root = field("storageHash")?.as_str().unwrap_or_default();
    let has_storage = !root.eq_ignore_ascii_case(EMPTY_ROOT) && !is_zero_hex(root);
    let account = RemoteAccount {
        balance,
        nonce,
        code,
        has_storage,
    };
    Ok(account.existing())
}

fn is_zero_hex(s: &str) -> bool {
    s.trim_start_matches("0x").bytes().all(|b| b == b'0')
}

/// The block environment of a block header as `eth_getBlockByNumber` returns it (number,
/// miner, timestamp, gas limit, base fee, mixHash as PREVRANDAO, excess blob gas).
pub fn block_env(header: &Value, chain_id: u64) -> Result<BlockEnv, RpcError> {
    let what = "block header";
    let field = |k: &str| header.get(k).ok_or_else(|| malformed(what, header));
    let opt_u64 = |k: &str| header.get(k).filter(|v| !v.is_null()).map(|v| u64_of(v, k));
    Ok(BlockEnv {
        number: u64_of(field("number")?, "number")?,
        coinbase: address(field("miner")?, "miner")?,
        timestamp: u64_of(field("timestamp")?, "timestamp")?,
        gas_limit: u64_of(field("gasLimit")?, "gasLimit")?,
        base_fee: match header.get("baseFeePerGas").filter(|v| !v.is_null()) {
            Some(v) => quantity(v, "baseFeePerGas")?,
            None => U256::ZERO,
        },
        prevrandao: hash(field("mixHash")?, "mixHash")?,
        excess_blob_gas: opt_u64("excessBlobGas").transpose()?.unwrap_or(0),
        blob_base_fee: None,
        chain_id,
    })
}

/// Mainnet's fork activation times (EIP-7600, EIP-7607).
const MAINNET_FORKS: [(u64, Fork); 3] = [
    (1_764_798_551, Fork::Osaka),
    (1_746_612_311, Fork::Prague),
    (1_710_338_135, Fork::Cancun),
];

/// The fork a block ran under: on mainnet (chain id 1) by its timestamp; elsewhere Prague if
/// its header carries EIP-7685's `requestsHash`, Cancun if it carries EIP-4844's
/// `excessBlobGas` (a chain that runs Osaka must be named by the caller). Earlier blocks are
/// an error: evmbox runs Cancun and later.
pub fn fork_of(header: &Value, chain_id: u64) -> Result<Fork, RpcError> {
    let has = |k: &str| header.get(k).is_some_and(|v| !v.is_null());
    let found = if chain_id == 1 {
        let t = u64_of(header.get("timestamp").unwrap_or(&Value::Null), "timestamp")?;
        MAINNET_FORKS
            .iter()
            .find(|(at, _)| t >= *at)
            .map(|(_, f)| *f)
    } else if has("requestsHash") {
        Some(Fork::Prague)
    } else if has("excessBlobGas") {
        Some(Fork::Cancun)
    } else {
        None
    };
    found.ok_or_else(|| {
        RpcError::Malformed("the block predates Cancun, the earliest fork evmbox runs".into())
    })
}

/// Hands over to a forked world the state a transaction starts from, as the node's
/// `prestateTracer` gives it (`debug_traceTransaction` with `{ tracer: "prestateTracer" }`):
/// every account the transaction touches, with its balance, nonce and code, and the slots it
/// reads or writes. Slots it does not list are still fetched when read. Returns how many
/// accounts it held.
pub fn supply_prestate(db: &mut InMemoryDb, prestate: &Value) -> Result<usize, RpcError> {
    let what = "prestateTracer";
    let accounts = prestate
        .as_object()
        .ok_or_else(|| malformed(what, prestate))?;
    let mut parsed = Vec::with_capacity(accounts.len());
    for (a, acc) in accounts {
        let address = address(&Value::String(a.clone()), what)?;
        let q = |k: &str| acc.get(k).filter(|v| !v.is_null());
        let balance = q("balance").map_or(Ok(U256::ZERO), |v| quantity(v, "balance"))?;
        // The tracer writes the nonce as a JSON number (geth) or as hex (some nodes).
        let nonce = match q("nonce") {
            None => 0,
            Some(v) => v.as_u64().map_or_else(|| u64_of(v, "nonce"), Ok)?,
        };
        let code = q("code").map_or(Ok(Vec::new()), |v| bytes(v, "code"))?;
        let mut slots = Vec::new();
        if let Some(s) = q("storage") {
            for (k, v) in s.as_object().ok_or_else(|| malformed("storage", s))? {
                let key = quantity(&Value::String(k.clone()), "storage key")?;
                slots.push((key, quantity(v, "storage value")?));
            }
        }
        parsed.push((address, balance, nonce, code, slots));
    }
    let n = parsed.len();
    for (address, balance, nonce, code, slots) in parsed {
        let account = RemoteAccount {
            has_storage: slots.iter().any(|(_, v)| !v.is_zero()),
            balance,
            nonce,
            code,
        };
        db.supply_account(address, account.existing());
        for (k, v) in slots {
            db.supply_storage(address, k, v);
        }
    }
    Ok(n)
}
