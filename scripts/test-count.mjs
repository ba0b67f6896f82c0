#!/usr/bin/env node
// Sums vitest JSON reports into the one line CI ends with:
//   tests: N passed, N failed, N skipped
// Plain JavaScript on purpose: it must run even when the install or the TypeScript tooling broke.
//
// Usage: node scripts/test-count.mjs REPORT.json [REPORT.json …]
// A report that is missing or unreadable counts as one failure (the run it stands for did not
// finish), and a test file that failed outside its tests (an import error, a failing hook) counts
// as one failure too, so a broken file can never make the line look green.
// Exit code: 0 when nothing failed, 1 otherwise.
import { readFileSync } from 'node:fs';

const reports = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const notes = [];

if (reports.length === 0) {
  notes.push('no vitest report was given');
  failed += 1;
}

for (const file of reports) {
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    notes.push(`${file}: no readable vitest report (${error instanceof Error ? error.message : String(error)})`);
    failed += 1;
    continue;
  }
  let filePassed = 0;
  let fileFailed = 0;
  let fileSkipped = 0;
  for (const result of report.testResults ?? []) {
    const assertions = result.assertionResults ?? [];
    let failedHere = 0;
    for (const a of assertions) {
      if (a.status === 'passed') filePassed += 1;
      else if (a.status === 'failed') {
        fileFailed += 1;
        failedHere += 1;
      } else fileSkipped += 1; // pending, skipped, todo, disabled
    }
    if (result.status === 'failed' && failedHere === 0) {
      fileFailed += 1;
      notes.push(`${result.name}: failed outside its tests: ${String(result.message ?? '').split('\n')[0]}`);
    }
  }
  if (report.success === false && fileFailed === 0) {
    // vitest marks the run failed for errors no test owns (unhandled rejections, for one).
    fileFailed += 1;
    notes.push(`${file}: vitest reported the run as failed outside any test (see its output above)`);
  }
  passed += filePassed;
  failed += fileFailed;
  skipped += fileSkipped;
}

for (const note of notes) console.log(note);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed === 0 ? 0 : 1);
