//! Hand-checked cases for every opcode family: each expected value and gas cost is worked out
//! in the comment beside it from the yellow paper's fee schedule or the EIP that defines the
//! opcode, not taken from evmbox. The costs are those an EIP-3155 trace shows per opcode
//! (for CALL* and CREATE*, without the gas handed to the new frame).
//!
//! Families follow `src/instructions/`: arithmetic, bitwise, system (KECCAK256 and the
//! frame's own environment), info (block and transaction), memory, stack, control, host
//! (state), contract (calls and creates).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{addr, world, CALLER};
use evmbox::asm::{assemble, assemble_or_hex};
use evmbox::inspector::{Inspector, Step, StepEnd};
use evmbox::opcodes::by_name;
use evmbox::state::Log;
use evmbox::{Address, BlockEnv, Evm, Halt, InMemoryDb, Status, Transaction, U256};
use std::collections::HashMap;

/// The contract under test.
const C: Address = Address([0xcc; 20]);
const MAX: &str = "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";
const GAS: u64 = 1_000_000;

/// Every opcode run: depth, opcode, its own gas cost, the refund counter after it.
#[derive(Default)]
struct Costs {
    current: (usize, u8),
    steps: Vec<(usize, u8, u64, i64)>,
}

impl Inspector for Costs {
    fn step(&mut self, s: &Step<'_>) {
        self.current = (s.depth, s.op);
    }
    fn step_end(&mut self, e: &StepEnd<'_>) {
        let (depth, op) = self.current;
        self.steps
            .push((depth, op, e.gas_cost - e.forwarded, e.refund));
    }
}

struct Run {
    status: Status,
    output: Vec<u8>,
    logs: Vec<Log>,
    costs: Costs,
    evm: Evm,
}

impl Run {
    /// Gas costs of every execution of opcode `name` in the outermost frame, in order.
    fn costs(&self, name: &str) -> Vec<u64> {
        let op = by_name(name).expect("opcode name");
        let v: Vec<u64> = self
            .costs
            .steps
            .iter()
            .filter(|s| s.0 == 1 && s.1 == op)
            .map(|s| s.2)
            .collect();
        assert!(!v.is_empty(), "{name} did not run");
        v
    }

    fn cost(&self, name: &str) -> u64 {
        self.costs(name)[0]
    }

    /// The refund counter after the last opcode.
    fn refund(&self) -> i64 {
        self.costs.steps.last().map_or(0, |s| s.3)
    }

    fn word(&self) -> U256 {
        assert_eq!(self.status, Status::Success);
        assert_eq!(self.output.len(), 32, "output {:?}", self.output);
        U256::from_be_slice(&self.output)
    }

    fn balance(&self, a: Address) -> U256 {
        self.evm.backend().accounts()[&a].info.balance
    }
}

fn u(s: &str) -> U256 {
    match s.strip_prefix("0x") {
        Some(h) => U256::from_str_radix(h, 16).expect("hex literal"),
        None => U256::from_str_radix(s, 10).expect("decimal literal"),
    }
}

/// An account of a test world: address, balance, code (mnemonics or hex), storage slots.
type TestAccount<'a> = (Address, u64, &'a str, &'a [(u64, u64)]);

