//! Recursive-length-prefix encoding, as much as state roots and log hashes need.

use crate::primitives::U256;

fn length_prefix(out: &mut Vec<u8>, len: usize, short: u8, long: u8) {
    if len < 56 {
        out.push(short + len as u8);
    } else {
        let be = (len as u64).to_be_bytes();
        let skip = be.iter().take_while(|&&b| b == 0).count();
        out.push(long + (8 - skip) as u8);
        out.extend_from_slice(&be[skip..]);
    }
}

/// Appends the encoding of a byte string.
pub fn encode_bytes(out: &mut Vec<u8>, b: &[u8]) {
    if b.len() == 1 && b[0] < 0x80 {
        out.push(b[0]);
    } else {
        length_prefix(out, b.len(), 0x80, 0xb7);
        out.extend_from_slice(b);
    }
}

/// Appends the encoding of an unsigned integer (big-endian, no leading zeros).
pub fn encode_u256(out: &mut Vec<u8>, v: &U256) {
    let be = v.to_be_bytes::<32>();
    let skip = be.iter().take_while(|&&b| b == 0).count();
    encode_bytes(out, &be[skip..]);
}

/// Appends the encoding of a u64.
pub fn encode_u64(out: &mut Vec<u8>, v: u64) {
    encode_u256(out, &U256::from(v));
}

/// Wraps already-encoded items into a list.
pub fn encode_list(payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(payload.len() + 9);
    length_prefix(&mut out, payload.len(), 0xc0, 0xf7);
    out.extend_from_slice(payload);
    out
}
