//! ECRECOVER (0x01): the address that signed a hash. Invalid signatures give empty output
//! (the call still succeeds), as the Yellow Paper defines.

use super::{padded, Out};
use crate::primitives::{keccak256, Address};
use k256::ecdsa::{RecoveryId, Signature, VerifyingKey};

pub(super) const GAS: u64 = 3000;

pub(super) fn run(input: &[u8], out: &mut Vec<u8>) -> Out {
    let b: [u8; 128] = padded(input, 0);
    let (hash, v, rs) = (&b[..32], &b[32..64], &b[64..128]);
    if v[..31].iter().any(|&x| x != 0) || !(v[31] == 27 || v[31] == 28) {
        return Ok(());
    }
    let Ok(mut sig) = Signature::from_slice(rs) else {
        return Ok(());
    };
    let mut recid = v[31] - 27;
    if let Some(low) = sig.normalize_s() {
        sig = low;
        recid ^= 1;
    }
    if let Some(a) = recover(hash, &sig, recid) {
        out.extend_from_slice(&[0u8; 12]);
        out.extend_from_slice(&a.0);
    }
    Ok(())
}

/// The address whose key made `sig` (r and s below the group order, non-zero) over `hash`
/// with recovery id `recid` (0 or 1), if there is one.
pub(crate) fn recover(hash: &[u8], sig: &Signature, recid: u8) -> Option<Address> {
    let recid = RecoveryId::from_byte(recid)?;
    let key = VerifyingKey::recover_from_prehash(hash, sig, recid).ok()?;
    let point = key.to_encoded_point(false);
    let h = keccak256(&point.as_bytes()[1..]);
    let mut a = [0u8; 20];
    a.copy_from_slice(&h.0[12..]);
    Some(Address(a))
}
