//! KZG point evaluation (0x0a, EIP-4844) on arkworks' BLS12-381 (the curve crate the
//! EIP-2537 precompiles use too), with points in the ZCash compressed encoding.
//!
//! Verifying one proof needs only [τ]₂ from the mainnet trusted setup (the second G2 point of
//! the ceremony output), so that single point is embedded rather than the whole setup, which
//! would add about 790 KB to the wasm module (measured with kzg-rs, which embeds all of it).

use super::Out;
use crate::status::Halt;
use ark_bls12_381::{Bls12_381, Fr, G1Affine, G2Affine};
use ark_ec::pairing::Pairing;
use ark_ec::{AffineRepr, CurveGroup};
use ark_ff::{BigInt, One, PrimeField};
use ark_serialize::CanonicalDeserialize;
use sha2::{Digest, Sha256};

pub(super) const GAS: u64 = 50000;

/// [τ]₂ of the mainnet KZG ceremony (trusted_setup.txt, G2 point 1), compressed.
const TAU_G2: [u8; 96] = [
    0xb5, 0xbf, 0xd7, 0xdd, 0x8c, 0xde, 0xb1, 0x28, 0x84, 0x3b, 0xc2, 0x87, 0x23, 0x0a, 0xf3, 0x89,
    0x26, 0x18, 0x70, 0x75, 0xcb, 0xfb, 0xef, 0xa8, 0x10, 0x09, 0xa2, 0xce, 0x61, 0x5a, 0xc5, 0x3d,
    0x29, 0x14, 0xe5, 0x87, 0x0c, 0xb4, 0x52, 0xd2, 0xaf, 0xaa, 0xab, 0x24, 0xf3, 0x49, 0x9f, 0x72,
    0x18, 0x5c, 0xbf, 0xee, 0x53, 0x49, 0x27, 0x14, 0x73, 0x44, 0x29, 0xb7, 0xb3, 0x86, 0x08, 0xe2,
    0x39, 0x26, 0xc9, 0x11, 0xcc, 0xec, 0xea, 0xc9, 0xa3, 0x68, 0x51, 0x47, 0x7b, 0xa4, 0xc6, 0x0b,
    0x08, 0x70, 0x41, 0xde, 0x62, 0x10, 0x00, 0xed, 0xc9, 0x8e, 0xda, 0xda, 0x20, 0xc1, 0xde, 0xf2,
];

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

/// A field element from 32 big-endian bytes; fails unless canonical (below the modulus).
fn scalar(be: &[u8]) -> Result<Fr, Halt> {
    let mut limbs = [0u64; 4];
    for (i, chunk) in be.rchunks(8).enumerate() {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        limbs[i] = u64::from_be_bytes(w);
    }
    Fr::from_bigint(BigInt::new(limbs)).ok_or(Halt::PrecompileFailure)
}

/// A G1 point from 48 compressed bytes; fails unless on the curve and in the subgroup.
fn g1(b: &[u8]) -> Result<G1Affine, Halt> {
    G1Affine::deserialize_compressed(b).map_err(|_| Halt::PrecompileFailure)
}

/// Checks the proof that the polynomial committed to by `commitment` takes the value `y` at
/// `z`: e(C - [y]₁, [1]₂) = e(π, [τ]₂ - [z]₂).
fn verify(commitment: G1Affine, z: Fr, y: Fr, proof: G1Affine) -> Result<bool, Halt> {
    let tau = G2Affine::deserialize_compressed(&TAU_G2[..]).map_err(|_| Halt::PrecompileFailure)?;
    let x_minus_z = (tau.into_group() - G2Affine::generator() * z).into_affine();
    let p_minus_y = commitment.into_group() - G1Affine::generator() * y;
    let lhs = (-p_minus_y).into_affine();
    let gt = Bls12_381::multi_pairing([lhs, proof], [G2Affine::generator(), x_minus_z]);
    Ok(gt.0.is_one())
}

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
    if !verify(g1(commitment)?, scalar(z)?, scalar(y)?, g1(proof)?)? {
        return Err(Halt::PrecompileFailure);
    }
    out.extend_from_slice(&RETURN_VALUE);
    Ok(())
}
