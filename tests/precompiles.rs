//! Precompiles against published vectors (EIPs, RFCs, the Bitcoin/Ethereum test suites), an
//! independent BLAKE2b implementation, and revm's precompiles as a differential oracle on
//! thousands of generated inputs, malformed ones included.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{hex, Rng};
use evmbox::precompiles::{run, Precompiles};
use evmbox::{Address, Halt, U256};

fn p(n: u64) -> Address {
    Address::from_low_u64(n)
}

/// Runs precompile `n` under Cancun's rules.
fn call(n: u64, input: &[u8], gas: u64) -> Result<(u64, Vec<u8>), Halt> {
    call_in(&Precompiles::CANCUN, n, input, gas)
}

/// Runs precompile `n` of `set`.
fn call_in(set: &Precompiles, n: u64, input: &[u8], gas: u64) -> Result<(u64, Vec<u8>), Halt> {
    let mut out = Vec::new();
    run(set, &p(n), input, gas, &mut out).map(|g| (g, out))
}

fn word(b: u8) -> Vec<u8> {
    let mut w = vec![0u8; 32];
    w[31] = b;
    w
}

#[test]
fn ecrecover_recovers_the_signer() {
    // go-ethereum's ecrecover test vector.
    let input = hex(concat!(
        "456e9aea5e197a1f1af7a3e85a3212fa4049a3ba34c2289b4c860fc0b0c64ef3",
        "000000000000000000000000000000000000000000000000000000000000001c",
        "9242685bf161793cc25603c231bc2f568eb630ea16aa137d2664ac8038825608",
        "4f8ae3bd7535248d0bd448298cc2e2071e56992d0774dc340c368ae950852ada"
    ));
    let (gas, out) = call(1, &input, 3000).expect("runs");
    assert_eq!(gas, 3000);
    assert_eq!(
        out,
        hex("0000000000000000000000007156526fbd7a3c72969b54f64e42c10fbb768c8a")
    );
    // Malformed: v not 27/28, r = 0, s = n, garbage in v's high bytes: empty output, success.
    let mut bad_v = input.clone();
    bad_v[63] = 29;
    let mut zero_r = input.clone();
    zero_r[64..96].fill(0);
    let mut big_s = input.clone();
    big_s[96..].copy_from_slice(&hex(
        "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141",
    ));
    let mut high_v = input.clone();
    high_v[32] = 1;
    for bad in [bad_v, zero_r, big_s, high_v, vec![], vec![1; 10]] {
        assert_eq!(call(1, &bad, 3000).expect("runs").1, Vec::<u8>::new());
    }
    assert_eq!(call(1, &input, 2999), Err(Halt::OutOfGas));
}

#[test]
fn hashes_match_published_digests() {
    // FIPS 180-2 and the RIPEMD-160 reference vectors.
    assert_eq!(
        call(2, b"abc", 72).expect("ok"),
        (
            72,
            hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        )
    );
    assert_eq!(
        call(2, b"", 60).expect("ok").1,
        hex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    );
    assert_eq!(
        call(3, b"abc", 720).expect("ok"),
        (
            720,
            hex("0000000000000000000000008eb208f7e05d987a9b044a8e98c6b087f15a0bfc")
        )
    );
    assert_eq!(
        call(3, b"", 600).expect("ok").1,
        hex("0000000000000000000000009c1185a5c5e9fc54612808977ee8f548b2258d31")
    );
    assert_eq!(call(4, b"hello", 18).expect("ok"), (18, b"hello".to_vec()));
    // 33 bytes = 2 words.
    assert_eq!(call(2, &[0; 33], 84).expect("ok").0, 84);
    assert_eq!(call(2, &[0; 33], 83), Err(Halt::OutOfGas));
    assert_eq!(call(4, &[0; 33], 20), Err(Halt::OutOfGas));
}

