#!/usr/bin/env node
// The module rules of .dependency-cruiser.cjs, with the known violations of
// .dependency-cruiser-known-violations.json allowed (dependency-cruiser's own --ignore-known does
// not filter the folder-scoped cycle rule). A new violation fails; a known one that is gone must
// leave the list too (`--update-known` rewrites it), so the list only shrinks.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cruise } from 'dependency-cruiser';

const require = createRequire(import.meta.url);
const config = require('../.dependency-cruiser.cjs');
const KNOWN = new URL('../.dependency-cruiser-known-violations.json', import.meta.url);
const ROOTS = ['src', 'web/src', 'agency/src', 'packages'];

const result = await cruise(ROOTS, { validate: true, ruleSet: config, ...config.options });
const violations = result.output.summary.violations;
const key = (v) =>
  `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (cycle ${v.cycle.map((c) => c.name).join(' → ')})` : ''}`;

if (process.argv.includes('--update-known')) {
  writeFileSync(KNOWN, `${JSON.stringify(violations, null, 2)}\n`);
  console.log(`module rules: ${violations.length} known violations written`);
  process.exit(0);
}
const known = JSON.parse(readFileSync(KNOWN, 'utf8'));
const knownKeys = new Set(known.map(key));
const currentKeys = new Set(violations.map(key));
const added = violations.filter((v) => !knownKeys.has(key(v)));
const gone = known.filter((v) => !currentKeys.has(key(v)));
for (const v of added) console.log(`new: ${key(v)}`);
for (const v of gone) console.log(`gone (run npm run lint:deps -- --update-known): ${key(v)}`);
const { totalCruised, totalDependenciesCruised } = result.output.summary;
console.log(
  `module rules: ${totalCruised} files, ${totalDependenciesCruised} imports; ${violations.length} violations ` +
    `(${known.length} known), ${added.length} new, ${gone.length} gone`,
);
process.exit(added.length + gone.length === 0 ? 0 : 1);
