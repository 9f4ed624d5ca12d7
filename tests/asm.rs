//! The assembler reads back whatever the disassembler writes: `assemble(disassemble_text(x))
//! == x` for every byte string (undefined opcodes, PUSHes cut short by the end of code,
//! PUSH data that looks like opcodes), and the per-instruction texts do the same.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::Rng;
use evmbox::asm::{assemble, disassemble, disassemble_text};

fn round_trips(code: &[u8]) {
    let text = disassemble_text(code);
    let back = assemble(&text).unwrap_or_else(|e| panic!("{e} in\n{text}"));
    assert_eq!(back, code, "text:\n{text}");
    let joined: Vec<String> = disassemble(code).into_iter().map(|i| i.text).collect();
    assert_eq!(
        assemble(&joined.join("\n")).expect("instruction texts"),
        code
    );
}

#[test]
fn every_single_byte_and_every_cut_push() {
    for b in 0..=255u8 {
        round_trips(&[b]);
        round_trips(&[b, 0xff]);
    }
    for width in 1..=32u8 {
        for present in 0..width {
            let mut code = vec![0x5f + width];
            code.extend((0..present).map(|i| i.wrapping_mul(37)));
            round_trips(&code);
        }
    }
}

#[test]
fn random_byte_strings() {
    let mut rng = Rng(0x5eed_a5e7);
    for _ in 0..20_000 {
        let len = rng.below(80) as usize;
        let mut code = rng.bytes(len);
        // Bias towards PUSH opcodes, so that cut-short data is common.
        for b in code.iter_mut() {
            if rng.below(4) == 0 {
                *b = 0x60 + (*b % 32);
            }
        }
        round_trips(&code);
    }
}