#[test]
fn modexp_follows_eip198_and_eip2565() {
    // EIP-198: 3^(p-1) mod p = 1 for the secp256k1 field prime p (Fermat).
    let mut input = Vec::new();
    input.extend(word(1));
    input.extend(word(32));
    input.extend(word(32));
    input.push(3);
    input.extend(hex(
        "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2e",
    ));
    input.extend(hex(
        "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f",
    ));
    let (gas, out) = call(5, &input, 1_000_000).expect("runs");
    assert_eq!(out, word(1));
    // EIP-2565: words = ceil(32/8) = 4, complexity 16, iterations 255 -> 16*255/3.
    assert_eq!(gas, 1360);
    // A zero modulus length: empty output at the minimum price.
    assert_eq!(call(5, &[], 200).expect("ok"), (200, vec![]));
    // Lengths of 2^255: an out-of-gas decided from the header, with no allocation.
    let mut huge = vec![0u8; 96];
    huge[0] = 0x80;
    huge[64] = 0x80;
    assert_eq!(call(5, &huge, u64::MAX / 2), Err(Halt::OutOfGas));
    // An 8 GiB exponent with 1-byte base and modulus: affordable with absurd gas, but past the
    // memory limit, so a halt rather than an 8 GiB allocation.
    let mut long_exp = vec![0u8; 96];
    long_exp[31] = 1;
    long_exp[32 + 27] = 2; // 2^33 bytes
    long_exp[95] = 1;
    assert_eq!(call(5, &long_exp, u64::MAX / 2), Err(Halt::MemoryLimit));
    // A huge exponent length with empty base and modulus costs the minimum and returns nothing.
    let mut exp_only = vec![0u8; 96];
    exp_only[32] = 0x80;
    assert_eq!(call(5, &exp_only, 200).expect("ok"), (200, vec![]));
}

const G2: &str = concat!(
    "198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2",
    "1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed",
    "090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b",
    "12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa"
);

#[test]
fn bn254_add_mul_pairing() {
    let g1 = [word(1), word(2)].concat();
    let two_g1 = hex(concat!(
        "030644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd3",
        "15ed738c0e0a7c92e7845f96b2ae9c0a68a6a449e3538fc7ff3ebf7a5a18a2c4"
    ));
    assert_eq!(
        call(6, &[g1.clone(), g1.clone()].concat(), 150).expect("ok"),
        (150, two_g1.clone())
    );
    assert_eq!(
        call(7, &[g1.clone(), word(2)].concat(), 6000).expect("ok"),
        (6000, two_g1)
    );
    // Infinity is (0, 0); adding it changes nothing.
    assert_eq!(call(6, &g1, 150).expect("ok").1, g1);
    // Not on the curve, or a coordinate not below the field modulus: failure.
    let off_curve = [word(1), word(3)].concat();
    assert_eq!(call(6, &off_curve, 150), Err(Halt::PrecompileFailure));
    let p = hex("30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47");
    assert_eq!(
        call(7, &[p.clone(), word(2), word(1)].concat(), 6000),
        Err(Halt::PrecompileFailure)
    );
    // e(G1, G2) * e(-G1, G2) = 1 (EIP-197's generators).
    let neg_g1 = [
        word(1),
        hex("30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd45"),
    ]
    .concat();
    let g2 = hex(G2);
    let ok = [g1.clone(), g2.clone(), neg_g1, g2.clone()].concat();
    assert_eq!(call(8, &ok, 113000).expect("ok"), (113000, word(1)));
    assert_eq!(
        call(8, &[g1.clone(), g2.clone()].concat(), 79000)
            .expect("ok")
            .1,
        word(0)
    );
    assert_eq!(call(8, &[], 45000).expect("ok"), (45000, word(1)));
    assert_eq!(call(8, &ok[..191], 1_000_000), Err(Halt::PrecompileFailure));
    let mut bad_g2 = [g1, g2].concat();
    bad_g2[191] ^= 1;
    assert_eq!(call(8, &bad_g2, 1_000_000), Err(Halt::PrecompileFailure));
    assert_eq!(call(8, &ok, 112999), Err(Halt::OutOfGas));
}