/// Runs a call to `to` in a world of `accounts`, at gas price zero.
fn run_world(
    block: BlockEnv,
    accounts: &[TestAccount<'_>],
    to: Address,
    data: Vec<u8>,
    gas: u64,
) -> Run {
    run_priced(block, accounts, to, data, gas, U256::ZERO)
}

/// As [`run_world`], at `gas_price`.
fn run_priced(
    block: BlockEnv,
    accounts: &[TestAccount<'_>],
    to: Address,
    data: Vec<u8>,
    gas: u64,
    gas_price: U256,
) -> Run {
    let mut db: InMemoryDb = world(&[]);
    for (a, balance, code, storage) in accounts {
        let code = assemble_or_hex(code).unwrap_or_else(|e| panic!("{code}: {e}"));
        let storage: HashMap<U256, U256> = storage
            .iter()
            .map(|(k, v)| (U256::from(*k), U256::from(*v)))
            .collect();
        db.insert_account(*a, U256::from(*balance), 1, &code, storage);
    }
    let mut evm = Evm::new(db, block);
    let tx = Transaction {
        caller: CALLER,
        to: Some(to),
        data,
        gas_limit: gas,
        gas_price,
        ..Transaction::default()
    };
    let mut costs = Costs::default();
    let r = evm
        .transact_with(&tx, &mut costs)
        .expect("valid transaction");
    Run {
        status: r.status,
        output: r.output,
        logs: r.logs,
        costs,
        evm,
    }
}

fn big_block() -> BlockEnv {
    BlockEnv {
        gas_limit: u64::MAX / 2,
        ..BlockEnv::default()
    }
}

/// Runs `code` as the contract `C` with no storage and no balance.
fn run(code: &str) -> Run {
    run_world(big_block(), &[(C, 0, code, &[])], C, vec![], GAS)
}

/// Runs `code`, then returns the word on top of the stack.
fn top(code: &str) -> U256 {
    run(&format!("{code} PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN")).word()
}

fn neg(v: u64) -> U256 {
    U256::ZERO.wrapping_sub(U256::from(v))
}

#[test]
fn arithmetic() {
    // ADD, SUB: G_verylow = 3. SUB computes top - second.
    let r = run("PUSH1 2 PUSH1 3 ADD PUSH1 3 PUSH1 5 SUB");
    assert_eq!((r.cost("ADD"), r.cost("SUB")), (3, 3));
    assert_eq!(top("PUSH1 2 PUSH1 3 ADD"), U256::from(5));
    assert_eq!(top(&format!("PUSH1 1 PUSH32 {MAX} ADD")), U256::ZERO); // wraps mod 2^256
    assert_eq!(top("PUSH1 3 PUSH1 5 SUB"), U256::from(2));
    assert_eq!(top("PUSH1 5 PUSH1 3 SUB"), neg(2));
    // MUL, DIV, SDIV, MOD, SMOD, SIGNEXTEND: G_low = 5.
    let r = run("PUSH1 6 PUSH1 7 MUL PUSH1 3 PUSH1 10 DIV SIGNEXTEND");
    assert_eq!(
        (r.cost("MUL"), r.cost("DIV"), r.cost("SIGNEXTEND")),
        (5, 5, 5)
    );
    assert_eq!(top("PUSH1 6 PUSH1 7 MUL"), U256::from(42));
    assert_eq!(top("PUSH1 3 PUSH1 10 DIV"), U256::from(3));
    assert_eq!(top("PUSH1 0 PUSH1 10 DIV"), U256::ZERO); // division by zero is 0
    assert_eq!(top("PUSH1 3 PUSH1 10 MOD"), U256::from(1));
    assert_eq!(top("PUSH1 0 PUSH1 10 MOD"), U256::ZERO);
    // SDIV truncates toward zero: -8 / 3 = -2; SMOD takes the dividend's sign: -8 % 3 = -2.
    let minus8 = format!("{:#x}", neg(8));
    assert_eq!(top(&format!("PUSH1 3 PUSH32 {minus8} SDIV")), neg(2));
    assert_eq!(top(&format!("PUSH1 3 PUSH32 {minus8} SMOD")), neg(2));
    // Yellow paper: SDIV(-2^255, -1) = -2^255 (the one overflow).
    let min = "0x8000000000000000000000000000000000000000000000000000000000000000";
    assert_eq!(top(&format!("PUSH32 {MAX} PUSH32 {min} SDIV")), u(min));
    // ADDMOD, MULMOD: G_mid = 8, computed without the 2^256 wrap.
    let r = run("PUSH1 8 PUSH1 10 PUSH1 10 ADDMOD");
    assert_eq!(r.cost("ADDMOD"), 8);
    assert_eq!(top("PUSH1 8 PUSH1 10 PUSH1 10 ADDMOD"), U256::from(4));
    // 2^256 = 6 (mod 10), so MAX = 5 and MAX + 2 = 7 (mod 10); a wrapping add would give 1.
    assert_eq!(
        top(&format!("PUSH1 10 PUSH1 2 PUSH32 {MAX} ADDMOD")),
        U256::from(7)
    );
    // 2^256 = 4 (mod 12), so MAX = 3 and MAX * MAX = 9 (mod 12).
    assert_eq!(
        top(&format!("PUSH1 12 PUSH32 {MAX} PUSH32 {MAX} MULMOD")),
        U256::from(9)
    );
    assert_eq!(top("PUSH1 0 PUSH1 5 PUSH1 5 MULMOD"), U256::ZERO);
    // EXP: G_exp = 10 plus G_expbyte = 50 per byte of the exponent (EIP-160).
    let r = run("PUSH1 10 PUSH1 2 EXP PUSH2 256 PUSH1 2 EXP PUSH1 0 PUSH1 9 EXP");
    assert_eq!(r.costs("EXP"), [60, 110, 10]);
    assert_eq!(top("PUSH1 10 PUSH1 2 EXP"), U256::from(1024));
    assert_eq!(top("PUSH2 256 PUSH1 2 EXP"), U256::ZERO);
    assert_eq!(top("PUSH1 0 PUSH1 9 EXP"), U256::from(1));
    // SIGNEXTEND(b, x) extends the sign bit of byte b.
    assert_eq!(top("PUSH1 0xff PUSH1 0 SIGNEXTEND"), u(MAX));
    assert_eq!(top("PUSH1 0x7f PUSH1 0 SIGNEXTEND"), U256::from(0x7f));
    assert_eq!(top("PUSH2 0x80ff PUSH1 31 SIGNEXTEND"), U256::from(0x80ff));
}

#[test]
fn bitwise_and_comparison() {
    // Every comparison, bitwise and shift opcode costs G_verylow = 3.
    let r = run("PUSH1 2 PUSH1 1 LT PUSH1 0 SLT PUSH1 1 BYTE PUSH1 1 SHL PUSH1 1 SAR NOT");
    for op in ["LT", "SLT", "BYTE", "SHL", "SAR", "NOT"] {
        assert_eq!(r.cost(op), 3, "{op}");
    }
    assert_eq!(top("PUSH1 2 PUSH1 1 LT"), U256::from(1)); // 1 < 2
    assert_eq!(top("PUSH1 2 PUSH1 1 GT"), U256::ZERO);
    assert_eq!(top(&format!("PUSH1 0 PUSH32 {MAX} SLT")), U256::from(1)); // -1 < 0
    assert_eq!(top(&format!("PUSH1 0 PUSH32 {MAX} SGT")), U256::ZERO);
    assert_eq!(top(&format!("PUSH1 0 PUSH32 {MAX} LT")), U256::ZERO); // unsigned: MAX > 0
    assert_eq!(top("PUSH1 7 PUSH1 7 EQ"), U256::from(1));
    assert_eq!(top("PUSH1 0 ISZERO"), U256::from(1));
    assert_eq!(top("PUSH1 0 NOT"), u(MAX));
    assert_eq!(top("PUSH1 0x3c PUSH1 0xf0 AND"), U256::from(0x30));
    assert_eq!(top("PUSH1 0x3c PUSH1 0xf0 OR"), U256::from(0xfc));
    assert_eq!(top("PUSH1 0x3c PUSH1 0xf0 XOR"), U256::from(0xcc));
    // BYTE(i, x): byte i counted from the most significant.
    assert_eq!(top("PUSH2 0x1234 PUSH1 31 BYTE"), U256::from(0x34));
    assert_eq!(top("PUSH2 0x1234 PUSH1 30 BYTE"), U256::from(0x12));
    assert_eq!(top("PUSH2 0x1234 PUSH1 32 BYTE"), U256::ZERO);
    // EIP-145's examples.
    let high = "0x8000000000000000000000000000000000000000000000000000000000000000";
    let quarter = "0x4000000000000000000000000000000000000000000000000000000000000000";
    let three_q = "0xc000000000000000000000000000000000000000000000000000000000000000";
    assert_eq!(top("PUSH1 1 PUSH1 0xff SHL"), u(high));
    assert_eq!(top("PUSH1 1 PUSH2 0x100 SHL"), U256::ZERO);
    assert_eq!(top(&format!("PUSH32 {high} PUSH1 1 SHR")), u(quarter));
    assert_eq!(top(&format!("PUSH32 {high} PUSH1 0xff SHR")), U256::from(1));
    assert_eq!(top(&format!("PUSH32 {high} PUSH1 1 SAR")), u(three_q));
    assert_eq!(top(&format!("PUSH32 {high} PUSH1 0xff SAR")), u(MAX));
    assert_eq!(top(&format!("PUSH32 {high} PUSH2 0x100 SAR")), u(MAX));
    assert_eq!(
        top(&format!("PUSH32 {quarter} PUSH2 0x100 SAR")),
        U256::ZERO
    );
}

#[test]
fn keccak_and_frame_environment() {
    // KECCAK256: 30 + 6 per word + memory expansion (1 word: 3).
    let r = run("PUSH1 0 PUSH1 0 KECCAK256 PUSH1 32 PUSH1 0 KECCAK256");
    assert_eq!(r.costs("KECCAK256"), [30, 39]);
    assert_eq!(
        top("PUSH1 0 PUSH1 0 KECCAK256"),
        u("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")
    );
    assert_eq!(
        top("PUSH1 32 PUSH1 0 KECCAK256"),
        u("0x290decd9548b62a8d60345a988386fc84ba6bc95484008f6362f93160ef3e563")
    );
    // CALLDATALOAD pads with zeros past the end of the data (G_verylow); CALLDATASIZE G_base.
    let data = vec![0xaa; 4];
    let word = |code: &str, data: Vec<u8>| {
        let code = format!("{code} PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN");
        run_world(big_block(), &[(C, 0, &code, &[])], C, data, GAS).word()
    };
    let padded = u("0xaaaaaaaa00000000000000000000000000000000000000000000000000000000");
    assert_eq!(word("PUSH1 0 CALLDATALOAD", data.clone()), padded);
    assert_eq!(
        word("PUSH1 2 CALLDATALOAD", data.clone()) >> 240,
        U256::from(0xaaaa)
    );
    assert_eq!(word("PUSH1 4 CALLDATALOAD", data.clone()), U256::ZERO);
    assert_eq!(
        word(&format!("PUSH32 {MAX} CALLDATALOAD"), data.clone()),
        U256::ZERO
    );
    assert_eq!(word("CALLDATASIZE", data), U256::from(4));
    // ADDRESS, CALLER, ORIGIN, CALLVALUE, CODESIZE: G_base = 2.
    let r = run("ADDRESS CALLER ORIGIN CALLVALUE CODESIZE");
    for op in ["ADDRESS", "CALLER", "ORIGIN", "CALLVALUE", "CODESIZE"] {
        assert_eq!(r.cost(op), 2, "{op}");
    }
    assert_eq!(top("ADDRESS"), C.to_word());
    assert_eq!(top("CALLER"), CALLER.to_word());
    assert_eq!(top("ORIGIN"), CALLER.to_word());
    assert_eq!(top("CALLVALUE"), U256::ZERO);
    // CODESIZE: 1 + the 8 bytes `top` appends (PUSH1 0, MSTORE, PUSH1 32, PUSH1 0, RETURN).
    assert_eq!(top("CODESIZE"), U256::from(9));
    // GAS: what is left after its own G_base: 1,000,000 - 21,000 intrinsic - 2.
    assert_eq!(top("GAS"), U256::from(978_998));
}

#[test]
fn block_and_transaction_info() {
    let block = BlockEnv {
        number: 1234,
        timestamp: 1_700_000_000,
        coinbase: addr(0xcb),
        chain_id: 5,
        gas_limit: 50_000_000,
        base_fee: U256::from(7),
        ..BlockEnv::default()
    };
    let code = "NUMBER TIMESTAMP COINBASE CHAINID GASLIMIT BASEFEE GASPRICE BLOBBASEFEE
         PUSH1 0 BLOBHASH PUSH1 0 BLOCKHASH
         PUSH1 0 MSTORE PUSH1 32 MSTORE PUSH1 64 MSTORE PUSH1 96 MSTORE PUSH1 128 MSTORE
         PUSH1 160 MSTORE PUSH1 192 MSTORE PUSH1 224 MSTORE PUSH2 256 MSTORE PUSH2 288 MSTORE
         PUSH2 320 PUSH1 0 RETURN";
    // A gas price at or above the base fee of 7.
    let r = run_priced(block, &[(C, 0, code, &[])], C, vec![], GAS, U256::from(10));
    assert_eq!(r.status, Status::Success);
    let w = |i: usize| U256::from_be_slice(&r.output[i * 32..i * 32 + 32]);
    // Stored in reverse order of pushing: BLOCKHASH first.
    assert_eq!(
        w(0),
        U256::ZERO,
        "BLOCKHASH(0) is out of the 256-block window of 1234"
    );
    assert_eq!(w(1), U256::ZERO, "BLOBHASH(0) without blobs");
    assert_eq!(
        w(2),
        U256::from(1),
        "BLOBBASEFEE at zero excess blob gas (EIP-4844)"
    );
    assert_eq!(
        w(3),
        U256::from(10),
        "GASPRICE: a legacy transaction's price"
    );
    assert_eq!(w(4), U256::from(7), "BASEFEE");
    assert_eq!(w(5), U256::from(50_000_000), "GASLIMIT");
    assert_eq!(w(6), U256::from(5), "CHAINID");
    assert_eq!(w(7), addr(0xcb).to_word(), "COINBASE");
    assert_eq!(w(8), U256::from(1_700_000_000), "TIMESTAMP");
    assert_eq!(w(9), U256::from(1234), "NUMBER");
    // G_base for the block fields, G_verylow for BLOBHASH (EIP-4844), G_blockhash = 20.
    for op in [
        "NUMBER",
        "TIMESTAMP",
        "COINBASE",
        "CHAINID",
        "GASLIMIT",
        "BASEFEE",
        "GASPRICE",
        "BLOBBASEFEE",
    ] {
        assert_eq!(r.cost(op), 2, "{op}");
    }
    assert_eq!((r.cost("BLOBHASH"), r.cost("BLOCKHASH")), (3, 20));
}

#[test]
fn memory() {
    // Memory cost: 3 per word + words^2 / 512, charged on growth (yellow paper C_mem).
    let r = run("PUSH1 0x2a PUSH1 0 MSTORE PUSH1 0 MLOAD PUSH1 33 MLOAD MSIZE");
    assert_eq!(r.cost("MSTORE"), 3 + 3); // grows to 1 word
    assert_eq!(r.costs("MLOAD"), [3, 3 + 6]); // then no growth; then to 3 words (9 - 3)
    assert_eq!(r.cost("MSIZE"), 2);
    assert_eq!(
        top("PUSH1 0x2a PUSH1 0 MSTORE PUSH1 0 MLOAD"),
        U256::from(0x2a)
    );
    assert_eq!(top("PUSH1 33 MLOAD POP MSIZE"), U256::from(96));
    // MSTORE8 writes the low byte.
    let r = run("PUSH2 0x1234 PUSH1 31 MSTORE8");
    assert_eq!(r.cost("MSTORE8"), 3 + 3);
    assert_eq!(
        top("PUSH2 0x1234 PUSH1 31 MSTORE8 PUSH1 0 MLOAD"),
        U256::from(0x34)
    );
    // 1024 words: 3 * 1024 + 1024^2 / 512 = 5120.
    let r = run("PUSH1 1 PUSH2 0x7fe0 MSTORE");
    assert_eq!(r.cost("MSTORE"), 3 + 5120);
    // MCOPY (EIP-5656), its first example: 3 + 3 per word, no growth; the copy lands.
    let bytes = "0x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    let code = format!("PUSH32 {bytes} PUSH1 32 MSTORE PUSH1 32 PUSH1 32 PUSH1 0 MCOPY");
    assert_eq!(run(&code).cost("MCOPY"), 6);
    assert_eq!(top(&format!("{code} PUSH1 0 MLOAD")), u(bytes));
    // Overlapping copy, EIP-5656's MCOPY 0 1 8 on 0x0001020304050607 08...
    let code = format!("PUSH32 {bytes} PUSH1 0 MSTORE PUSH1 8 PUSH1 1 PUSH1 0 MCOPY");
    assert_eq!(
        top(&format!("{code} PUSH1 0 MLOAD")),
        u("0x010203040506070808090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")
    );
    // A zero-length copy grows nothing, whatever the offsets.
    assert_eq!(
        run(&format!("PUSH1 0 PUSH32 {MAX} PUSH32 {MAX} MCOPY")).cost("MCOPY"),
        3
    );
    // An offset past 2^64 would need unaffordable memory: out of gas.
    assert_eq!(
        run(&format!("PUSH32 {MAX} MLOAD")).status,
        Status::Halt(Halt::OutOfGas)
    );
}

#[test]
fn stack() {
    let r = run("PUSH0 PUSH1 1 PUSH32 0x01 DUP1 SWAP1 POP");
    assert_eq!(r.cost("PUSH0"), 2); // EIP-3855: G_base
    for op in ["PUSH1", "PUSH32", "DUP1", "SWAP1"] {
        assert_eq!(r.cost(op), 3, "{op}");
    }
    assert_eq!(r.cost("POP"), 2);
    let pushes: String = (1..=16).map(|i| format!("PUSH1 {i} ")).collect();
    assert_eq!(top(&format!("{pushes} DUP16")), U256::from(1));
    assert_eq!(top(&format!("{pushes} PUSH1 17 SWAP16")), U256::from(1));
    assert_eq!(
        top(&format!("{pushes} PUSH1 17 SWAP16 POP")),
        U256::from(16)
    );
    // A PUSH whose immediate runs past the end of code reads zeros, then the code stops.
    let r = run("0x61ff");
    assert_eq!((r.status, r.cost("PUSH2")), (Status::Success, 3));

    // Underflow and overflow (1025 items) halt, consuming all gas.
    assert_eq!(run("ADD").status, Status::Halt(Halt::StackUnderflow));
    assert_eq!(run(&pushes[..]).status, Status::Success);
    assert_eq!(run("POP").status, Status::Halt(Halt::StackUnderflow));
    let overflow = "PUSH0 ".repeat(1025);
    assert_eq!(run(&overflow).status, Status::Halt(Halt::StackOverflow));
    assert_eq!(run(&"PUSH0 ".repeat(1024)).status, Status::Success);
    // At the limit: DUP16 on 1024 items overflows, on 1023 it runs; SWAP16 on 1024 runs.
    let full = "PUSH0 ".repeat(1024);
    let r = run(&format!("{full} DUP16"));
    assert_eq!(r.status, Status::Halt(Halt::StackOverflow));
    assert_eq!(
        run(&format!("{} DUP16", "PUSH0 ".repeat(1023))).status,
        Status::Success
    );
    assert_eq!(run(&format!("{full} SWAP16")).status, Status::Success);
    assert_eq!(
        run(&format!("{} DUP16", "PUSH0 ".repeat(15))).status,
        Status::Halt(Halt::StackUnderflow)
    );
}

#[test]
fn control_flow() {
    // JUMP: G_mid = 8, JUMPI: G_high = 10, JUMPDEST: 1, PC: G_base.
    let r = run("PUSH @a JUMP INVALID a: JUMPDEST PUSH1 1 PUSH @b JUMPI INVALID b: JUMPDEST PC");
    assert_eq!(r.status, Status::Success);
    assert_eq!(
        (
            r.cost("JUMP"),
            r.cost("JUMPI"),
            r.costs("JUMPDEST"),
            r.cost("PC")
        ),
        (8, 10, vec![1, 1], 2)
    );
    assert_eq!(
        top("PUSH0 PUSH @x JUMPI PUSH1 7 x: JUMPDEST"),
        U256::from(7)
    ); // not taken
    assert_eq!(top("PUSH0 POP PC"), U256::from(2));
    // A jump to a byte that is not a JUMPDEST, or to a 0x5b inside PUSH data, halts.
    assert_eq!(run("PUSH1 3 JUMP STOP").status, Status::Halt(Halt::BadJump));
    assert_eq!(
        run("PUSH1 4 JUMP PUSH1 0x5b").status,
        Status::Halt(Halt::BadJump)
    );
    assert_eq!(
        run(&format!("PUSH32 {MAX} JUMP")).status,
        Status::Halt(Halt::BadJump)
    );
    // RETURN and REVERT hand back memory; REVERT keeps the unused gas.
    let r = run("PUSH1 0x2a PUSH1 0 MSTORE PUSH1 32 PUSH1 0 REVERT");
    assert_eq!(r.status, Status::Revert);
    assert_eq!(U256::from_be_slice(&r.output), U256::from(0x2a));
    // INVALID and undefined opcodes halt; running off the end of code is STOP.
    assert_eq!(run("INVALID").status, Status::Halt(Halt::InvalidFe));
    assert_eq!(
        run("0x0c").status,
        Status::Halt(Halt::UndefinedOpcode(0x0c))
    );
    assert_eq!(run("0x5c").status, Status::Halt(Halt::StackUnderflow)); // TLOAD, no key
    assert_eq!(run("PUSH1 1").status, Status::Success);
}

#[test]
fn state_access_eip2929() {
    // SLOAD: cold 2100, then warm 100 (EIP-2929).
    let r = run_world(
        big_block(),
        &[(
            C,
            0,
            "PUSH1 1 SLOAD PUSH1 1 SLOAD PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN",
            &[(1, 5)],
        )],
        C,
        vec![],
        GAS,
    );
    assert_eq!(r.costs("SLOAD"), [2100, 100]);
    assert_eq!(r.word(), U256::from(5));
    // BALANCE, EXTCODESIZE, EXTCODEHASH: cold 2600, warm 100; the callee is warm already.
    let b = addr(0xba);
    let code = format!(
        "PUSH20 {b} BALANCE PUSH20 {b} BALANCE PUSH20 {C} EXTCODESIZE
         PUSH1 0 MSTORE PUSH1 32 MSTORE PUSH1 64 MSTORE PUSH1 96 PUSH1 0 RETURN"
    );
    let r = run_world(
        big_block(),
        &[(C, 0, &code, &[]), (b, 1000, "", &[])],
        C,
        vec![],
        GAS,
    );
    assert_eq!(r.costs("BALANCE"), [2600, 100]);
    assert_eq!(r.cost("EXTCODESIZE"), 100);
    let code_len = assemble(&code).expect("asm").len();
    assert_eq!(U256::from_be_slice(&r.output[0..32]), U256::from(code_len));
    assert_eq!(U256::from_be_slice(&r.output[32..64]), U256::from(1000));
    // EXTCODEHASH (EIP-1052): 0 for an account that does not exist, keccak("") for one
    // with no code.
    let code = format!(
        "PUSH20 {} EXTCODEHASH PUSH20 {b} EXTCODEHASH SELFBALANCE
         PUSH1 0 MSTORE PUSH1 32 MSTORE PUSH1 64 MSTORE PUSH1 96 PUSH1 0 RETURN",
        addr(0x99)
    );
    let r = run_world(
        big_block(),
        &[(C, 77, &code, &[]), (b, 1000, "", &[])],
        C,
        vec![],
        GAS,
    );
    assert_eq!(r.costs("EXTCODEHASH"), [2600, 2600]);
    assert_eq!(r.cost("SELFBALANCE"), 5); // EIP-1884: G_low
    let w = |i: usize| U256::from_be_slice(&r.output[i * 32..i * 32 + 32]);
    assert_eq!(w(0), U256::from(77));
    assert_eq!(
        w(1),
        u("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")
    );
    assert_eq!(w(2), U256::ZERO);
}

#[test]
fn sstore_eip2200_eip3529() {
    // Original 0: 0 -> 1 cold = 2100 + 20000; 1 -> 2 (dirty) = 100; 2 -> 0 (back to the
    // original) = 100 with a refund of 20000 - 100 = 19900.
    let code = "PUSH1 1 PUSH1 0 SSTORE PUSH1 2 PUSH1 0 SSTORE PUSH1 0 PUSH1 0 SSTORE";
    let r = run(code);
    assert_eq!(r.costs("SSTORE"), [22100, 100, 100]);
    assert_eq!(r.refund(), 19900);
    // Original 1: 1 -> 0 cold = 2100 + 2900 with the EIP-3529 clearing refund 4800; then
    // 0 -> 1 (restoring the original) = 100, taking the 4800 back and refunding 2900 - 100.
    let code = "PUSH1 0 PUSH1 0 SSTORE PUSH1 1 PUSH1 0 SSTORE";
    let r = run_world(big_block(), &[(C, 0, code, &[(0, 1)])], C, vec![], GAS);
    assert_eq!(r.costs("SSTORE"), [5000, 100]);
    assert_eq!(r.refund(), 2800);
    // A no-op store of the current value: warm 100 (after the cold surcharge).
    let r = run_world(
        big_block(),
        &[(C, 0, "PUSH1 1 PUSH1 0 SSTORE", &[(0, 1)])],
        C,
        vec![],
        GAS,
    );
    assert_eq!(r.cost("SSTORE"), 2200);
    // EIP-2200: with 2300 gas or less left, SSTORE fails (21000 + 3 + 3 + 2300).
    let r = run_world(
        big_block(),
        &[(C, 0, "PUSH1 1 PUSH1 0 SSTORE", &[])],
        C,
        vec![],
        23306,
    );
    assert_eq!(r.status, Status::Halt(Halt::OutOfGas));
    let r = run_world(
        big_block(),
        &[(C, 0, "PUSH1 1 PUSH1 0 SSTORE", &[])],
        C,
        vec![],
        45206,
    );
    assert_eq!(r.status, Status::Success);
}

#[test]
fn transient_storage_eip1153() {
    // TSTORE and TLOAD cost 100 each; values live for the transaction only.
    let code = "PUSH1 7 PUSH1 1 TSTORE PUSH1 1 TLOAD";
    let r = run(code);
    assert_eq!((r.cost("TSTORE"), r.cost("TLOAD")), (100, 100));
    assert_eq!(top(code), U256::from(7));
    assert_eq!(top("PUSH1 1 TLOAD"), U256::ZERO);
    // TSTORE inside a STATICCALL halts that frame (the call returns 0).
    let d = addr(0xdd);
    let code = format!("PUSH0 PUSH0 PUSH0 PUSH0 PUSH20 {d} GAS STATICCALL");
    let r = run_world(
        big_block(),
        &[
            (
                C,
                0,
                &format!("{code} PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN"),
                &[],
            ),
            (d, 0, "PUSH1 1 PUSH1 1 TSTORE", &[]),
        ],
        C,
        vec![],
        GAS,
    );
    assert_eq!(r.word(), U256::ZERO);
}

#[test]
fn logs() {
    // LOG1 with 32 bytes: 375 + 375 per topic + 8 per byte = 1006 (memory already 1 word).
    let topic = "0x00000000000000000000000000000000000000000000000000000000000000ab";
    let code = format!("PUSH1 0xaa PUSH1 0 MSTORE PUSH32 {topic} PUSH1 32 PUSH1 0 LOG1");
    let r = run(&code);
    assert_eq!(r.cost("LOG1"), 1006);
    assert_eq!(r.logs.len(), 1);
    assert_eq!(r.logs[0].address, C);
    assert_eq!(r.logs[0].topics[0].to_word(), u(topic));
    assert_eq!(U256::from_be_slice(&r.logs[0].data), U256::from(0xaa));
    // LOG0 of nothing: 375; LOG4: 375 + 4 * 375.
    let r = run("PUSH0 PUSH0 LOG0 PUSH0 PUSH0 PUSH0 PUSH0 PUSH0 PUSH0 LOG4");
    assert_eq!((r.cost("LOG0"), r.cost("LOG4")), (375, 1875));
    // Logs of a reverted transaction are dropped.
    assert!(run("PUSH0 PUSH0 LOG0 PUSH0 PUSH0 REVERT").logs.is_empty());
}

#[test]
fn selfdestruct_eip6780() {
    // An account not created in this transaction only sends its balance (EIP-6780).
    // Cost: 5000 + 2600 cold beneficiary + 25000 (the beneficiary is empty and value moves).
    let to = addr(0xbe);
    let r = run_world(
        big_block(),
        &[(C, 100, &format!("PUSH20 {to} SELFDESTRUCT"), &[])],
        C,
        vec![],
        GAS,
    );
    assert_eq!(r.status, Status::Success);
    assert_eq!(r.cost("SELFDESTRUCT"), 32600);
    assert_eq!(r.balance(to), U256::from(100));
    assert_eq!(r.balance(C), U256::ZERO);
    assert!(
        !r.evm.backend().accounts()[&C].info.code.is_empty(),
        "code stays"
    );
}

#[test]
fn calls() {
    // CALL with no value to a cold, empty account: 100 + 2500 cold surcharge; it succeeds.
    let e = addr(0xe0);
    let call = |to: Address, value: u64| {
        format!("PUSH0 PUSH0 PUSH0 PUSH0 PUSH1 {value} PUSH20 {to} GAS CALL")
    };
    let ret = " PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN";
    let r = run_world(
        big_block(),
        &[(C, 10, &(call(e, 0) + ret), &[])],
        C,
        vec![],
        GAS,
    );
    assert_eq!(r.cost("CALL"), 2600);
    assert_eq!(r.word(), U256::from(1));
    // With value: + 9000, + 25000 to an empty account; the value arrives.
    let r = run_world(
        big_block(),
        &[(C, 10, &(call(e, 3) + ret), &[])],
        C,
        vec![],
        GAS,
    );
    assert_eq!(r.cost("CALL"), 36600);
    assert_eq!(r.balance(e), U256::from(3));
    // More value than the caller has: the call returns 0 and nothing moves.
    let r = run_world(
        big_block(),
        &[(C, 10, &(call(e, 11) + ret), &[])],
        C,
        vec![],
        GAS,
    );
    assert_eq!(r.word(), U256::ZERO);
    // DELEGATECALL runs the callee's code as the caller: CALLER and ADDRESS are the caller's.
    let d = addr(0xdd);
    let lib = "CALLER PUSH1 0 MSTORE ADDRESS PUSH1 32 MSTORE PUSH1 64 PUSH1 0 RETURN";
    let code =
        format!("PUSH1 64 PUSH0 PUSH0 PUSH0 PUSH20 {d} GAS DELEGATECALL PUSH1 64 PUSH0 RETURN");
    let r = run_world(
        big_block(),
        &[(C, 0, &code, &[]), (d, 0, lib, &[])],
        C,
        vec![],
        GAS,
    );
    assert_eq!(U256::from_be_slice(&r.output[..32]), CALLER.to_word());
    assert_eq!(U256::from_be_slice(&r.output[32..]), C.to_word());
    // STATICCALL into code that writes storage: the callee halts, the call returns 0.
    let code = format!("PUSH0 PUSH0 PUSH0 PUSH0 PUSH20 {d} GAS STATICCALL{ret}");
    let r = run_world(
        big_block(),
        &[(C, 0, &code, &[]), (d, 0, "PUSH1 1 PUSH0 SSTORE", &[])],
        C,
        vec![],
        GAS,
    );
    assert_eq!(r.word(), U256::ZERO);
    // RETURNDATASIZE after a call, and RETURNDATACOPY past it halts (EIP-211).
    let code = format!("PUSH0 PUSH0 PUSH0 PUSH0 PUSH20 {d} GAS STATICCALL POP RETURNDATASIZE{ret}");
    let r = run_world(
        big_block(),
        &[(C, 0, &code, &[]), (d, 0, lib, &[])],
        C,
        vec![],
        GAS,
    );
    assert_eq!(r.word(), U256::from(64));
    let code = format!(
        "PUSH0 PUSH0 PUSH0 PUSH0 PUSH20 {d} GAS STATICCALL POP PUSH1 65 PUSH0 PUSH0 RETURNDATACOPY"
    );
    let r = run_world(
        big_block(),
        &[(C, 0, &code, &[]), (d, 0, lib, &[])],
        C,
        vec![],
        GAS,
    );
    assert_eq!(r.status, Status::Halt(Halt::ReturnDataOutOfBounds));
}

#[test]
fn creates() {
    // CREATE2, EIP-1014's example 1: deployer 0xdeadbeef00..00, salt 0, initcode 0x00.
    // Cost: 32000 + 2 per initcode word (EIP-3860) + 6 per hashed word + 3 memory = 32011.
    let deployer = Address::from_hex("0xdeadbeef00000000000000000000000000000000").expect("addr");
    let code = "PUSH0 PUSH1 1 PUSH0 PUSH0 CREATE2 PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN";
    let r = run_world(
        big_block(),
        &[(deployer, 0, code, &[])],
        deployer,
        vec![],
        GAS,
    );
    assert_eq!(r.cost("CREATE2"), 32011);
    let expected = Address::from_hex("0xB928f69Bb1D91Cd65274e3c79d8986362984fDA3").expect("addr");
    assert_eq!(r.word(), expected.to_word());
    // EIP-1014's example 0 (deployer 0x00..00) from the same code.
    let zero = Address::ZERO;
    let r = run_world(big_block(), &[(zero, 0, code, &[])], zero, vec![], GAS);
    let expected = Address::from_hex("0x4D1A2e2bB4F88F0250f26Ffff098B0b30B26BF38").expect("addr");
    assert_eq!(r.word(), expected.to_word());
    // CREATE: keccak(rlp([sender, nonce]))[12:]. The well-known vector for sender
    // 0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0 at nonce 1 is 0x343c43a3...fcf8.
    let sender = Address::from_hex("0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0").expect("addr");
    let code = "PUSH0 PUSH0 PUSH0 CREATE PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN";
    let r = run_world(big_block(), &[(sender, 0, code, &[])], sender, vec![], GAS);
    assert_eq!(r.cost("CREATE"), 32000);
    let expected = Address::from_hex("0x343c43a37d37dff08ae8c4a11544c718abb4fcf8").expect("addr");
    assert_eq!(r.word(), expected.to_word());
    assert_eq!(r.evm.backend().accounts()[&sender].info.nonce, 2);
    // CREATE in a static frame halts it.
    let d = addr(0xdd);
    let code = format!(
        "PUSH0 PUSH0 PUSH0 PUSH0 PUSH20 {d} GAS STATICCALL PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN"
    );
    let r = run_world(
        big_block(),
        &[(C, 0, &code, &[]), (d, 0, "PUSH0 PUSH0 PUSH0 CREATE", &[])],
        C,
        vec![],
        GAS,
    );
    assert_eq!(r.word(), U256::ZERO);
}

/// Runs `code` as a call in evmbox and in revm (Cancun), asserts that both succeed with the
/// same output, gas and storage, and returns evmbox's outcome.
fn same_as_revm(code: Vec<u8>, gas: u64, what: &str) -> common::Oracle {
    let to = addr(0x77);
    let contracts = [(to, code)];
    let ours = common::evmbox_call(&contracts, to, vec![], gas);
    assert_eq!(
        ours,
        common::revm_call(&contracts, to, vec![], gas),
        "{what}"
    );
    assert!(ours.success, "{what}");
    ours
}

/// Every PUSHn (the one-byte, 64-bit-window and 256-bit-window paths), with immediates of
/// random bytes, leading zeros and all ones, pushes the immediate as a big-endian word, as
/// revm does; one cut short by the end of the code runs as revm's does (then a STOP).
#[test]
fn every_push_width_matches_revm() {
    let mut rng = common::Rng(0x5eed_9054);
    for n in 1..=32usize {
        let mut immediates = vec![vec![0xff; n], rng.bytes(n)];
        let mut leading_zeros = rng.bytes(n);
        leading_zeros[..n / 2].fill(0);
        immediates.push(leading_zeros);
        for imm in immediates {
            // PUSHn imm, then store the word and return it.
            let mut code = vec![0x5f + n as u8];
            code.extend(&imm);
            code.extend([0x5f, 0x52, 0x60, 0x20, 0x5f, 0xf3]);
            let ours = same_as_revm(code, 100_000, &format!("PUSH{n} {imm:02x?}"));
            let mut expect = [0u8; 32];
            expect[32 - n..].copy_from_slice(&imm);
            assert_eq!(ours.output, expect, "PUSH{n} {imm:02x?}");
        }
        // Cut short by the end of the code.
        let code = [vec![0x5f + n as u8], rng.bytes(n - 1)].concat();
        same_as_revm(code, 100_000, &format!("PUSH{n} cut"));
    }
}

/// Memory expansion gas, `3w + w²/512` (the Yellow Paper's C_mem), at the edge of the
/// 64-bit fast path and beyond it, against the formula in 128-bit arithmetic; and
/// expansions to 1 MiB and 2 MiB charge what revm charges.
#[test]
fn memory_cost_is_exact_on_both_paths() {
    let exact = |w: u64| {
        let w = w as u128;
        (3 * w + w * w / 512).min(u64::MAX as u128) as u64
    };
    for w in [
        0,
        1,
        31,
        32,
        724,
        1 << 20,
        (1 << 32) - 1,
        1 << 32,
        (1 << 32) + 1,
        1 << 40,
    ]
    .into_iter()
    .chain([u64::MAX / 3, u64::MAX])
    {
        assert_eq!(evmbox::gas::memory_cost(w), exact(w), "{w} words");
    }
    for offset in ["0x0fffe0", "0x1fffe0"] {
        let code = assemble(&format!("PUSH1 1 PUSH3 {offset} MSTORE STOP")).unwrap();
        same_as_revm(code, 10_000_000, offset);
    }
}

/// MUL, DIV, SDIV, MOD and SMOD on operands at the edges of their fast paths (zero, one,
/// 32- and 64-bit limits, just past them, negatives, 256-bit values), every pair, return
/// what revm returns.
#[test]
fn arithmetic_fast_paths_match_revm() {
    let mut rng = common::Rng(0xa417);
    let mut values: Vec<String> = [
        "0",
        "1",
        "2",
        "3",
        "0xffffffff",
        "0x100000000",
        "0xfffffffffffffffe",
    ]
    .into_iter()
    .chain([
        "0xffffffffffffffff",
        "0x10000000000000000",
        "0x1ffffffffffffffff",
        MAX,
    ])
    .map(String::from)
    .collect();
    // Negatives (two's complement) and random widths.
    values.push(format!("0x{}fe", "ff".repeat(31)));
    values.push(format!("0x80{}", "00".repeat(31)));
    for n in [4, 8, 9, 16, 32] {
        values.push(format!(
            "0x{}",
            evmbox::primitives::encode_hex(&rng.bytes(n))
        ));
    }
    for op in ["MUL", "DIV", "SDIV", "MOD", "SMOD"] {
        // One program per first operand: every second operand in turn, results in memory.
        for a in &values {
            let mut src = String::new();
            for (i, b) in values.iter().enumerate() {
                src += &format!("PUSH32 {b} PUSH32 {a} {op} PUSH2 {} MSTORE ", i * 32);
            }
            src += &format!("PUSH2 {} PUSH0 RETURN", values.len() * 32);
            same_as_revm(assemble(&src).unwrap(), 1_000_000, &format!("{op} {a}"));
        }
    }
}
