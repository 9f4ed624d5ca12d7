//! Block and transaction information: ORIGIN, GASPRICE, COINBASE, TIMESTAMP, NUMBER,
//! PREVRANDAO, GASLIMIT, CHAINID, BASEFEE, BLOBHASH, BLOBBASEFEE.

use super::R;
use crate::env::Env;
use crate::frame::Frame;
use crate::primitives::U256;

/// Pushes a value read from the environment.
#[inline(always)]
pub(crate) fn push_env(f: &mut Frame, env: &Env, get: impl FnOnce(&Env) -> U256) -> R {
    f.stack.push(get(env));
    Ok(())
}

pub(crate) fn blobhash(f: &mut Frame, env: &Env) -> R {
    let i = f.stack.top_mut();
    *i = usize::try_from(*i)
        .ok()
        .and_then(|i| env.tx.blob_hashes.get(i))
        .map(|h| h.to_word())
        .unwrap_or(U256::ZERO);
    Ok(())
}
