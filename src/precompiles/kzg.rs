//! KZG point evaluation (0x0a, EIP-4844), on kzg-rs with the mainnet trusted setup.

use super::Out;
use crate::frame::Halt;
use kzg_rs::{Bytes32, Bytes48, EnvKzgSettings, KzgProof};
use sha2::{Digest, Sha256};

pub(super) const GAS: u64 = 50000;

/// FIELD_ELEMENTS_PER_BLOB (4096) and BLS_MODULUS, as the precompile returns them.
const RETURN_VALUE: [u8; 64] = {
    let mut r = [0u8; 64];
    r[30] = 0x10;
    let modulus: [u8; 32] = [
        0x73, 0xed, 0xa7, 0x53, 0x29, 0x9d, 0x7d, 0x48, 0x33, 0x39, 0xd8, 0x08, 0x09, 0xa1, 0xd8,
        0x05, 0x53, 0xbd, 0xa4, 0x02, 0xff, 0xfe, 0x5b, 0xfe, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00,
        0x00, 0x01,
    ];
    let mut i = 0;
    while i < 32 {
        r[32 + i] = modulus[i];
        i += 1;
    }
    r
};

pub(super) fn run(input: &[u8], out: &mut Vec<u8>) -> Out {
    if input.len() != 192 {
        return Err(Halt::PrecompileFailure);
    }
    let (versioned_hash, z, y) = (&input[..32], &input[32..64], &input[64..96]);
    let (commitment, proof) = (&input[96..144], &input[144..192]);
    let mut h: [u8; 32] = Sha256::digest(commitment).into();
    h[0] = crate::gas::VERSIONED_HASH_VERSION_KZG;
    if h != versioned_hash {
        return Err(Halt::PrecompileFailure);
    }
    let fail = |_| Halt::PrecompileFailure;
    let ok = KzgProof::verify_kzg_proof(
        &Bytes48::from_slice(commitment).map_err(fail)?,
        &Bytes32::from_slice(z).map_err(fail)?,
        &Bytes32::from_slice(y).map_err(fail)?,
        &Bytes48::from_slice(proof).map_err(fail)?,
        EnvKzgSettings::Default.get(),
    )
    .map_err(fail)?;
    if !ok {
        return Err(Halt::PrecompileFailure);
    }
    out.extend_from_slice(&RETURN_VALUE);
    Ok(())
}
