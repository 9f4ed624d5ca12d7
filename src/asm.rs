//! Assembler and disassembler: mnemonic text ↔ bytecode, on the one opcode table.
//!
//! Syntax, one instruction or label per line (or several separated by spaces):
//! - a mnemonic from the opcode table (`ADD`, `push1`, `SHA3` as the old name of KECCAK256);
//! - `PUSHn <literal>`: hex (`0x2a`) or decimal (`42`), which must fit in n bytes;
//! - `PUSH <literal>`: the smallest PUSH that holds it (`PUSH 0` is `PUSH0`);
//! - `name:` defines a label at the current offset (emits nothing; write `JUMPDEST` yourself);
//! - `PUSH @name` / `PUSHn @name` pushes a label's offset (`PUSH @name` is `PUSH2`);
//! - `UNKNOWN_0xNN` emits the undefined opcode byte NN (the disassembler's name for it);
//! - `DATA 0x…` emits the bytes as they are (the disassembler writes a PUSH that the end of
//!   code cuts short this way, so that every byte string survives a round trip);
//! - comments start with `;`, `#` or `//` and run to the end of the line.

use crate::opcodes::{self, OPCODES, PUSH0, PUSH1, PUSH32};
use crate::primitives::{decode_hex, encode_hex, U256};
use std::collections::HashMap;
use std::fmt;

/// An assembly error, with the 1-based line and column of the offending token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AsmError {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for AsmError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

impl std::error::Error for AsmError {}

struct Token<'a> {
    text: &'a str,
    line: usize,
    column: usize,
}

fn tokens(src: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    for (i, line) in src.lines().enumerate() {
        let code = [";", "#", "//"]
            .iter()
            .filter_map(|c| line.find(c))
            .min()
            .map_or(line, |cut| &line[..cut]);
        let mut rest = code;
        let mut col = 0;
        while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
            let tail = &rest[start..];
            let len = tail.find(char::is_whitespace).unwrap_or(tail.len());
            out.push(Token {
                text: &tail[..len],
                line: i + 1,
                column: col + start + 1,
            });
            col += start + len;
            rest = &tail[len..];
        }
    }
    out
}

enum Arg<'a> {
    Value(U256),
    Label(&'a str),
}

fn parse_literal(t: &str) -> Result<U256, String> {
    if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        if h.is_empty() || h.len() > 64 {
            return Err(format!("hex literal {t} must have 1 to 64 digits"));
        }
        U256::from_str_radix(h, 16).map_err(|_| format!("invalid hex literal {t}"))
    } else {
        U256::from_str_radix(t, 10).map_err(|_| format!("invalid number {t}"))
    }
}

fn byte_len(v: &U256) -> usize {
    v.bit_len().div_ceil(8)
}

/// One unit of output: an opcode (with its push width, argument and token index) or raw data.
enum Item<'a> {
    Op(u8, usize, Option<Arg<'a>>, usize),
    Data(Vec<u8>),
}

/// Assembles mnemonic text into bytecode.
pub fn assemble(src: &str) -> Result<Vec<u8>, AsmError> {
    assemble_mapped(src).map(|(code, _)| code)
}

/// Where each instruction (or `DATA` run) of assembled code came from: its pc and the
/// 1-based line of its mnemonic, in pc order.
pub type SourceMap = Vec<(usize, usize)>;

