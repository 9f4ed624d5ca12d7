#!/usr/bin/env bash
# Lists the calls left inside the dispatch loop (`interpreter::run_frame`) of the release
# builds, native and wasm, and fails if a hot opcode's implementation is among them.
# Native: the criterion bench binary (release profile, LTO), disassembled with objdump.
# wasm: the release module after `wasm-opt -O` as wasm-pack runs it, with names kept (-g);
# wasm-opt may inline `run_frame` into its callers, so there the loop's functions are found by
# what they hold: the opcode dispatch, a `br_table` of 256 targets.
# Usage: bash scripts/check-inlining.sh   (after scripts/setup.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
out=target/inlining
mkdir -p "$out"

# The hot set, as the loop's doc comment in src/interpreter.rs lists it.
HOT='ruint::|instructions::(arithmetic::(add|sub|mul|signextend)|bitwise::|stack::|control::(jump|jumpi|pc)|memory::(mload|mstore|mstore8|msize)|system::(address|caller|callvalue|calldataload|calldatasize|codesize|returndatasize|gas))\b'

bin=$(cargo bench --bench evm --no-run 2>&1 | sed -n 's/.*(\(target\/release\/deps\/evm-[0-9a-f]*\)).*/\1/p' | tail -n 1)
[ -x "$bin" ] || { echo "bench binary not found" >&2; exit 1; }
# One line per call: "<instance number> <callee>", hashes dropped.
objdump -d --no-show-raw-insn -C "$bin" |
  awk '/^[0-9a-f]+ <.*interpreter::run_frame.*>:$/ { f = 1; n++; next }
       /^$/ { f = 0 }
       f && /call/ { sub(/.*call[q]? +[0-9a-f]* */, ""); print n, $0 }' |
  sed -E 's/::h[0-9a-f]{16}//g' > "$out/native.calls"

cargo build --release --target wasm32-unknown-unknown --lib 2>/dev/null
wasm-opt -O -g -all target/wasm32-unknown-unknown/release/evmbox.wasm -o "$out/evmbox.opt.wasm"
wasm-opt "$out/evmbox.opt.wasm" --print -all > "$out/evmbox.opt.wat"
# Functions of evmbox holding a 256-way br_table: the dispatch loop, wherever it was inlined.
awk '/^ \(func \$/ { name = $2 } /br_table/ && name ~ /evmbox/ { if (gsub(/\$/, "$") >= 256) print name }' \
  "$out/evmbox.opt.wat" | sort -u > "$out/wasm.loops"
awk 'NR == FNR { loop[$1] = 1; next }
     /^ \(func \$/ { f = ($2 in loop); if (f) n++; next }
     f && /\(call \$/ { sub(/.*\(call \$/, ""); sub(/[ )].*/, ""); print n, $0 }' \
  "$out/wasm.loops" "$out/evmbox.opt.wat" |
  c++filt | sed -E 's/::h[0-9a-f]{16}//g' > "$out/wasm.calls"

status=0
for t in native wasm; do
  n=$(cut -d' ' -f1 "$out/$t.calls" | sort -u | wc -l)
  echo "$t: calls left in $n instance(s) of run_frame (count, callee):"
  for i in $(cut -d' ' -f1 "$out/$t.calls" | sort -un); do
    echo "  instance $i"
    awk -v i="$i" '$1 == i { $1 = ""; print }' "$out/$t.calls" | sort | uniq -c | sort -rn | sed 's/^/   /'
  done
  if [ "$n" -eq 0 ]; then
    echo "error: no run_frame found in the $t build" >&2
    status=1
  elif grep -Eq "$HOT" "$out/$t.calls"; then
    echo "error: hot opcodes called, not inlined, in the $t loop:" >&2
    grep -E "$HOT" "$out/$t.calls" | sort -u >&2
    status=1
  fi
done
exit $status
