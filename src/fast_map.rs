//! A fast, non-cryptographic hasher for the journal's maps (addresses and 256-bit slots):
//! the multiply-rotate scheme of rustc's FxHash. SipHash, std's default, cost about a tenth
//! of snailtracer's run time in SLOAD-heavy stretches.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with [`FastHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;
/// A `HashSet` with [`FastHasher`].
pub type FastSet<K> = std::collections::HashSet<K, BuildHasherDefault<FastHasher>>;

const SEED: u64 = 0xf1357aea2e62a9c5;

/// Multiply-rotate hashing of 8-byte words.
#[derive(Debug, Default, Clone, Copy)]
pub struct FastHasher(u64);

impl FastHasher {
    #[inline(always)]
    fn add(&mut self, word: u64) {
        self.0 = self.0.wrapping_add(word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w));
        }
    }

    #[inline]
    fn write_u8(&mut self, n: u8) {
        self.add(n as u64);
    }

    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        // Rotate so that the well-mixed high bits also reach the low bits hashbrown indexes by.
        self.0.rotate_left(26)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ruint::aliases::U256;
    use std::hash::BuildHasher;

    #[test]
    fn distinct_keys_spread() {
        let b = BuildHasherDefault::<FastHasher>::default();
        let mut seen = std::collections::HashSet::new();
        for i in 0..10_000u64 {
            seen.insert(b.hash_one(U256::from(i)) & 0xffff);
            let mut address = [0u8; 20];
            address[12..].copy_from_slice(&i.to_be_bytes());
            seen.insert(b.hash_one(address) & 0xffff);
        }
        // 20,000 keys into 65,536 buckets: a good hash fills well over 14,000 distinct ones.
        assert!(seen.len() > 14_000, "{}", seen.len());
    }
}
