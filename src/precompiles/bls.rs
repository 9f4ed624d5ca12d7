//! The BLS12-381 precompiles of EIP-2537 (Prague), 0x0b..0x11: G1ADD, G1MSM, G2ADD, G2MSM,
//! PAIRING_CHECK, MAP_FP_TO_G1, MAP_FP2_TO_G2. Curve arithmetic from arkworks
//! (`ark-bls12-381`, pure Rust); the encoding and every input check are EIP-2537's.
//!
//! Encoding: a base-field element is 64 bytes, big-endian, its first 16 bytes zero and its
//! value below p; an Fp2 element is `c0 ‖ c1`; a point is `x ‖ y`, all zeros for the point
//! at infinity; a scalar is 32 bytes, big-endian, any value. Any malformed input — a wrong
//! length, non-zero padding, an element ≥ p, a point off the curve, or (for MSM and
//! pairing) a point outside the prime-order subgroup — fails the call, consuming its gas.

use super::Out;
use crate::status::Halt;
use ark_bls12_381::{g1, g2, Bls12_381, Fq, Fq2, Fr};
use ark_ec::hashing::curve_maps::wb::{WBConfig, WBMap};
use ark_ec::hashing::map_to_curve_hasher::MapToCurve;
use ark_ec::pairing::Pairing;
use ark_ec::short_weierstrass::{Affine, Projective, SWCurveConfig};
use ark_ec::{AffineRepr, CurveGroup, VariableBaseMSM};
use ark_ff::{BigInt, One, PrimeField, Zero};

/// G1ADD.
pub(super) const G1ADD_GAS: u64 = 375;
/// G2ADD.
pub(super) const G2ADD_GAS: u64 = 600;
/// MAP_FP_TO_G1.
pub(super) const MAP_FP_TO_G1_GAS: u64 = 5500;
/// MAP_FP2_TO_G2.
pub(super) const MAP_FP2_TO_G2_GAS: u64 = 23800;
/// One G1 multiplication, before the MSM discount.
const G1MUL_GAS: u64 = 12000;
/// One G2 multiplication, before the MSM discount.
const G2MUL_GAS: u64 = 22500;
/// PAIRING_CHECK: per pair, and once.
const PAIRING_PER_PAIR: u64 = 32600;
const PAIRING_BASE: u64 = 37700;

/// Bytes of an encoded base-field element, of its zero padding, of a scalar.
const FP: usize = 64;
const FP_PAD: usize = 16;
const SCALAR: usize = 32;
/// Bytes of an encoded G1 point, G2 point.
const G1_POINT: usize = 2 * FP;
const G2_POINT: usize = 4 * FP;

/// MSM discounts in thousandths for k = 1..=128 points (EIP-2537); beyond 128, the last.
const G1_DISCOUNT: [u16; 128] = [
    1000, 949, 848, 797, 764, 750, 738, 728, 719, 712, 705, 698, 692, 687, 682, 677, 673, 669, 665,
    661, 658, 654, 651, 648, 645, 642, 640, 637, 635, 632, 630, 627, 625, 623, 621, 619, 617, 615,
    613, 611, 609, 608, 606, 604, 603, 601, 599, 598, 596, 595, 593, 592, 591, 589, 588, 586, 585,
    584, 582, 581, 580, 579, 577, 576, 575, 574, 573, 572, 570, 569, 568, 567, 566, 565, 564, 563,
    562, 561, 560, 559, 558, 557, 556, 555, 554, 553, 552, 551, 550, 549, 548, 547, 547, 546, 545,
    544, 543, 542, 541, 540, 540, 539, 538, 537, 536, 536, 535, 534, 533, 532, 532, 531, 530, 529,
    528, 528, 527, 526, 525, 525, 524, 523, 522, 522, 521, 520, 520, 519,
];
const G2_DISCOUNT: [u16; 128] = [
    1000, 1000, 923, 884, 855, 832, 812, 796, 782, 770, 759, 749, 740, 732, 724, 717, 711, 704,
    699, 693, 688, 683, 679, 674, 670, 666, 663, 659, 655, 652, 649, 646, 643, 640, 637, 634, 632,
    629, 627, 624, 622, 620, 618, 615, 613, 611, 609, 607, 606, 604, 602, 600, 598, 597, 595, 593,
    592, 590, 589, 587, 586, 584, 583, 582, 580, 579, 578, 576, 575, 574, 573, 571, 570, 569, 568,
    567, 566, 565, 563, 562, 561, 560, 559, 558, 557, 556, 555, 554, 553, 552, 552, 551, 550, 549,
    548, 547, 546, 545, 545, 544, 543, 542, 541, 541, 540, 539, 538, 537, 537, 536, 535, 535, 534,
    533, 532, 532, 531, 530, 530, 529, 528, 528, 527, 526, 526, 525, 524, 524,
];

