//! KECCAK256 and the frame's own environment: ADDRESS, CALLER, CALLVALUE, CALLDATA*, CODE*,
//! RETURNDATA*, GAS.

use super::{charge, copy_cost, mem_range, sat_u64, R};
use crate::frame::{Frame, Halt};
use crate::gas::{words, KECCAK_WORD};
use crate::primitives::{keccak256, U256};

pub(crate) fn keccak(f: &mut Frame) -> R {
    let off = f.stack.pop();
    let len = f.stack.pop();
    charge(f, words(sat_u64(len)).saturating_mul(KECCAK_WORD))?;
    let o = mem_range(f, off, len)?;
    let h = keccak256(f.memory.slice(o, sat_u64(len) as usize));
    f.stack.push(h.to_word());
    Ok(())
}
pub(crate) fn address(f: &mut Frame) -> R {
    let a = f.address.to_word();
    f.stack.push(a);
    Ok(())
}
pub(crate) fn caller(f: &mut Frame) -> R {
    let a = f.caller.to_word();
    f.stack.push(a);
    Ok(())
}
pub(crate) fn callvalue(f: &mut Frame) -> R {
    let v = f.value;
    f.stack.push(v);
    Ok(())
}
pub(crate) fn calldataload(f: &mut Frame) -> R {
    let i = f.stack.peek(0);
    let mut buf = [0u8; 32];
    if let Ok(i) = usize::try_from(i) {
        if i < f.input.len() {
            let n = (f.input.len() - i).min(32);
            buf[..n].copy_from_slice(&f.input[i..i + n]);
        }
    }
    *f.stack.top_mut() = U256::from_be_bytes(buf);
    Ok(())
}
pub(crate) fn calldatasize(f: &mut Frame) -> R {
    let n = f.input.len();
    f.stack.push(U256::from(n));
    Ok(())
}

/// The shared body of CALLDATACOPY, CODECOPY and EXTCODECOPY's copy: pops (dest, src, len),
/// charges copy and expansion gas, and copies from `src` with zero fill.
#[inline]
pub(crate) fn copy_to_memory(f: &mut Frame, dst: U256, src_off: U256, len: U256, src: &[u8]) -> R {
    charge(f, copy_cost(len))?;
    let o = mem_range(f, dst, len)?;
    if !len.is_zero() {
        f.memory
            .set_data(o, src, sat_u64(src_off), sat_u64(len) as usize);
    }
    Ok(())
}

pub(crate) fn calldatacopy(f: &mut Frame) -> R {
    let (d, s, l) = (f.stack.pop(), f.stack.pop(), f.stack.pop());
    let input = std::mem::take(&mut f.input);
    let r = copy_to_memory(f, d, s, l, &input);
    f.input = input;
    r
}
pub(crate) fn codesize(f: &mut Frame) -> R {
    let n = f.code.len();
    f.stack.push(U256::from(n));
    Ok(())
}
pub(crate) fn codecopy(f: &mut Frame) -> R {
    let (d, s, l) = (f.stack.pop(), f.stack.pop(), f.stack.pop());
    let code = f.code.clone();
    copy_to_memory(f, d, s, l, code.bytes())
}
pub(crate) fn returndatasize(f: &mut Frame) -> R {
    let n = f.return_data.len();
    f.stack.push(U256::from(n));
    Ok(())
}
pub(crate) fn returndatacopy(f: &mut Frame) -> R {
    let (d, s, l) = (f.stack.pop(), f.stack.pop(), f.stack.pop());
    let end = s.checked_add(l);
    if end.is_none_or(|e| e > U256::from(f.return_data.len())) {
        return Err(Halt::ReturnDataOutOfBounds.into());
    }
    let data = std::mem::take(&mut f.return_data);
    let r = copy_to_memory(f, d, s, l, &data);
    f.return_data = data;
    r
}
pub(crate) fn gas(f: &mut Frame) -> R {
    let g = f.gas;
    f.stack.push(U256::from(g));
    Ok(())
}
