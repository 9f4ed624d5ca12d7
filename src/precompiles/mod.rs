//! Precompiled contracts 0x01..0x0a (Cancun), with exact gas.
//!
//! Each returns the gas it used, or a [`Halt`] that consumes all the gas it was given. The
//! cryptography comes from maintained pure-Rust crates (k256, sha2, ripemd, substrate-bn,
//! bls12_381, aurora-engine-modexp), so every one builds for wasm32 without a C toolchain.

mod blake2f;
mod bn254;
mod ecrecover;
mod hashes;
mod kzg;
mod modexp;

use crate::gas::words;
use crate::primitives::Address;
use crate::status::Halt;

/// Whether `address` is a precompile in Cancun (0x01..=0x0a).
#[inline]
pub fn is_precompile(address: &Address) -> bool {
    address.0[..19].iter().all(|&b| b == 0) && (1..=10).contains(&address.0[19])
}

/// Whether this build implements the precompile at `address` (all ten of Cancun).
pub fn is_implemented(address: &Address) -> bool {
    is_precompile(address)
}

/// The outcome of a precompile body: output written, or failure.
type Out = Result<(), Halt>;

/// `base + per_word * words(len)`, saturating.
fn linear(len: usize, base: u64, per_word: u64) -> u64 {
    base.saturating_add(words(len as u64).saturating_mul(per_word))
}

/// Runs the precompile at `address` on `input` with `gas`, writing its output to `out`.
/// Returns the gas used, or the halt that consumes all of it.
pub fn run(address: &Address, input: &[u8], gas: u64, out: &mut Vec<u8>) -> Result<u64, Halt> {
    out.clear();
    let id = if is_precompile(address) {
        address.0[19]
    } else {
        return Err(Halt::PrecompileFailure);
    };
    let cost = match id {
        1 => ecrecover::GAS,
        2 => linear(input.len(), 60, 12),
        3 => linear(input.len(), 600, 120),
        4 => linear(input.len(), 15, 3),
        5 => modexp::gas(input),
        6 => bn254::ADD_GAS,
        7 => bn254::MUL_GAS,
        8 => bn254::pairing_gas(input.len()),
        9 => blake2f::gas(input)?,
        _ => kzg::GAS,
    };
    if cost > gas {
        return Err(Halt::OutOfGas);
    }
    match id {
        1 => ecrecover::run(input, out),
        2 => hashes::sha256(input, out),
        3 => hashes::ripemd160(input, out),
        4 => {
            out.extend_from_slice(input);
            Ok(())
        }
        5 => modexp::run(input, out),
        6 => bn254::add(input, out),
        7 => bn254::mul(input, out),
        8 => bn254::pairing(input, out),
        9 => blake2f::run(input, out),
        _ => kzg::run(input, out),
    }?;
    Ok(cost)
}

/// `input[offset..offset+len]`, zero-padded where `input` is shorter.
fn padded<const N: usize>(input: &[u8], offset: usize) -> [u8; N] {
    let mut b = [0u8; N];
    if offset < input.len() {
        let n = (input.len() - offset).min(N);
        b[..n].copy_from_slice(&input[offset..offset + n]);
    }
    b
}
