//! EIP-7702 set-code transactions: each valid authorization makes its signer (the
//! authority) delegate to another account's code, before the transaction runs and whatever
//! its outcome.
//!
//! An authorization is skipped, not fatal, when it is for another chain, its nonce is at the
//! maximum, its signature does not recover, the authority has code that is not a delegation,
//! or the authority's nonce differs. A valid one warms the authority, sets its code to
//! `0xef0100 ‖ address` (or clears it for the zero address), bumps its nonce, and refunds
//! 12,500 gas of the 25,000 charged if the authority already existed.

use super::Evm;
use crate::bytecode::delegation_designator;
use crate::gas::{PER_AUTH_BASE, PER_EMPTY_ACCOUNT};
use crate::precompiles::ecrecover;
use crate::primitives::{keccak256, Address, U256};
use crate::rlp;
use crate::state::{Backend, Need};
use crate::transaction::Authorization;
use k256::ecdsa::Signature;

/// The byte an authorization's signed message starts with.
const SET_CODE_MAGIC: u8 = 0x05;

/// Half the secp256k1 group order: the largest `s` a signature may have (EIP-2).
const SECP256K1N_HALF: U256 = U256::from_limbs([
    0xdfe9_2f46_681b_20a0,
    0x5d57_6e73_57a4_501d,
    0xffff_ffff_ffff_ffff,
    0x7fff_ffff_ffff_ffff,
]);

/// The signer of `auth`, if its signature is well formed (y parity 0 or 1, r in [1, n),
/// s in [1, n/2]) and recovers.
pub fn authority(auth: &Authorization) -> Option<Address> {
    if auth.y_parity > U256::from(1) || auth.s.is_zero() || auth.s > SECP256K1N_HALF {
        return None;
    }
    let mut payload = Vec::with_capacity(64);
    rlp::encode_u256(&mut payload, &auth.chain_id);
    rlp::encode_bytes(&mut payload, &auth.address.0);
    rlp::encode_u256(&mut payload, &auth.nonce);
    let mut msg = vec![SET_CODE_MAGIC];
    msg.extend_from_slice(&rlp::encode_list(&payload));
    let hash = keccak256(&msg);
    let mut rs = [0u8; 64];
    rs[..32].copy_from_slice(&auth.r.to_be_bytes::<32>());
    rs[32..].copy_from_slice(&auth.s.to_be_bytes::<32>());
    // Rejects r = 0 and r ≥ n.
    let sig = Signature::from_slice(&rs).ok()?;
    ecrecover::recover(&hash.0, &sig, auth.y_parity.to::<u8>())
}

impl<B: Backend> Evm<B> {
    /// The authorities of `auths` that pass the stateless checks (chain id, nonce bound,
    /// signature), `None` for the others; every account the authorizations and the call to
    /// `target` may touch is loaded, so that applying them later reads nothing (the
    /// suspension rule: reads before the first write).
    pub(super) fn load_authorities(
        &mut self,
        auths: &[Authorization],
        target: Address,
    ) -> Result<Vec<Option<Address>>, Need> {
        let chain = U256::from(self.env.block.chain_id);
        let mut out = Vec::with_capacity(auths.len());
        for a in auths {
            let ok =
                (a.chain_id.is_zero() || a.chain_id == chain) && a.nonce < U256::from(u64::MAX);
            let signer = if ok { authority(a) } else { None };
            if let Some(s) = signer {
                self.journal.load(s)?;
                self.journal.load(a.address)?;
            }
            out.push(signer);
        }
        // The target and its current delegate (a new one is among the addresses above).
        self.code_to_run(target)?;
        Ok(out)
    }

    /// Applies the authorizations whose authorities `load_authorities` found; returns the
    /// refund for authorities that already existed.
    pub(super) fn apply_authorizations(
        &mut self,
        auths: &[Authorization],
        authorities: &[Option<Address>],
    ) -> u64 {
        let mut refund = 0;
        for (a, signer) in auths.iter().zip(authorities) {
            let Some(s) = *signer else { continue };
            // Already loaded: these cannot suspend.
            let _ = self.journal.prewarm(s);
            let Some(acc) = self.journal.cached(&s) else {
                continue;
            };
            let code = &acc.info.code;
            if !code.is_empty() && code.delegation().is_none() {
                continue;
            }
            if U256::from(acc.info.nonce) != a.nonce {
                continue;
            }
            if acc.existed || acc.touched {
                refund += PER_EMPTY_ACCOUNT - PER_AUTH_BASE;
            }
            let nonce = acc.info.nonce;
            let code = if a.address == Address::ZERO {
                self.journal.empty_code().clone()
            } else {
                self.codes
                    .get_or_analyse(&delegation_designator(&a.address))
            };
            self.journal.set_code(s, code);
            self.journal.set_nonce(s, nonce + 1);
        }
        refund
    }
}
