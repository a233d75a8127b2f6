#!/usr/bin/env node
// Prints one closing line for the whole `npm test` run ("N passed, N failed, N skipped"), from the JSON
// reports vitest (unit and engine tests) and Playwright wrote, so CI logs end with a single count of what ran.
const { readFileSync, existsSync } = require('node:fs');
const { join } = require('node:path');

const dir = join(__dirname, '..', 'test-results');
let passed = 0;
let failed = 0;
let skipped = 0;

// Unit tests, then the phone's flows in WebKit, Firefox and Chromium (e2e-engines/): both vitest reports.
for (const name of ['vitest.json', 'engines.json']) {
  const file = join(dir, name);
  if (!existsSync(file)) continue;
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += r.numFailedTests ?? 0;
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}
const e2e = join(dir, 'e2e.json');
if (existsSync(e2e)) {
  const s = JSON.parse(readFileSync(e2e, 'utf8')).stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  skipped += s.skipped ?? 0;
}
process.stdout.write(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