/// The EIP-152 input for one 128-byte block of a BLAKE2b-512 hash of `msg` (≤ 128 bytes).
fn blake2_input(rounds: u32, msg: &[u8]) -> Vec<u8> {
    let iv: [u64; 8] = [
        0x6a09e667f3bcc908 ^ 0x01010040,
        0xbb67ae8584caa73b,
        0x3c6ef372fe94f82b,
        0xa54ff53a5f1d36f1,
        0x510e527fade682d1,
        0x9b05688c2b3e6c1f,
        0x1f83d9abfb41bd6b,
        0x5be0cd19137e2179,
    ];
    let mut v = rounds.to_be_bytes().to_vec();
    for h in iv {
        v.extend(h.to_le_bytes());
    }
    let mut block = [0u8; 128];
    block[..msg.len()].copy_from_slice(msg);
    v.extend(block);
    v.extend((msg.len() as u64).to_le_bytes());
    v.extend(0u64.to_le_bytes());
    v.push(1);
    v
}

#[test]
fn blake2f_agrees_with_blake2b() {
    use blake2::{Blake2b512, Digest};
    for len in [0usize, 1, 3, 64, 127, 128] {
        let msg: Vec<u8> = (0..len).map(|i| (i * 7 + 3) as u8).collect();
        let (gas, out) = call(9, &blake2_input(12, &msg), 12).expect("ok");
        assert_eq!(gas, 12);
        assert_eq!(
            out,
            Blake2b512::digest(&msg).to_vec(),
            "message of {len} bytes"
        );
    }
    // EIP-152 vector 4 is BLAKE2b-512("abc").
    assert_eq!(
        call(9, &blake2_input(12, b"abc"), 12).expect("ok").1,
        hex("ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923")
    );
    let good = blake2_input(12, b"abc");
    let mut bad_flag = good.clone();
    bad_flag[212] = 2;
    for bad in [
        good[..212].to_vec(),
        [good.clone(), vec![0]].concat(),
        bad_flag,
    ] {
        assert_eq!(call(9, &bad, 1_000_000), Err(Halt::PrecompileFailure));
    }
    assert_eq!(call(9, &good, 11), Err(Halt::OutOfGas));
}

#[test]
fn kzg_point_evaluation() {
    use sha2::{Digest, Sha256};
    // The zero polynomial: commitment and proof at infinity, p(z) = 0 for any z.
    let mut commitment = vec![0u8; 48];
    commitment[0] = 0xc0;
    let mut vh: Vec<u8> = Sha256::digest(&commitment).to_vec();
    vh[0] = 1;
    let input = [
        vh.clone(),
        word(5),
        word(0),
        commitment.clone(),
        commitment.clone(),
    ]
    .concat();
    let (gas, out) = call(10, &input, 50000).expect("valid proof");
    assert_eq!(gas, 50000);
    assert_eq!(
        out,
        hex("000000000000000000000000000000000000000000000000000000000000100073eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001")
    );
    // y != p(z): invalid proof. Wrong versioned hash, wrong length: failures.
    let wrong_y = [
        vh.clone(),
        word(5),
        word(1),
        commitment.clone(),
        commitment.clone(),
    ]
    .concat();
    let mut wrong_vh = input.clone();
    wrong_vh[0] = 2;
    for bad in [wrong_y, wrong_vh, input[..191].to_vec()] {
        assert_eq!(call(10, &bad, 50000), Err(Halt::PrecompileFailure));
    }
    assert_eq!(call(10, &input, 49999), Err(Halt::OutOfGas));
}

#[test]
fn agrees_with_revm_on_generated_inputs() {
    let theirs = revm::precompile::Precompiles::cancun();
    let mut rng = Rng(0x9e3779b97f4a7c15);
    let g1 = [word(1), word(2)].concat();
    let mut checked = 0;
    for id in 1..=9u64 {
        for i in 0..400 {
            let len = match id {
                5 => 96 + (rng.next() % 80) as usize,
                8 => 192 * (rng.next() % 3) as usize + if i % 7 == 0 { 5 } else { 0 },
                9 => 213 - usize::from(i % 11 == 0),
                _ => (rng.next() % 200) as usize,
            };
            let mut input = rng.bytes(len);
            match id {
                // Small lengths so that modexp does real work.
                5 => {
                    for k in 0..3 {
                        input[32 * k..32 * k + 31].fill(0);
                        input[32 * k + 31] %= 40;
                    }
                }
                // Half the time, valid points: multiples of the generator.
                6 | 7 if i % 2 == 0 => {
                    let (_, pt) =
                        call(7, &[g1.clone(), rng.bytes(32)].concat(), 6000).expect("mul");
                    input = [pt, input].concat();
                }
                9 => {
                    input[..4].copy_from_slice(&((rng.next() % 64) as u32).to_be_bytes());
                    if let Some(f) = input.get_mut(212) {
                        *f %= 3;
                    }
                }
                _ => {}
            }
            agree(&Precompiles::CANCUN, theirs, id, &input, 200_000);
            checked += 1;
        }
    }
    assert_eq!(checked, 3600);
}