/// Assembles mnemonic text into bytecode and its [`SourceMap`] (what a debugger needs to
/// show the line of the current pc, or to set a breakpoint on a line).
pub fn assemble_mapped(src: &str) -> Result<(Vec<u8>, SourceMap), AsmError> {
    let toks = tokens(src);
    let err = |t: &Token, m: String| AsmError {
        line: t.line,
        column: t.column,
        message: m,
    };
    // Pass 1: sizes and label offsets.
    let mut items: Vec<Item> = Vec::new();
    // The line of each item's mnemonic.
    let mut lines: Vec<usize> = Vec::new();
    let mut labels: HashMap<&str, usize> = HashMap::new();
    let mut offset = 0usize;
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        if let Some(name) = t.text.strip_suffix(':') {
            if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
                return Err(err(t, format!("invalid label name {:?}", name)));
            }
            if labels.insert(name, offset).is_some() {
                return Err(err(t, format!("label {name} defined twice")));
            }
            i += 1;
            continue;
        }
        let upper = t.text.to_ascii_uppercase();
        if upper == "DATA" {
            let Some(at) = toks.get(i + 1) else {
                return Err(err(t, "DATA needs 0x-prefixed hex bytes".into()));
            };
            let bytes = at
                .text
                .strip_prefix("0x")
                .ok_or_else(|| err(at, "DATA needs 0x-prefixed hex bytes".into()))
                .and_then(|_| decode_hex(at.text).map_err(|m| err(at, m.to_string())))?;
            offset += bytes.len();
            items.push(Item::Data(bytes));
            lines.push(t.line);
            i += 2;
            continue;
        }
        if let Some(hex) = upper.strip_prefix("UNKNOWN_0X") {
            let byte = u8::from_str_radix(hex, 16)
                .ok()
                .filter(|_| hex.len() == 2)
                .ok_or_else(|| {
                    err(
                        t,
                        format!("{}: expected UNKNOWN_0x and two hex digits", t.text),
                    )
                })?;
            if OPCODES[byte as usize].is_defined() {
                return Err(err(
                    t,
                    format!(
                        "0x{byte:02x} is {}, not an undefined opcode",
                        OPCODES[byte as usize].name
                    ),
                ));
            }
            items.push(Item::Op(byte, 0, None, i));
            lines.push(t.line);
            offset += 1;
            i += 1;
            continue;
        }
        let is_push = upper.starts_with("PUSH");
        let op = if upper == "PUSH" {
            None
        } else {
            match opcodes::by_name(&upper) {
                Some(op) => Some(op),
                None => return Err(err(t, format!("unknown instruction {}", t.text))),
            }
        };
        if !is_push || op == Some(PUSH0) {
            let op = op.unwrap_or(PUSH0);
            items.push(Item::Op(op, 0, None, i));
            lines.push(t.line);
            offset += 1;
            i += 1;
            continue;
        }
        let Some(at) = toks.get(i + 1) else {
            return Err(err(t, format!("{} needs an argument", t.text)));
        };
        let arg = if let Some(l) = at.text.strip_prefix('@') {
            Arg::Label(l)
        } else {
            Arg::Value(parse_literal(at.text).map_err(|m| err(at, m))?)
        };
        let width = match (op, &arg) {
            (Some(op), _) => (op - PUSH1 + 1) as usize,
            (None, Arg::Label(_)) => 2,
            (None, Arg::Value(v)) => byte_len(v),
        };
        if let (Some(_), Arg::Value(v)) = (op, &arg) {
            if byte_len(v) > width {
                return Err(err(
                    at,
                    format!("{} does not fit in {} byte(s)", at.text, width),
                ));
            }
        }
        let opcode = if width == 0 {
            PUSH0
        } else {
            PUSH1 + width as u8 - 1
        };
        items.push(Item::Op(opcode, width, Some(arg), i + 1));
        lines.push(t.line);
        offset += 1 + width;
        i += 2;
    }
    // Pass 2: emit.
    let mut code = Vec::with_capacity(offset);
    let mut map = Vec::with_capacity(items.len());
    for (item, line) in items.into_iter().zip(lines) {
        map.push((code.len(), line));
        let (op, width, arg, ti) = match item {
            Item::Data(bytes) => {
                code.extend_from_slice(&bytes);
                continue;
            }
            Item::Op(op, width, arg, ti) => (op, width, arg, ti),
        };
        code.push(op);
        let value = match arg {
            None => continue,
            Some(Arg::Value(v)) => v,
            Some(Arg::Label(l)) => match labels.get(l) {
                Some(&o) => U256::from(o),
                None => return Err(err(&toks[ti], format!("undefined label {l}"))),
            },
        };
        if byte_len(&value) > width {
            return Err(err(
                &toks[ti],
                format!("label offset {value} does not fit in {width} byte(s)"),
            ));
        }
        let be = value.to_be_bytes::<32>();
        code.extend_from_slice(&be[32 - width..]);
    }
    Ok((code, map))
}

/// One decoded instruction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instruction {
    /// Offset in the code.
    pub pc: usize,
    /// Opcode byte.
    pub op: u8,
    /// Mnemonic, or `UNKNOWN_0xNN` for an undefined byte.
    pub name: String,
    /// Immediate bytes (PUSH data), possibly cut short by the end of code.
    pub immediate: Vec<u8>,
    /// The PUSH data runs past the end of code (the EVM reads zeros there).
    pub truncated: bool,
    /// The instruction as assembler text that reassembles to exactly its bytes: `PUSH1 0x2a`,
    /// `UNKNOWN_0x0c`, or `DATA 0x6101` for a PUSH cut short by the end of code.
    pub text: String,
}

