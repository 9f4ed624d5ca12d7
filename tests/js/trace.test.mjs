// Traces of memory-heavy code stay within their byte budget and say that they were cut.
// Uses pkg-node (scripts/build-pkg.sh). Run: node --test tests/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const { Evm, assemble } = createRequire(import.meta.url)(join(root, 'pkg-node/evmbox.js'));

// Touch 1 MiB of memory, then loop 2000 times: with memory dumps, each line is ~2 MB.
const code = assemble(`PUSH1 1 PUSH3 0x0fffe0 MSTORE PUSH2 2000
  top: JUMPDEST PUSH1 1 SWAP1 SUB DUP1 PUSH @top JUMPI STOP`);

test('a memory-heavy trace is cut at maxBytes and says so', () => {
  const evm = new Evm();
  const r = evm.runCode(code, {}, { trace: { memory: true, maxBytes: 20_000_000n } });
  assert.equal(r.status, 'success');
  assert.equal(r.trace.truncated, true);
  assert.ok(r.trace.stepsOmitted > 9000, `${r.trace.stepsOmitted} omitted`);
  assert.ok(r.trace.jsonl.length < 25_000_000, `${r.trace.jsonl.length} bytes`);
  assert.ok(r.trace.steps.length >= 5 && r.trace.steps.length < 20);
  assert.equal(r.trace.steps[3].memory.length, 2 + 2 * 1048576);
});

test('the default budget also protects a plain trace: true', () => {
  const evm = new Evm();
  const r = evm.runCode(code, {}, { trace: { memory: true } });
  assert.equal(r.trace.truncated, true);
  assert.ok(r.trace.jsonl.length < 70 * 2 ** 20);
  // Without memory dumps the whole run fits.
  const small = evm.runCode(code, {}, { trace: true });
  assert.equal(small.trace.truncated, false);
  assert.equal(small.trace.steps.length, 4 + 2000 * 7 + 1); // 7 opcodes per iteration
});