#[test]
fn osaka_modexp_agrees_with_revm() {
    // EIP-7883 pricing and EIP-7823's 1024-byte bound, against revm's Osaka set, on
    // operand lengths either side of 32 and of 1024.
    let theirs = revm::precompile::Precompiles::osaka();
    let mut rng = Rng(0x452821e638d01377);
    let lens = [0usize, 1, 31, 32, 33, 64, 200, 1024, 1025];
    for i in 0..600 {
        let (b, e, m) = (
            lens[rng.below(9) as usize],
            lens[rng.below(9) as usize].min(if i % 3 == 0 { 1025 } else { 40 }),
            lens[rng.below(9) as usize],
        );
        let mut input = Vec::new();
        for l in [b, e, m] {
            input.extend_from_slice(&U256::from(l).to_be_bytes::<32>());
        }
        input.extend(rng.bytes(b + e + m));
        agree(&Precompiles::OSAKA, theirs, 5, &input, 10_000_000);
    }
}

/// Runs `input` through precompile `id` with `gas` in evmbox (under `set`) and in revm's
/// `theirs`, and checks they agree: the same gas and output, or both failing. Returns
/// whether the call succeeded.
fn agree(
    set: &Precompiles,
    theirs: &revm::precompile::Precompiles,
    id: u64,
    input: &[u8],
    gas: u64,
) -> bool {
    use revm::precompile::PrecompileStatus;
    let ours = call_in(set, id, input, gas);
    let addr = revm::primitives::Address::from(p(id).0);
    let r = theirs
        .get(&addr)
        .expect("revm precompile")
        .execute(input, gas, 0);
    let hex = evmbox::primitives::to_hex(input);
    match (&ours, r) {
        (Ok((g, out)), Ok(o)) if o.status == PrecompileStatus::Success => {
            assert_eq!(
                (*g, out.as_slice()),
                (o.gas_used, o.bytes.as_ref()),
                "0x{id:02x} {hex}"
            );
            true
        }
        (Err(_), Ok(o)) => {
            assert!(o.status.is_halt(), "0x{id:02x} {hex}: we fail, revm {o:?}");
            false
        }
        (Err(_), Err(_)) => false,
        (ours, r) => panic!("0x{id:02x} {hex}: ours {ours:?}, revm {r:?}"),
    }
}

