//! Basic value types: 20-byte addresses, 32-byte hashes, 256-bit words, keccak and hex helpers.

use std::fmt;

pub use ruint::aliases::U256;

/// A 20-byte account address.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct Address(pub [u8; 20]);

/// How many checksummed spellings [`Address::to_checksum`] keeps (then it starts over).
const CHECKSUM_CACHE: usize = 4096;

thread_local! {
    /// Recently spelt addresses: results name the same few accounts again and again, and
    /// each spelling costs a keccak.
    static CHECKSUMS: std::cell::RefCell<std::collections::HashMap<Address, String>> =
        Default::default();
}

/// A 32-byte hash or word.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct B256(pub [u8; 32]);

/// keccak256 of the empty string: the code hash of an account without code.
pub const KECCAK_EMPTY: B256 = B256([
    0xc5, 0xd2, 0x46, 0x01, 0x86, 0xf7, 0x23, 0x3c, 0x92, 0x7e, 0x7d, 0xb2, 0xdc, 0xc7, 0x03, 0xc0,
    0xe5, 0x00, 0xb6, 0x53, 0xca, 0x82, 0x27, 0x3b, 0x7b, 0xfa, 0xd8, 0x04, 0x5d, 0x85, 0xa4, 0x70,
]);

/// Parses a number: `0x` hex, decimal, or retesteth's `0x:bigint 0x...`, below 2^256.
pub fn parse_quantity(t: &str) -> Result<U256, String> {
    let t = t.trim();
    if let Some(rest) = t.strip_prefix("0x:bigint ") {
        return parse_quantity(rest);
    }
    if let Some(h) = t.strip_prefix("0x") {
        let h = h.trim_start_matches('0');
        if h.len() > 64 {
            return Err(format!("number above 2^256: {t}"));
        }
        U256::from_str_radix(if h.is_empty() { "0" } else { h }, 16).map_err(|e| e.to_string())
    } else {
        U256::from_str_radix(t, 10).map_err(|e| e.to_string())
    }
}

/// keccak256 of the given bytes.
pub fn keccak256(data: &[u8]) -> B256 {
    use tiny_keccak::{Hasher, Keccak};
    let mut k = Keccak::v256();
    k.update(data);
    let mut out = [0u8; 32];
    k.finalize(&mut out);
    B256(out)
}

impl Address {
    /// The zero address.
    pub const ZERO: Address = Address([0; 20]);

    /// The address held in the low 20 bytes of a word.
    pub fn from_word(w: U256) -> Address {
        let b = w.to_be_bytes::<32>();
        let mut a = [0u8; 20];
        a.copy_from_slice(&b[12..]);
        Address(a)
    }

    /// The address as a word (zero-extended on the left).
    pub fn to_word(&self) -> U256 {
        let mut b = [0u8; 32];
        b[12..].copy_from_slice(&self.0);
        U256::from_be_bytes(b)
    }

    /// An address whose last bytes hold `n` (handy for precompiles and tests).
    pub fn from_low_u64(n: u64) -> Address {
        let mut a = [0u8; 20];
        a[12..].copy_from_slice(&n.to_be_bytes());
        Address(a)
    }

    /// The EIP-55 mixed-case checksum form, `0x`-prefixed.
    pub fn to_checksum(&self) -> String {
        CHECKSUMS.with(|c| {
            let mut c = c.borrow_mut();
            if let Some(s) = c.get(self) {
                return s.clone();
            }
            if c.len() >= CHECKSUM_CACHE {
                c.clear();
            }
            let s = self.spell_checksum();
            c.insert(*self, s.clone());
            s
        })
    }

    /// The EIP-55 spelling, computed.
    fn spell_checksum(&self) -> String {
        let lower = encode_hex(&self.0);
        let hash = keccak256(lower.as_bytes());
        let mut out = String::with_capacity(42);
        out.push_str("0x");
        for (i, c) in lower.chars().enumerate() {
            let nibble = (hash.0[i / 2] >> (if i % 2 == 0 { 4 } else { 0 })) & 0xf;
            out.push(if nibble >= 8 {
                c.to_ascii_uppercase()
            } else {
                c
            });
        }
        out
    }

    /// Parses a `0x`-prefixed address as viem's `getAddress` does: all-lowercase or
    /// all-uppercase hex is taken as is; mixed case must be the EIP-55 checksum.
    pub fn parse_checked(s: &str) -> Result<Address, String> {
        let Some(h) = s.strip_prefix("0x") else {
            return Err(format!("{s:?} is not 0x-prefixed"));
        };
        let a = Address::from_hex(h).map_err(|e| format!("{s:?} is not an address ({e})"))?;
        let mixed =
            h.chars().any(|c| c.is_ascii_lowercase()) && h.chars().any(|c| c.is_ascii_uppercase());
        if mixed && a.to_checksum() != s {
            return Err(format!(
                "{s:?} has a wrong EIP-55 checksum (expected {})",
                a.to_checksum()
            ));
        }
        Ok(a)
    }

    /// Parses `0x`-prefixed (or bare) hex of exactly 20 bytes.
    pub fn from_hex(s: &str) -> Result<Address, HexError> {
        let v = decode_hex(s)?;
        let arr: [u8; 20] = v.try_into().map_err(|v: Vec<u8>| HexError::Length {
            expected: 20,
            got: v.len(),
        })?;
        Ok(Address(arr))
    }
}

