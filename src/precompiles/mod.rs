//! Precompiled contracts 0x01..0x0a (Cancun).

use crate::frame::Halt;
use crate::primitives::Address;

/// Whether `address` is a precompile in Cancun (0x01..=0x0a).
#[inline]
pub fn is_precompile(address: &Address) -> bool {
    address.0[..19].iter().all(|&b| b == 0) && (1..=10).contains(&address.0[19])
}

/// Runs the precompile at `address` on `input` with `gas`, writing its output to `out`.
/// Returns the gas used, or the halt that consumes all of it.
pub fn run(address: &Address, input: &[u8], gas: u64, out: &mut Vec<u8>) -> Result<u64, Halt> {
    let _ = (address, input, gas, out);
    Err(Halt::PrecompileFailure)
}

/// Whether this build implements the precompile at `address`.
pub fn is_implemented(address: &Address) -> bool {
    let _ = address;
    false
}
