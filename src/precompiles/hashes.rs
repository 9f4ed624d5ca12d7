//! SHA-256 (0x02) and RIPEMD-160 (0x03).

use super::Out;
use ripemd::Ripemd160;
use sha2::{Digest, Sha256};

pub(super) fn sha256(input: &[u8], out: &mut Vec<u8>) -> Out {
    out.extend_from_slice(&Sha256::digest(input));
    Ok(())
}

pub(super) fn ripemd160(input: &[u8], out: &mut Vec<u8>) -> Out {
    out.extend_from_slice(&[0u8; 12]);
    out.extend_from_slice(&Ripemd160::digest(input));
    Ok(())
}
