//! The JS API's data objects as JSON text: a transaction's result, its logs, and a paused
//! frame, with the fields as viem and `eth_call` users spell them. One text per object lets
//! the whole object cross the wasm boundary once (one `JSON.parse`) instead of once per
//! field.
//!
//! Quantities the JS side makes bigints ([`BIGINT_FIELDS`]) are written as decimal strings;
//! byte strings as `0x` hex, except those longer than the caller's limit: they are written as
//! `null` and listed in [`ResultJson::large`], for the caller to fill in another way.

use crate::calltree::{revert_reason, CallNode};
use crate::frame::Frame;
use crate::opcodes;
use crate::primitives::{to_hex, U256};
use crate::profile::{OpcodeStats, Profile};
use crate::state::{AccountChange, Backend, Journal, Log};
use crate::status::Status;
use crate::transaction::ExecutionResult;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use std::collections::BTreeMap;

/// The fields, at any depth of the result, whose decimal strings the JS side turns into
/// bigints.
pub const BIGINT_FIELDS: [&str; 7] = [
    "gasUsed",
    "gasRefunded",
    "balance",
    "nonce",
    "value",
    "gasLeft",
    "gasLimit",
];

/// The fields of a call tree's nodes the JS side turns into bigints.
pub const CALL_TREE_BIGINTS: [&str; 3] = ["value", "gas", "gasUsed"];

/// Where a byte string too long for hex text belongs in the result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Large {
    /// The result's `output`.
    Output,
    /// The `data` of log `i`.
    LogData(usize),
    /// A frame's `memory`.
    Memory,
    /// A frame's `returnData`.
    ReturnData,
    /// A frame's `input`.
    Input,
}

/// A result's JSON text and the byte strings left out of it.
#[derive(Debug)]
pub struct ResultJson {
    /// The JSON text of the result object.
    pub text: String,
    /// The byte strings written as `null` because they are longer than the limit.
    pub large: Vec<Large>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultView<'a> {
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    halt_reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    revert_reason: Option<String>,
    output: Option<String>,
    gas_used: String,
    gas_refunded: String,
    logs: Vec<LogView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    created_address: Option<String>,
    state_changes: Vec<ChangeView<'a>>,
}

#[derive(Serialize)]
struct LogView {
    address: String,
    topics: Vec<String>,
    data: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ChangeView<'a> {
    address: String,
    deleted: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    created: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    balance: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    nonce: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    code_hash: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    storage: Option<Slots<'a>>,
}

/// Changed slots as an object from slot to value (32-byte hex each), in slot order.
struct Slots<'a>(&'a [(U256, U256)]);

impl Serialize for Slots<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut slots = self.0.to_vec();
        slots.sort_unstable();
        let word = |w: &U256| to_hex(&w.to_be_bytes::<32>());
        let mut m = s.serialize_map(Some(slots.len()))?;
        for (k, v) in &slots {
            m.serialize_entry(&word(k), &word(v))?;
        }
        m.end()
    }
}

impl ResultJson {
    /// The result object of `r`: `status`, `haltReason` (a halt), `revertReason` (a revert
    /// with an `Error(string)` or `Panic(uint256)` payload), `output`, `gasUsed`,
    /// `gasRefunded`, `logs`, `createdAddress` (a creation) and `stateChanges`. Byte strings
    /// longer than `max_hex` bytes are left out (see [`ResultJson::large`]).
    pub fn new(r: &ExecutionResult, max_hex: usize) -> ResultJson {
        let mut hex = HexOrLarge::new(max_hex);
        let output = hex.of(&r.output, Large::Output);
        let logs = log_views(&r.logs, &mut hex);
        let view = ResultView {
            status: status_name(&r.status),
            halt_reason: match &r.status {
                Status::Halt(h) => Some(h.to_string()),
                _ => None,
            },
            revert_reason: match r.status {
                Status::Revert => revert_reason(&r.output),
                _ => None,
            },
            output,
            gas_used: r.gas_used.to_string(),
            gas_refunded: r.gas_refunded.to_string(),
            logs,
            created_address: r.created.as_ref().map(|a| a.to_checksum()),
            state_changes: r.changes.iter().map(change_view).collect(),
        };
        hex.finish(&view)
    }

