// Runs every state fixture through the wasm build (pkg-node, from
// `wasm-pack build --target nodejs --out-dir pkg-node`) and prints the same
// `N passed, N failed, N skipped` line as the native `statetest` runner.
// Usage: node scripts/wasm-conformance.mjs [FIXTURE_DIR] [--min-pass N]
import { createRequire } from 'node:module';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const minIdx = args.indexOf('--min-pass');
const minPass = minIdx >= 0 ? Number(args.splice(minIdx, 2)[1]) : null;
const dir = args[0] ?? join(root, '../shared/fixtures/state');
import { existsSync } from 'node:fs';
if (!existsSync(dir)) {
  console.error(`${dir}: no such file or directory`);
  process.exit(2);
}
const { runStateTests } = createRequire(import.meta.url)(join(root, 'pkg-node/evmbox.js'));

function* files(d) {
  for (const name of readdirSync(d).sort()) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (name.endsWith('.json')) yield p;
  }
}

let passed = 0, failed = 0, skipped = 0;
const skipReasons = new Map();
for (const f of files(dir)) {
  let r;
  try {
    r = runStateTests(readFileSync(f, 'utf8'));
  } catch (e) {
    failed += 1;
    console.log(`FAIL ${f}: ${e.message}`);
    continue;
  }
  passed += r.passed; failed += r.failed; skipped += r.skipped;
  for (const [why, n] of Object.entries(r.skipReasons)) skipReasons.set(why, (skipReasons.get(why) ?? 0) + n);
  for (const x of r.failures) console.log(`FAIL ${f} ${x.test} #${x.index}: ${x.reason}`);
}
for (const [why, n] of [...skipReasons].sort()) console.log(`SKIP ${n} case(s): ${why}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
if (passed + failed + skipped === 0) {
  console.error(`no state test found under ${dir}`);
  process.exit(2);
}
if (minPass !== null && passed < minPass) {
  console.error(`pass count ${passed} is below the recorded minimum ${minPass}`);
  process.exit(1);
}
if (failed > 0) process.exit(1);