/// `k · mul · discount(k) / 1000` for an MSM of `k` points; 0 for no points (the call then
/// fails on its length).
fn msm_gas(len: usize, item: usize, mul: u64, table: &[u16; 128]) -> u64 {
    let k = len / item;
    if k == 0 {
        return 0;
    }
    let discount = table[k.min(table.len()) - 1] as u64;
    (k as u64).saturating_mul(mul).saturating_mul(discount) / 1000
}

/// G1MSM's gas for an input of `len` bytes.
pub(super) fn g1msm_gas(len: usize) -> u64 {
    msm_gas(len, G1_POINT + SCALAR, G1MUL_GAS, &G1_DISCOUNT)
}

/// G2MSM's gas for an input of `len` bytes.
pub(super) fn g2msm_gas(len: usize) -> u64 {
    msm_gas(len, G2_POINT + SCALAR, G2MUL_GAS, &G2_DISCOUNT)
}

/// PAIRING_CHECK's gas for an input of `len` bytes.
pub(super) fn pairing_gas(len: usize) -> u64 {
    ((len / (G1_POINT + G2_POINT)) as u64)
        .saturating_mul(PAIRING_PER_PAIR)
        .saturating_add(PAIRING_BASE)
}

const FAIL: Halt = Halt::PrecompileFailure;

/// A base-field element: 16 zero bytes, then 48 bytes big-endian below p.
fn fp(b: &[u8]) -> Result<Fq, Halt> {
    if b[..FP_PAD].iter().any(|&x| x != 0) {
        return Err(FAIL);
    }
    let mut limbs = [0u64; 6];
    for (i, chunk) in b[FP_PAD..].rchunks(8).enumerate() {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        limbs[i] = u64::from_be_bytes(w);
    }
    Fq::from_bigint(BigInt::new(limbs)).ok_or(FAIL)
}

fn put_fp(out: &mut Vec<u8>, v: &Fq) {
    out.extend_from_slice(&[0u8; FP_PAD]);
    let limbs = v.into_bigint().0;
    for l in limbs.iter().rev() {
        out.extend_from_slice(&l.to_be_bytes());
    }
}

/// G1 or G2 as EIP-2537 encodes its points: the two differ only in the field of their
/// coordinates (Fp, or Fp2 as `c0 ‖ c1`).
pub(super) trait Group: SWCurveConfig<ScalarField = Fr> + WBConfig {
    /// Bytes of one encoded coordinate.
    const COORD: usize;
    /// Reads a coordinate.
    fn coord(b: &[u8]) -> Result<Self::BaseField, Halt>;
    /// Writes a coordinate.
    fn put_coord(out: &mut Vec<u8>, v: &Self::BaseField);
}

impl Group for g1::Config {
    const COORD: usize = FP;
    fn coord(b: &[u8]) -> Result<Fq, Halt> {
        fp(b)
    }
    fn put_coord(out: &mut Vec<u8>, v: &Fq) {
        put_fp(out, v);
    }
}

impl Group for g2::Config {
    const COORD: usize = 2 * FP;
    fn coord(b: &[u8]) -> Result<Fq2, Halt> {
        Ok(Fq2::new(fp(&b[..FP])?, fp(&b[FP..])?))
    }
    fn put_coord(out: &mut Vec<u8>, v: &Fq2) {
        put_fp(out, &v.c0);
        put_fp(out, &v.c1);
    }
}