    /// An array of logs `{ address, topics, data }`, as in a result.
    pub fn logs(logs: &[Log], max_hex: usize) -> ResultJson {
        let mut hex = HexOrLarge::new(max_hex);
        let views = log_views(logs, &mut hex);
        hex.finish(&views)
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FrameView {
    depth: usize,
    kind: &'static str,
    address: String,
    caller: String,
    code_address: String,
    value: String,
    is_static: bool,
    pc: usize,
    opcode: u8,
    op_name: String,
    gas_left: String,
    gas_limit: String,
    stack: Vec<String>,
    memory: Option<String>,
    return_data: Option<String>,
    input: Option<String>,
    storage: BTreeMap<String, SlotView>,
    transient_storage: BTreeMap<String, String>,
}

#[derive(Serialize)]
struct SlotView {
    original: String,
    current: String,
}

impl ResultJson {
    /// A paused frame at `depth` (1 = outermost) as `frames()` shows it: its message, pc and
    /// opcode, gas, stack (bottom first), memory, return data, input, and its account's
    /// storage (`original` and `current` of each slot the transaction has read or written)
    /// and transient storage.
    pub fn frame<B: Backend>(
        f: &Frame,
        depth: usize,
        journal: &Journal<B>,
        max_hex: usize,
    ) -> Self {
        let mut hex = HexOrLarge::new(max_hex);
        let word = |w: &U256| to_hex(&w.to_be_bytes::<32>());
        let op = f.current_opcode();
        let view = FrameView {
            depth,
            kind: f.message.kind.name(),
            address: f.message.address.to_checksum(),
            caller: f.message.caller.to_checksum(),
            code_address: f.message.code_address.to_checksum(),
            value: f.message.value.to_string(),
            is_static: f.message.is_static,
            pc: f.pc,
            opcode: op,
            op_name: opcodes::name(op).into_owned(),
            gas_left: f.gas.to_string(),
            gas_limit: f.gas_limit.to_string(),
            stack: f.stack.as_slice().iter().map(word).collect(),
            memory: hex.of(f.memory.as_slice(), Large::Memory),
            return_data: hex.of(&f.return_data, Large::ReturnData),
            input: hex.of(&f.input, Large::Input),
            storage: (journal.cached(&f.message.address).into_iter())
                .flat_map(|a| a.storage.iter())
                .map(|(k, s)| {
                    let slot = SlotView {
                        original: word(&s.original),
                        current: word(&s.present),
                    };
                    (word(k), slot)
                })
                .collect(),
            transient_storage: (journal.transient_of(&f.message.address).iter())
                .map(|(k, v)| (word(k), word(v)))
                .collect(),
        };
        hex.finish(&view)
    }
}

/// Byte strings as hex up to a length, and where the longer ones were left out.
struct HexOrLarge {
    max: usize,
    large: Vec<Large>,
}

impl HexOrLarge {
    fn new(max: usize) -> Self {
        HexOrLarge {
            max,
            large: Vec::new(),
        }
    }

    /// `b` as `0x` hex, or `None` (noted as `at`) if longer than the limit.
    fn of(&mut self, b: &[u8], at: Large) -> Option<String> {
        if b.len() > self.max {
            self.large.push(at);
            None
        } else {
            Some(to_hex(b))
        }
    }

    /// The JSON text of `view`, with the byte strings left out of it.
    fn finish(self, view: &impl Serialize) -> ResultJson {
        let text = serde_json::to_string(view).unwrap_or_else(|_| "null".into());
        ResultJson {
            text,
            large: self.large,
        }
    }
}

fn log_views(logs: &[Log], hex: &mut HexOrLarge) -> Vec<LogView> {
    let logs = logs.iter().enumerate();
    logs.map(|(i, l)| LogView {
        address: l.address.to_checksum(),
        topics: l.topics.iter().map(|t| t.to_string()).collect(),
        data: hex.of(&l.data, Large::LogData(i)),
    })
    .collect()
}

/// The JS name of a status.
pub fn status_name(s: &Status) -> &'static str {
    match s {
        Status::Success => "success",
        Status::Revert => "revert",
        Status::Halt(_) => "halt",
    }
}

fn change_view(c: &AccountChange) -> ChangeView<'_> {
    match c {
        AccountChange::Deleted(a) => ChangeView {
            address: a.to_checksum(),
            deleted: true,
            created: None,
            balance: None,
            nonce: None,
            code_hash: None,
            storage: None,
        },
        AccountChange::Updated {
            address,
            info,
            storage,
            created,
        } => ChangeView {
            address: address.to_checksum(),
            deleted: false,
            created: Some(*created),
            balance: Some(info.balance.to_string()),
            nonce: Some(info.nonce.to_string()),
            code_hash: Some(info.code.hash().to_string()),
            storage: Some(Slots(storage)),
        },
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NodeView<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    from: String,
    to: String,
    value: String,
    gas: String,
    gas_used: String,
    input: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    input_truncated: Option<bool>,
    output: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    output_truncated: Option<bool>,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    revert_reason: Option<String>,
    depth: usize,
    parent: Option<usize>,
    children: &'a [usize],
    precompile: bool,
    opcodes: u64,
    time_total_ms: f64,
    time_self_ms: f64,
}

/// A call tree as the JS API's `callTree`: an array of one object per frame in entry order
/// (`type`, `from`, `to`, `value`, `gas`, `gasUsed`, `input`, `output`, `status`, `error`,
/// `revertReason`, `depth`, `parent`, `children`, `precompile`, `opcodes`, `timeTotalMs`,
/// `timeSelfMs`), the [`CALL_TREE_BIGINTS`] as decimal strings. Input and output longer than
/// `max_hex` bytes are cut there and flagged (`inputTruncated`, `outputTruncated`).
pub fn call_tree_json(nodes: &[CallNode], max_hex: usize) -> String {
    let cut = |b: &[u8]| {
        (
            to_hex(&b[..b.len().min(max_hex)]),
            (b.len() > max_hex).then_some(true),
        )
    };
    let views: Vec<NodeView<'_>> = nodes
        .iter()
        .map(|n| {
            let (input, input_truncated) = cut(&n.input);
            let (output, output_truncated) = cut(&n.output);
            NodeView {
                kind: n.kind.name(),
                from: n.from.to_checksum(),
                to: n.to.to_checksum(),
                value: n.value.to_string(),
                gas: n.gas.to_string(),
                gas_used: n.gas_used.to_string(),
                input,
                input_truncated,
                output,
                output_truncated,
                status: n.status.as_ref().map_or("running", status_name),
                error: n.error(),
                revert_reason: n.revert_reason(),
                depth: n.depth,
                parent: n.parent,
                children: &n.children,
                precompile: n.precompile,
                opcodes: n.opcodes,
                time_total_ms: n.time_total_ms,
                time_self_ms: n.time_self_ms,
            }
        })
        .collect();
    serde_json::to_string(&views).expect("plain data serialises")
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct OpcodeView {
    opcode: u8,
    name: std::borrow::Cow<'static, str>,
    count: u64,
    gas: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    time_ms: Option<f64>,
}

#[derive(Serialize)]
struct ProfileView {
    total: Vec<OpcodeView>,
    frames: Vec<Vec<OpcodeView>>,
}

/// A profile as the JS API's `profile`: `{ total, frames }`, each a list of `{ opcode, name,
/// count, gas, timeMs? }` in the profile's order; `gas` as a decimal string (a bigint in JS).
pub fn profile_json(p: &Profile) -> String {
    let rows = |v: Vec<OpcodeStats>| -> Vec<OpcodeView> {
        v.into_iter()
            .map(|s| OpcodeView {
                opcode: s.op,
                name: opcodes::name(s.op),
                count: s.count,
                gas: s.gas.to_string(),
                time_ms: s.time_ms,
            })
            .collect()
    };
    let view = ProfileView {
        total: rows(p.total()),
        frames: p.frames().into_iter().map(rows).collect(),
    };
    serde_json::to_string(&view).expect("plain data serialises")
}
