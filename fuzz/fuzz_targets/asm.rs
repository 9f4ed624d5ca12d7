//! The assembler and disassembler: any bytes disassemble to text that assembles back to
//! exactly those bytes; any text assembles or fails with an error, never a panic, and what
//! assembles round-trips through the disassembler.
#![no_main]

use evmbox::asm::{assemble, disassemble_text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &[u8]| {
    let text = disassemble_text(input);
    assert_eq!(assemble(&text).as_deref(), Ok(input), "{text}");
    if let Ok(s) = std::str::from_utf8(input) {
        if let Ok(code) = assemble(s) {
            assert_eq!(assemble(&disassemble_text(&code)), Ok(code));
        }
    }
});