/// G1 (points of 128 bytes).
pub(super) type G1 = g1::Config;
/// G2 (points of 256 bytes).
pub(super) type G2 = g2::Config;

/// A point on the curve (the subgroup checked only if `subgroup`); all zeros is infinity.
fn point<C: Group>(b: &[u8], subgroup: bool) -> Result<Affine<C>, Halt> {
    let (x, y) = (
        C::coord(&b[..C::COORD])?,
        C::coord(&b[C::COORD..2 * C::COORD])?,
    );
    if x.is_zero() && y.is_zero() {
        return Ok(Affine::identity());
    }
    let p = Affine::<C>::new_unchecked(x, y);
    let ok = p.is_on_curve() && (!subgroup || p.is_in_correct_subgroup_assuming_on_curve());
    ok.then_some(p).ok_or(FAIL)
}

fn put_point<C: Group>(out: &mut Vec<u8>, p: &Affine<C>) {
    match p.xy() {
        None => out.resize(out.len() + 2 * C::COORD, 0),
        Some((x, y)) => {
            C::put_coord(out, &x);
            C::put_coord(out, &y);
        }
    }
}

/// Splits `input` into items of `size` bytes: at least one, and nothing left over.
fn items(input: &[u8], size: usize) -> Result<std::slice::ChunksExact<'_, u8>, Halt> {
    if input.is_empty() || !input.len().is_multiple_of(size) {
        return Err(FAIL);
    }
    Ok(input.chunks_exact(size))
}

/// G1ADD (0x0b) and G2ADD (0x0d): the sum of two points (no subgroup check).
pub(super) fn add<C: Group>(input: &[u8], out: &mut Vec<u8>) -> Out {
    let size = 2 * C::COORD;
    if input.len() != 2 * size {
        return Err(FAIL);
    }
    let (a, b) = (
        point::<C>(&input[..size], false)?,
        point::<C>(&input[size..], false)?,
    );
    put_point(out, &(Projective::from(a) + b).into_affine());
    Ok(())
}

/// G1MSM (0x0c) and G2MSM (0x0e): `Σ sᵢ·Pᵢ` over (point, scalar) pairs.
pub(super) fn msm<C: Group>(input: &[u8], out: &mut Vec<u8>) -> Out {
    let size = 2 * C::COORD;
    let mut points = Vec::new();
    let mut scalars = Vec::new();
    for item in items(input, size + SCALAR)? {
        points.push(point::<C>(&item[..size], true)?);
        scalars.push(Fr::from_be_bytes_mod_order(&item[size..]));
    }
    let sum = Projective::<C>::msm(&points, &scalars).map_err(|_| FAIL)?;
    put_point(out, &sum.into_affine());
    Ok(())
}

/// PAIRING_CHECK (0x0f): 1 if `Π e(Pᵢ, Qᵢ)` is the identity, else 0.
pub(super) fn pairing(input: &[u8], out: &mut Vec<u8>) -> Out {
    let mut ps = Vec::new();
    let mut qs = Vec::new();
    for item in items(input, G1_POINT + G2_POINT)? {
        ps.push(point::<G1>(&item[..G1_POINT], true)?);
        qs.push(point::<G2>(&item[G1_POINT..], true)?);
    }
    let one = Bls12_381::multi_pairing(ps, qs).0.is_one();
    out.resize(32, 0);
    out[31] = one as u8;
    Ok(())
}

/// MAP_FP_TO_G1 (0x10) and MAP_FP2_TO_G2 (0x11): the simplified-SWU map with its isogeny,
/// then cofactor clearing (the hash-to-curve draft's `map_to_curve` and `clear_cofactor`).
pub(super) fn map<C: Group>(input: &[u8], out: &mut Vec<u8>) -> Out {
    if input.len() != C::COORD {
        return Err(FAIL);
    }
    let p = WBMap::<C>::map_to_curve(C::coord(input)?).map_err(|_| FAIL)?;
    put_point(out, &p.clear_cofactor());
    Ok(())
}
