//! Merkle-Patricia trie roots (the secure trie of accounts and of storage) and the logs hash.

use crate::primitives::{keccak256, B256, KECCAK_EMPTY, U256};
use crate::rlp::{encode_bytes, encode_list, encode_u256, encode_u64};
use crate::state::{InMemoryDb, Log};

/// Root of the empty trie: keccak256(rlp("")).
pub const EMPTY_ROOT: B256 = B256([
    0x56, 0xe8, 0x1f, 0x17, 0x1b, 0xcc, 0x55, 0xa6, 0xff, 0x83, 0x45, 0xe6, 0x92, 0xc0, 0xf8, 0x6e,
    0x5b, 0x48, 0xe0, 0x1b, 0x99, 0x6c, 0xad, 0xc0, 0x01, 0x62, 0x2f, 0xb5, 0xe3, 0x63, 0xb4, 0x21,
]);

fn nibbles(key: &[u8]) -> Vec<u8> {
    key.iter().flat_map(|b| [b >> 4, b & 15]).collect()
}

fn hex_prefix(nib: &[u8], leaf: bool) -> Vec<u8> {
    let flag = if leaf { 2 } else { 0 };
    let mut out = Vec::with_capacity(nib.len() / 2 + 1);
    let rest = if nib.len() % 2 == 1 {
        out.push(((flag + 1) << 4) | nib[0]);
        &nib[1..]
    } else {
        out.push(flag << 4);
        nib
    };
    for p in rest.chunks(2) {
        out.push((p[0] << 4) | p[1]);
    }
    out
}

/// Appends a reference to a node: the node itself if under 32 bytes, else its hash.
fn push_ref(out: &mut Vec<u8>, node: &[u8]) {
    if node.len() < 32 {
        out.extend_from_slice(node);
    } else {
        encode_bytes(out, &keccak256(node).0);
    }
}

/// Encodes the node for `entries` (sorted by key, keys all of the same length) below `depth`.
fn node(entries: &[(Vec<u8>, Vec<u8>)], depth: usize) -> Vec<u8> {
    if entries.len() == 1 {
        let (k, v) = &entries[0];
        let mut p = Vec::new();
        encode_bytes(&mut p, &hex_prefix(&k[depth..], true));
        encode_bytes(&mut p, v);
        return encode_list(&p);
    }
    let first = &entries[0].0;
    let last = &entries[entries.len() - 1].0;
    let common = first[depth..]
        .iter()
        .zip(&last[depth..])
        .take_while(|(a, b)| a == b)
        .count();
    if common > 0 {
        let child = node(entries, depth + common);
        let mut p = Vec::new();
        encode_bytes(&mut p, &hex_prefix(&first[depth..depth + common], false));
        push_ref(&mut p, &child);
        return encode_list(&p);
    }
    let mut p = Vec::new();
    let mut i = 0;
    for n in 0..16u8 {
        let start = i;
        while i < entries.len() && entries[i].0[depth] == n {
            i += 1;
        }
        if start == i {
            p.push(0x80);
        } else {
            push_ref(&mut p, &node(&entries[start..i], depth + 1));
        }
    }
    p.push(0x80);
    encode_list(&p)
}

/// Root of a trie holding `(key, value)` pairs (keys of equal length, values already encoded).
pub fn trie_root(pairs: impl IntoIterator<Item = (Vec<u8>, Vec<u8>)>) -> B256 {
    let mut entries: Vec<(Vec<u8>, Vec<u8>)> =
        pairs.into_iter().map(|(k, v)| (nibbles(&k), v)).collect();
    if entries.is_empty() {
        return EMPTY_ROOT;
    }
    entries.sort_unstable();
    keccak256(&node(&entries, 0))
}

/// Storage root of an account: the secure trie of its non-zero slots.
pub fn storage_root<'a>(slots: impl IntoIterator<Item = (&'a U256, &'a U256)>) -> B256 {
    trie_root(
        slots
            .into_iter()
            .filter(|(_, v)| !v.is_zero())
            .map(|(k, v)| {
                let mut enc = Vec::new();
                encode_u256(&mut enc, v);
                (keccak256(&k.to_be_bytes::<32>()).0.to_vec(), enc)
            }),
    )
}

/// State root of a world held in memory.
pub fn state_root(db: &InMemoryDb) -> B256 {
    trie_root(db.accounts().iter().map(|(addr, acc)| {
        let mut p = Vec::new();
        encode_u64(&mut p, acc.info.nonce);
        encode_u256(&mut p, &acc.info.balance);
        encode_bytes(&mut p, &storage_root(acc.storage.iter()).0);
        let code_hash = if acc.info.code.is_empty() {
            KECCAK_EMPTY
        } else {
            acc.info.code.hash()
        };
        encode_bytes(&mut p, &code_hash.0);
        (keccak256(&addr.0).0.to_vec(), encode_list(&p))
    }))
}

/// keccak256 of the RLP list of logs, as state tests record it.
pub fn logs_hash(logs: &[Log]) -> B256 {
    let mut all = Vec::new();
    for l in logs {
        let mut p = Vec::new();
        encode_bytes(&mut p, &l.address.0);
        let mut t = Vec::new();
        for topic in &l.topics {
            encode_bytes(&mut t, &topic.0);
        }
        p.extend_from_slice(&encode_list(&t));
        encode_bytes(&mut p, &l.data);
        all.extend_from_slice(&encode_list(&p));
    }
    keccak256(&encode_list(&all))
}
