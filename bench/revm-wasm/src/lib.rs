//! A minimal wasm-bindgen runner over revm 43 (Cancun, no transaction gas cap): a world of
//! contracts, and calls that are run without being committed, one per JS call — the same
//! shape as evmbox's `call`, so that the two can be timed side by side.

use revm::context::{Context, TxEnv};
use revm::database::{CacheDB, EmptyDB};
use revm::primitives::{hardfork::SpecId, hex, Address, Bytes, TxKind, U256};
use revm::state::{AccountInfo, Bytecode};
use revm::{ExecuteEvm, MainBuilder, MainContext};
use wasm_bindgen::prelude::*;

type Run = Box<dyn FnMut(Address, Bytes, u64) -> String>;

/// A revm instance over a world of contracts.
#[wasm_bindgen]
pub struct Revm {
    run: Run,
}

fn addr(s: &str) -> Result<Address, JsError> {
    s.parse()
        .map_err(|_| JsError::new(&format!("bad address {s}")))
}

#[wasm_bindgen]
impl Revm {
    /// `accounts`: a JSON array of `[address, code hex]`; `caller` is funded.
    #[wasm_bindgen(constructor)]
    pub fn new(accounts: &str, caller: &str) -> Result<Revm, JsError> {
        let list: Vec<(String, String)> = parse_pairs(accounts)?;
        let mut db = CacheDB::new(EmptyDB::default());
        db.insert_account_info(
            addr(caller)?,
            AccountInfo {
                balance: U256::from(10u128.pow(30)),
                ..Default::default()
            },
        );
        for (a, code) in list {
            let bytes = hex::decode(code.trim_start_matches("0x"))
                .map_err(|e| JsError::new(&e.to_string()))?;
            let bc = Bytecode::new_raw(Bytes::from(bytes));
            db.insert_account_info(
                addr(&a)?,
                AccountInfo {
                    nonce: 1,
                    code_hash: bc.hash_slow(),
                    code: Some(bc),
                    ..Default::default()
                },
            );
        }
        let mut evm = Context::mainnet()
            .with_db(db)
            .modify_cfg_chained(|c| {
                c.set_spec_and_mainnet_gas_params(SpecId::CANCUN);
                c.tx_gas_limit_cap = Some(u64::MAX);
            })
            .modify_block_chained(|b| {
                b.gas_limit = u64::MAX;
                b.basefee = 0;
                b.number = U256::from(1);
                b.timestamp = U256::from(1);
            })
            .build_mainnet();
        let from = addr(caller)?;
        let run: Run = Box::new(move |to, data, gas| {
            let tx = TxEnv::builder()
                .caller(from)
                .kind(TxKind::Call(to))
                .data(data)
                .gas_limit(gas)
                .gas_price(0)
                .build()
                .expect("tx");
            match evm.transact(tx) {
                Ok(out) => format!(
                    "{{\"success\":{},\"gasUsed\":{},\"output\":\"0x{}\"}}",
                    out.result.is_success(),
                    out.result.tx_gas_used(),
                    hex::encode(out.result.output().map(|b| b.to_vec()).unwrap_or_default())
                ),
                Err(e) => format!("{{\"error\":{:?}}}", e.to_string()),
            }
        });
        Ok(Revm { run })
    }

    /// Runs a call (not committed); returns `{ success, gasUsed, output }` as JSON text.
    pub fn call(&mut self, to: &str, data: &[u8], gas: u64) -> Result<String, JsError> {
        Ok((self.run)(addr(to)?, Bytes::copy_from_slice(data), gas))
    }
}

/// `[["0x…","0x…"],…]` without a JSON library.
fn parse_pairs(s: &str) -> Result<Vec<(String, String)>, JsError> {
    let strings: Vec<String> = s
        .split('"')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, t)| t.to_string())
        .collect();
    if strings.len() % 2 != 0 {
        return Err(JsError::new("accounts: expected pairs of strings"));
    }
    Ok(strings
        .chunks(2)
        .map(|c| (c[0].clone(), c[1].clone()))
        .collect())
}
