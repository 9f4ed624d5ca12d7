//! Block and transaction information: ORIGIN, GASPRICE, COINBASE, TIMESTAMP, NUMBER,
//! PREVRANDAO, GASLIMIT, CHAINID, BASEFEE, BLOBHASH, BLOBBASEFEE. All cold (out of line).

use super::OpResult;
use crate::env::Env;
use crate::frame::Frame;
use crate::primitives::U256;

#[inline(always)]
fn push(f: &mut Frame, v: U256) -> OpResult {
    f.stack.push(v);
    Ok(())
}

#[inline(never)]
pub(crate) fn origin(f: &mut Frame, env: &Env) -> OpResult {
    push(f, env.tx.origin.to_word())
}
#[inline(never)]
pub(crate) fn gasprice(f: &mut Frame, env: &Env) -> OpResult {
    push(f, env.tx.gas_price)
}
#[inline(never)]
pub(crate) fn coinbase(f: &mut Frame, env: &Env) -> OpResult {
    push(f, env.block.coinbase.to_word())
}
#[inline(never)]
pub(crate) fn timestamp(f: &mut Frame, env: &Env) -> OpResult {
    push(f, U256::from(env.block.timestamp))
}
#[inline(never)]
pub(crate) fn number(f: &mut Frame, env: &Env) -> OpResult {
    push(f, U256::from(env.block.number))
}
#[inline(never)]
pub(crate) fn prevrandao(f: &mut Frame, env: &Env) -> OpResult {
    push(f, env.block.prevrandao.to_word())
}
#[inline(never)]
pub(crate) fn gaslimit(f: &mut Frame, env: &Env) -> OpResult {
    push(f, U256::from(env.block.gas_limit))
}
#[inline(never)]
pub(crate) fn chainid(f: &mut Frame, env: &Env) -> OpResult {
    push(f, U256::from(env.block.chain_id))
}
#[inline(never)]
pub(crate) fn basefee(f: &mut Frame, env: &Env) -> OpResult {
    push(f, env.block.base_fee)
}
#[inline(never)]
pub(crate) fn blobbasefee(f: &mut Frame, env: &Env) -> OpResult {
    push(f, env.blob_base_fee())
}
#[inline(never)]
pub(crate) fn blobhash(f: &mut Frame, env: &Env) -> OpResult {
    let i = f.stack.top_mut();
    *i = usize::try_from(*i)
        .ok()
        .and_then(|i| env.tx.blob_hashes.get(i))
        .map(|h| h.to_word())
        .unwrap_or(U256::ZERO);
    Ok(())
}