impl B256 {
    /// The zero hash.
    pub const ZERO: B256 = B256([0; 32]);

    /// The hash as a big-endian word.
    pub fn to_word(&self) -> U256 {
        U256::from_be_bytes(self.0)
    }

    /// The big-endian bytes of a word.
    pub fn from_word(w: U256) -> B256 {
        B256(w.to_be_bytes::<32>())
    }

    /// Parses hex of at most 32 bytes, left-padding shorter input with zeros.
    pub fn from_hex(s: &str) -> Result<B256, HexError> {
        let v = decode_hex(s)?;
        if v.len() > 32 {
            return Err(HexError::Length {
                expected: 32,
                got: v.len(),
            });
        }
        let mut out = [0u8; 32];
        out[32 - v.len()..].copy_from_slice(&v);
        Ok(B256(out))
    }
}

impl fmt::Debug for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "0x{}", encode_hex(&self.0))
    }
}
impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "0x{}", encode_hex(&self.0))
    }
}
impl fmt::Debug for B256 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "0x{}", encode_hex(&self.0))
    }
}
impl fmt::Display for B256 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "0x{}", encode_hex(&self.0))
    }
}

/// An error decoding hex text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HexError {
    /// A character that is not a hex digit, at this index.
    BadChar(usize),
    /// An odd number of hex digits.
    OddLength,
    /// The decoded length is not the one required.
    Length {
        /// Bytes required.
        expected: usize,
        /// Bytes given.
        got: usize,
    },
}

impl fmt::Display for HexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HexError::BadChar(i) => write!(f, "invalid hex character at index {i}"),
            HexError::OddLength => write!(f, "odd number of hex digits"),
            HexError::Length { expected, got } => {
                write!(f, "expected {expected} bytes, got {got}")
            }
        }
    }
}

impl std::error::Error for HexError {}

/// Decodes hex text with an optional `0x` prefix.
pub fn decode_hex(s: &str) -> Result<Vec<u8>, HexError> {
    let s = s
        .strip_prefix("0x")
        .or_else(|| s.strip_prefix("0X"))
        .unwrap_or(s);
    let b = s.as_bytes();
    if !b.len().is_multiple_of(2) {
        return Err(HexError::OddLength);
    }
    let nib = |i: usize| -> Result<u8, HexError> {
        match b[i] {
            c @ b'0'..=b'9' => Ok(c - b'0'),
            c @ b'a'..=b'f' => Ok(c - b'a' + 10),
            c @ b'A'..=b'F' => Ok(c - b'A' + 10),
            _ => Err(HexError::BadChar(i)),
        }
    };
    (0..b.len() / 2)
        .map(|i| Ok((nib(2 * i)? << 4) | nib(2 * i + 1)?))
        .collect()
}

/// Encodes bytes as lowercase hex without a prefix.
pub fn encode_hex(b: &[u8]) -> String {
    const D: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(b.len() * 2);
    for &x in b {
        s.push(D[(x >> 4) as usize] as char);
        s.push(D[(x & 15) as usize] as char);
    }
    s
}

/// Encodes bytes as `0x`-prefixed lowercase hex.
pub fn to_hex(b: &[u8]) -> String {
    let mut s = String::from("0x");
    s.push_str(&encode_hex(b));
    s
}

/// A word as minimal `0x`-prefixed hex (`0x0` for zero), as EIP-3155 prints stack items.
pub fn word_hex(w: &U256) -> String {
    format!("{w:#x}")
}

/// The address of a contract created by `sender` with `nonce` (CREATE):
/// the last 20 bytes of keccak256(rlp([sender, nonce])).
pub fn create_address(sender: &Address, nonce: u64) -> Address {
    let mut nonce_rlp = [0u8; 9];
    let nonce_len = if nonce == 0 {
        nonce_rlp[0] = 0x80;
        1
    } else if nonce < 0x80 {
        nonce_rlp[0] = nonce as u8;
        1
    } else {
        let bytes = nonce.to_be_bytes();
        let skip = (nonce.leading_zeros() / 8) as usize;
        let n = 8 - skip;
        nonce_rlp[0] = 0x80 + n as u8;
        nonce_rlp[1..=n].copy_from_slice(&bytes[skip..]);
        n + 1
    };
    let mut buf = Vec::with_capacity(32);
    buf.push(0xc0 + (21 + nonce_len) as u8);
    buf.push(0x80 + 20);
    buf.extend_from_slice(&sender.0);
    buf.extend_from_slice(&nonce_rlp[..nonce_len]);
    let h = keccak256(&buf);
    let mut a = [0u8; 20];
    a.copy_from_slice(&h.0[12..]);
    Address(a)
}

/// The address of a contract created by CREATE2:
/// the last 20 bytes of keccak256(0xff ++ sender ++ salt ++ keccak256(initcode)).
pub fn create2_address(sender: &Address, salt: U256, initcode: &[u8]) -> Address {
    let mut buf = [0u8; 85];
    buf[0] = 0xff;
    buf[1..21].copy_from_slice(&sender.0);
    buf[21..53].copy_from_slice(&salt.to_be_bytes::<32>());
    buf[53..].copy_from_slice(&keccak256(initcode).0);
    let h = keccak256(&buf);
    let mut a = [0u8; 20];
    a.copy_from_slice(&h.0[12..]);
    Address(a)
}
