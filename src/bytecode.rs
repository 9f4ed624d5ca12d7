//! Contract code, analysed once: zero-padded bytes and the JUMPDEST bitmap; and EIP-7702
//! delegation designators.

use crate::fast_map::FastMap;
use crate::primitives::{keccak256, Address, B256, KECCAK_EMPTY};
use std::sync::Arc;

/// Padding after the code: a PUSH32 at the last byte reads zeros, and the loop always finds a
/// STOP past the end.
const PADDING: usize = 33;

/// Analysed bytecode, shared by every account and frame that runs it.
#[derive(Debug, Clone)]
pub struct Code {
    padded: Box<[u8]>,
    len: usize,
    jumpdests: Box<[u64]>,
    hash: B256,
    /// The delegate, if the code is an EIP-7702 delegation designator (found once, here).
    delegation: Option<Address>,
}

impl Code {
    /// Analyses `bytes`: copies them with zero padding and marks the valid jump destinations.
    pub fn new(bytes: &[u8]) -> Code {
        let hash = keccak256(bytes);
        Code::with_hash(bytes, hash)
    }

    /// As [`Code::new`], with the keccak hash already known.
    pub fn with_hash(bytes: &[u8], hash: B256) -> Code {
        let len = bytes.len();
        let mut padded = Vec::with_capacity(len + PADDING);
        padded.extend_from_slice(bytes);
        padded.resize(len + PADDING, 0);
        let mut jumpdests = vec![0u64; len.div_ceil(64)];
        let mut i = 0;
        while i < len {
            let op = bytes[i];
            if op == crate::opcodes::JUMPDEST {
                jumpdests[i / 64] |= 1 << (i % 64);
            } else if (crate::opcodes::PUSH1..=crate::opcodes::PUSH32).contains(&op) {
                i += (op - crate::opcodes::PUSH1 + 1) as usize;
            }
            i += 1;
        }
        Code {
            padded: padded.into_boxed_slice(),
            len,
            jumpdests: jumpdests.into_boxed_slice(),
            hash,
            delegation: designated(bytes),
        }
    }

    /// Empty code.
    pub fn empty() -> Code {
        Code {
            padded: vec![0u8; PADDING].into_boxed_slice(),
            len: 0,
            jumpdests: Box::new([]),
            hash: KECCAK_EMPTY,
            delegation: None,
        }
    }

    /// The code bytes, without padding.
    #[inline]
    pub fn bytes(&self) -> &[u8] {
        &self.padded[..self.len]
    }

    /// The code followed by at least 33 zero bytes.
    #[inline]
    pub fn padded(&self) -> &[u8] {
        &self.padded
    }

    /// Code length in bytes.
    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the code is empty.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// keccak256 of the code.
    #[inline]
    pub fn hash(&self) -> B256 {
        self.hash
    }

    /// Whether `pc` is a JUMPDEST that is not inside PUSH data.
    #[inline]
    pub fn is_jumpdest(&self, pc: usize) -> bool {
        pc < self.len && self.jumpdests[pc / 64] & (1 << (pc % 64)) != 0
    }

    /// The account this code delegates to, if it is an EIP-7702 delegation designator
    /// (`0xef0100 ‖ address`, 23 bytes). Only forks with set-code transactions follow it.
    #[inline]
    pub fn delegation(&self) -> Option<Address> {
        self.delegation
    }
}

/// The delegate named by `bytes`, if they are a delegation designator.
fn designated(bytes: &[u8]) -> Option<Address> {
    if bytes.len() != DELEGATION_LEN || bytes[..3] != DELEGATION_PREFIX {
        return None;
    }
    let mut a = [0u8; 20];
    a.copy_from_slice(&bytes[3..]);
    Some(Address(a))
}

/// The first bytes of an EIP-7702 delegation designator.
pub const DELEGATION_PREFIX: [u8; 3] = [0xef, 0x01, 0x00];
/// The length of a delegation designator: the prefix and an address.
const DELEGATION_LEN: usize = 23;

/// The delegation designator that makes an account run `to`'s code (EIP-7702).
pub fn delegation_designator(to: &Address) -> Vec<u8> {
    [&DELEGATION_PREFIX[..], &to.0[..]].concat()
}

/// Analysed code by code hash: code deployed twice is analysed once and shared. Entries that
/// nothing else references any more (the deployment was reverted, or the account is gone)
/// are dropped by [`CodeCache::evict_unused`] at the end of every transaction, so the cache
/// never holds more than the codes that accounts hold.
#[derive(Debug, Clone, Default)]
pub struct CodeCache {
    map: FastMap<B256, Arc<Code>>,
}

impl CodeCache {
    /// The analysed code for `bytes`, analysing it on first sight.
    pub fn get_or_analyse(&mut self, bytes: &[u8]) -> Arc<Code> {
        let hash = keccak256(bytes);
        self.map
            .entry(hash)
            .or_insert_with(|| Arc::new(Code::with_hash(bytes, hash)))
            .clone()
    }

    /// Drops every code that only the cache still references.
    pub fn evict_unused(&mut self) {
        self.map.retain(|_, code| Arc::strong_count(code) > 1);
    }

    /// Number of distinct codes held.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether nothing was analysed yet.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}
