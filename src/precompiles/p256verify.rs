//! P256VERIFY (0x100, Osaka, EIP-7951): checks an ECDSA signature over secp256r1 (P-256),
//! the curve of passkeys and secure enclaves.
//!
//! Input: `h ‖ r ‖ s ‖ qx ‖ qy`, 160 bytes. Output: 32 bytes ending in 1 when the signature
//! is valid, nothing otherwise (a wrong length, r or s outside [1, n), a public key off the
//! curve, at infinity or with a coordinate ≥ p). The gas is the same either way; the call
//! itself never fails. High-s signatures are valid, as the EIP says.

use super::Out;
use p256::ecdsa::signature::hazmat::PrehashVerifier;
use p256::ecdsa::{Signature, VerifyingKey};

/// The cost of every call.
pub(super) const GAS: u64 = 6900;

pub(super) fn run(input: &[u8], out: &mut Vec<u8>) -> Out {
    if verify(input) {
        out.resize(32, 0);
        out[31] = 1;
    }
    Ok(())
}

fn verify(input: &[u8]) -> bool {
    if input.len() != 160 {
        return false;
    }
    let (h, rs, q) = (&input[..32], &input[32..96], &input[96..]);
    // Rejects r or s that are zero or not below the group order.
    let Ok(sig) = Signature::from_slice(rs) else {
        return false;
    };
    let mut sec1 = [0u8; 65];
    sec1[0] = 0x04;
    sec1[1..].copy_from_slice(q);
    // Rejects coordinates ≥ p, points off the curve and the point at infinity.
    let Ok(key) = VerifyingKey::from_sec1_bytes(&sec1) else {
        return false;
    };
    key.verify_prehash(h, &sig).is_ok()
}
