//! The world as JSON in geth's `alloc` format (genesis files, `t8n`, state tests' `pre`):
//! `{ "0x<address>": { "balance", "nonce"?, "code"?, "storage"?: { "0x<slot>": "0x<value>" } } }`.

use super::memory_db::InMemoryDb;
use crate::primitives::{decode_hex, encode_hex, parse_quantity, Address, B256, U256};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// One account of an alloc, parsed.
struct AllocAccount {
    address: Address,
    balance: U256,
    nonce: u64,
    code: Vec<u8>,
    storage: HashMap<U256, U256>,
}

impl InMemoryDb {
    /// Every account as an alloc object: addresses EIP-55 checksummed, in order; `balance` always,
    /// `nonce`, `code` and `storage` (32-byte hex keys and values) when not zero or empty.
    pub fn to_alloc(&self) -> Value {
        let mut accounts: Vec<_> = self.accounts().iter().collect();
        accounts.sort_unstable_by_key(|(a, _)| **a);
        let mut out = Map::new();
        for (a, acc) in accounts {
            let mut o = Map::new();
            o.insert("balance".into(), format!("{:#x}", acc.info.balance).into());
            if acc.info.nonce != 0 {
                o.insert("nonce".into(), format!("{:#x}", acc.info.nonce).into());
            }
            if !acc.info.code.is_empty() {
                o.insert(
                    "code".into(),
                    format!("0x{}", encode_hex(acc.info.code.bytes())).into(),
                );
            }
            if !acc.storage.is_empty() {
                let mut slots: Vec<_> = acc.storage.iter().collect();
                slots.sort_unstable();
                let st: Map<String, Value> = slots
                    .into_iter()
                    .map(|(k, v)| (slot_hex(k), Value::from(slot_hex(v))))
                    .collect();
                o.insert("storage".into(), st.into());
            }
            out.insert(a.to_checksum(), o.into());
        }
        out.into()
    }

    /// Loads an alloc object: each account in it replaces the one at its address (the others
    /// stay). Checked whole before anything changes: an error (naming the address and field)
    /// leaves the world as it was. Returns how many accounts were loaded.
    pub fn load_alloc(&mut self, alloc: &Value) -> Result<usize, String> {
        let obj = alloc.as_object().ok_or("expected an object of accounts")?;
        let parsed = obj
            .iter()
            .map(|(a, acc)| parse_account(a, acc).map_err(|e| format!("{a}: {e}")))
            .collect::<Result<Vec<_>, _>>()?;
        let n = parsed.len();
        for a in parsed {
            self.insert_account(a.address, a.balance, a.nonce, &a.code, a.storage);
        }
        Ok(n)
    }
}

fn parse_account(a: &str, acc: &Value) -> Result<AllocAccount, String> {
    let address = Address::from_hex(a).map_err(|e| format!("not an address ({e})"))?;
    let obj = acc.as_object().ok_or("expected an object")?;
    if let Some(k) = obj
        .keys()
        .find(|k| !["balance", "nonce", "code", "storage"].contains(&k.as_str()))
    {
        return Err(format!(
            "unknown field {k:?} (expected balance, nonce, code, storage)"
        ));
    }
    let num = |k: &str| -> Result<U256, String> {
        match obj.get(k) {
            None | Some(Value::Null) => Ok(U256::ZERO),
            Some(Value::String(s)) => parse_quantity(s).map_err(|e| format!("{k}: {e}")),
            Some(Value::Number(n)) => n
                .as_u64()
                .map(U256::from)
                .ok_or_else(|| format!("{k}: {n} is not a non-negative integer")),
            Some(v) => Err(format!("{k}: expected a hex or decimal string, got {v}")),
        }
    };
    let balance = num("balance")?;
    let nonce = u64::try_from(num("nonce")?).map_err(|_| "nonce: must be below 2^64")?;
    let code = match obj.get("code") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::String(s)) => decode_hex(s).map_err(|e| format!("code: {e}"))?,
        Some(v) => return Err(format!("code: expected a hex string, got {v}")),
    };
    let mut storage = HashMap::new();
    match obj.get("storage") {
        None | Some(Value::Null) => {}
        Some(Value::Object(st)) => {
            for (k, v) in st {
                let key = parse_quantity(k).map_err(|e| format!("storage key {k}: {e}"))?;
                let value = v
                    .as_str()
                    .ok_or_else(|| format!("storage[{k}]: expected a hex string"))
                    .and_then(|s| parse_quantity(s).map_err(|e| format!("storage[{k}]: {e}")))?;
                storage.insert(key, value);
            }
        }
        Some(v) => return Err(format!("storage: expected an object, got {v}")),
    }
    Ok(AllocAccount {
        address,
        balance,
        nonce,
        code,
        storage,
    })
}

/// A word as 32-byte hex.
fn slot_hex(w: &U256) -> String {
    format!("{:?}", B256::from_word(*w))
}