#[test]
fn bls12_381_agrees_with_revm() {
    // Valid points come from MAP_FP_TO_G1 / MAP_FP2_TO_G2 of random field elements (in the
    // subgroup), then each input is also corrupted: a flipped byte (off the curve, or an
    // element ≥ p), non-zero padding, a byte too many or too few.
    let theirs = revm::precompile::Precompiles::prague();
    let set = Precompiles::PRAGUE;
    let mut rng = Rng(0xbe5466cf34e90c6c);
    let fp = |rng: &mut Rng| {
        let mut b = vec![0u8; 64];
        b[17..].copy_from_slice(&rng.bytes(47)); // below p: the top byte stays zero
        b
    };
    let g1 = |rng: &mut Rng| call_in(&set, 0x10, &fp(rng), 10_000).expect("map").1;
    let g2 = |rng: &mut Rng| {
        call_in(&set, 0x11, &[fp(rng), fp(rng)].concat(), 30_000)
            .expect("map")
            .1
    };
    let (mut ok, mut failed) = (0, 0);
    for i in 0..60 {
        let k = 1 + (i % 4);
        let inputs: Vec<(u64, Vec<u8>)> = vec![
            (0x0b, [g1(&mut rng), g1(&mut rng)].concat()),
            (0x0d, [g2(&mut rng), g2(&mut rng)].concat()),
            (
                0x0c,
                (0..k)
                    .flat_map(|_| [g1(&mut rng), rng.bytes(32)].concat())
                    .collect(),
            ),
            (
                0x0e,
                (0..k)
                    .flat_map(|_| [g2(&mut rng), rng.bytes(32)].concat())
                    .collect(),
            ),
            (
                0x0f,
                (0..k)
                    .flat_map(|_| [g1(&mut rng), g2(&mut rng)].concat())
                    .collect(),
            ),
            (0x10, fp(&mut rng)),
            (0x11, [fp(&mut rng), fp(&mut rng)].concat()),
        ];
        for (id, input) in inputs {
            let mut variants = vec![input.clone(), input[..input.len() - 1].to_vec()];
            let mut flipped = input.clone();
            let at = rng.below(input.len() as u64) as usize;
            flipped[at] ^= 1 << rng.below(8);
            variants.push(flipped);
            let mut padded = input.clone();
            padded[rng.below(16) as usize] = 1;
            variants.push(padded);
            variants.push([input, vec![0]].concat());
            for v in variants {
                if agree(&set, theirs, id, &v, 30_000_000) {
                    ok += 1;
                } else {
                    failed += 1;
                }
            }
        }
    }
    // Both outcomes are exercised.
    assert!(ok > 400 && failed > 800, "{ok} succeeded, {failed} failed");
    // Pairing of a point with its negation's partner: e(P, Q)·e(-P, Q) = 1.
    let p1 = g1(&mut rng);
    let q = g2(&mut rng);
    let minus_p1 = {
        // -P: the same x, and y = p - y. p as 64 big-endian bytes.
        let modulus = evmbox::primitives::decode_hex(
            "0x000000000000000000000000000000001a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab",
        )
        .expect("hex");
        let (x, y) = p1.split_at(64);
        let (m, y) = (
            U256::from_be_slice(&modulus[32..]),
            U256::from_be_slice(&y[32..]),
        );
        let hi = (U256::from_be_slice(&modulus[..32]) - U256::from_be_slice(&p1[64..96]))
            - U256::from((m < y) as u8);
        [
            x.to_vec(),
            hi.to_be_bytes::<32>().to_vec(),
            m.wrapping_sub(y).to_be_bytes::<32>().to_vec(),
        ]
        .concat()
    };
    let (_, out) =
        call_in(&set, 0x0f, &[p1, q.clone(), minus_p1, q].concat(), 200_000).expect("pairing");
    assert_eq!(out[31], 1, "e(P, Q)·e(-P, Q) = 1");
    // Before Prague the addresses are not precompiles.
    assert!(!Precompiles::CANCUN.contains(&p(0x0b)));
}

#[test]
fn p256verify_agrees_with_revm() {
    // Signatures made with RustCrypto's P-256 signer, then corrupted, against revm's Osaka
    // P256VERIFY.
    use p256::ecdsa::{signature::hazmat::PrehashSigner, Signature, SigningKey};
    let theirs = revm::precompile::Precompiles::osaka();
    let set = Precompiles::OSAKA;
    let mut rng = Rng(0x3f84d5b5b5470917);
    let (mut valid, mut invalid) = (0, 0);
    for i in 0..300 {
        let key = SigningKey::from_slice(&rng.bytes(32)).expect("key");
        let h = rng.bytes(32);
        let sig: Signature = key.sign_prehash(&h).expect("sign");
        let q = key.verifying_key().to_encoded_point(false);
        let mut input = [h, sig.to_bytes().to_vec(), q.as_bytes()[1..].to_vec()].concat();
        match i % 4 {
            1 => input[rng.below(160) as usize] ^= 1 << rng.below(8),
            2 => input.truncate(159),
            3 => input[32..64].fill(0), // r = 0
            _ => {}
        }
        let (_, out) = call_in(&set, 0x100, &input, 10_000).expect("never fails");
        assert!(agree(&set, theirs, 0x100, &input, 30_000_000));
        if out.is_empty() {
            invalid += 1;
        } else {
            valid += 1;
        }
    }
    assert!(
        valid >= 75 && invalid >= 150,
        "{valid} valid, {invalid} invalid"
    );
    assert!(!Precompiles::PRAGUE.contains(&p(0x100)));
}