/// Decodes bytecode into instructions.
pub fn disassemble(code: &[u8]) -> Vec<Instruction> {
    let mut out = Vec::new();
    let mut pc = 0;
    while pc < code.len() {
        let op = code[pc];
        let info = &OPCODES[op as usize];
        let n = if (PUSH1..=PUSH32).contains(&op) {
            info.immediate as usize
        } else {
            0
        };
        let end = (pc + 1 + n).min(code.len());
        let name = if info.is_defined() {
            info.name.to_string()
        } else {
            format!("UNKNOWN_0x{op:02x}")
        };
        let immediate = code[pc + 1..end].to_vec();
        let truncated = end - (pc + 1) < n;
        let text = if truncated {
            format!("DATA 0x{}", encode_hex(&code[pc..end]))
        } else if n > 0 {
            format!("{name} 0x{}", encode_hex(&immediate))
        } else {
            name.clone()
        };
        out.push(Instruction {
            pc,
            op,
            name,
            immediate,
            truncated,
            text,
        });
        pc += 1 + n;
    }
    out
}

/// Bytecode as text, one instruction per line with its offset in a comment:
/// `PUSH1 0x2a ; 0007`. [`assemble`] turns it back into exactly the same bytes.
pub fn disassemble_text(code: &[u8]) -> String {
    let mut s = String::new();
    for i in disassemble(code) {
        s.push_str(&format!("{} ; {:04x}", i.text, i.pc));
        if i.truncated {
            s.push_str(&format!(" {} cut short by the end of code", i.name));
        }
        s.push('\n');
    }
    s
}

/// Assembles text, or, if it is hex, decodes it (handy for inputs that may be either).
pub fn assemble_or_hex(src: &str) -> Result<Vec<u8>, AsmError> {
    let t = src.trim();
    if t.starts_with("0x") && !t.contains(char::is_whitespace) {
        return decode_hex(t).map_err(|e| AsmError {
            line: 1,
            column: 1,
            message: format!("invalid hex: {e}"),
        });
    }
    assemble(src)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assembles_pushes_labels_and_comments() {
        let src = "PUSH1 0x2a ; answer\n PUSH 0 push2 1000\nloop: JUMPDEST\n PUSH @loop JUMP // back\nPUSH 256";
        let code = assemble(src).unwrap();
        assert_eq!(
            code,
            vec![
                0x60, 0x2a, 0x5f, 0x61, 0x03, 0xe8, 0x5b, 0x61, 0x00, 0x06, 0x56, 0x61, 0x01, 0x00
            ]
        );
    }

    #[test]
    fn source_map_gives_each_instruction_its_line() {
        let (code, map) =
            assemble_mapped("PUSH1 1 ; one\n\nloop: JUMPDEST\n  DATA 0xabcd STOP").unwrap();
        assert_eq!(code, vec![0x60, 1, 0x5b, 0xab, 0xcd, 0x00]);
        assert_eq!(map, vec![(0, 1), (2, 3), (3, 4), (5, 4)]);
    }

    #[test]
    fn errors_name_line_and_column() {
        let e = assemble("PUSH1 1\n  FOO").unwrap_err();
        assert_eq!((e.line, e.column), (2, 3));
        let e = assemble("PUSH1 0x1234").unwrap_err();
        assert_eq!((e.line, e.column), (1, 7));
        assert!(e.message.contains("does not fit"));
        let e = assemble("PUSH @nowhere").unwrap_err();
        assert!(e.message.contains("undefined label"));
        assert_eq!(assemble("PUSH2").unwrap_err().line, 1);
        assert!(assemble("a: a:").unwrap_err().message.contains("twice"));
    }

    #[test]
    fn disassembly_round_trips() {
        let code = assemble("PUSH32 0xff PUSH1 1 ADD SHA3 STOP").unwrap();
        let text = disassemble_text(&code);
        assert!(text.contains("PUSH1 0x01 ; 0021"));
        assert!(text.contains("KECCAK256"));
        assert_eq!(assemble(&text).unwrap(), code);
    }

    #[test]
    fn disassembles_truncated_push_and_unknown_bytes() {
        let d = disassemble(&[0x0c, 0x61, 0x01]);
        assert_eq!(d[0].name, "UNKNOWN_0x0c");
        assert!(d[1].truncated);
        assert_eq!(d[1].immediate, vec![0x01]);
        assert_eq!(
            (d[0].text.as_str(), d[1].text.as_str()),
            ("UNKNOWN_0x0c", "DATA 0x6101")
        );
        assert!(assemble("UNKNOWN_0x01")
            .unwrap_err()
            .message
            .contains("is ADD"));
        assert!(assemble("DATA 12")
            .unwrap_err()
            .message
            .contains("0x-prefixed"));
    }
}
