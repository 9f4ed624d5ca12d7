//! The state-test loader and runner on arbitrary text: a verdict or an error, never a panic.
#![no_main]

use evmbox::statetest::{run_file, Selection};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &[u8]| {
    if let Ok(text) = std::str::from_utf8(input) {
        let _ = run_file(text, &Selection::default());
    }
});
