#!/usr/bin/env node
// Each module reads and writes only its own tables (docs/ARCHITECTURE.md, "Modules").
//
// Owners come from the composition root, src/db/schema.ts: a table belongs to the module whose
// *.table.ts gives its row type. Every other source file under src/ (tests and migrations aside)
// is scanned for the tables it names in a Kysely call (selectFrom, insertInto, updateTable,
// deleteFrom, joins) or in raw SQL (from, join, update, insert into, delete from). A table named
// outside its owner is a violation, unless it is in scripts/table-owners.known.json: the
// cross-module reads the architecture pass has not removed yet. A new one fails; a listed one
// that is gone must leave the list too (so the list only shrinks).
//
// Read models (`*.read-model.ts`) may read other modules' tables (a list page joined in one indexed
// query), never write them: an insert, update, delete or merge into another module's table from a
// read model fails and no known list can allow it. Nor may a read model read the table of a module
// that depends on its own (imports it, directly or through others): that read would be a cycle of
// modules, a lower module knowing a higher one's rows.
//
// Usage: node scripts/check-table-owners.mjs [--update-known] [--root <dir>]
//   --root: check another tree (its src/db/schema.ts and src/); the test of this rule uses it.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const rootArg = process.argv.indexOf('--root');
const ROOT = rootArg > 0 ? `${resolve(process.argv[rootArg + 1])}/` : new URL('..', import.meta.url).pathname;
const KNOWN = join(ROOT, 'scripts/table-owners.known.json');

const schema = readFileSync(join(ROOT, 'src/db/schema.ts'), 'utf8');
const typeOwner = new Map();
for (const m of schema.matchAll(/import type \{([^}]*)\} from '\.\.\/([^/]+)\/[^']+\.table\.js'/g)) {
  for (const name of m[1]
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean))
    typeOwner.set(name, m[2]);
}
const owner = new Map();
const body = schema.slice(schema.indexOf('export interface Database'));
for (const m of body.matchAll(/^\s+(\w+): (\w+);/gm)) {
  const module = typeOwner.get(m[2]);
  if (!module) throw new Error(`src/db/schema.ts: no *.table.ts import gives ${m[2]} (table ${m[1]})`);
  owner.set(m[1], module);
}
const tables = [...owner.keys()].sort((a, b) => b.length - a.length);
const tableAlt = tables.join('|');

const kysely = new RegExp(
  String.raw`\b(?:selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin|rightJoin|fullJoin|mergeInto|with)\(\s*['"\`](${tableAlt})\b`,
  'g',
);
const raw = new RegExp(String.raw`\b(?:from|join|update|into)\s+(${tableAlt})\b(?!\s*[:(])`, 'gi');
// SQL's insert names its columns in parentheses after the table, which the pattern above leaves out.
const rawInsert = new RegExp(String.raw`\binsert\s+into\s+(${tableAlt})\b`, 'gi');
// The writes among those: Kysely's writers, and SQL's update, insert/merge into, delete from.
const kyselyWrite = /^(?:insertInto|updateTable|deleteFrom|mergeInto)\(/;
const rawWrite = /^(?:update|into)\s/i;
const deleteFrom = /\bdelete\s+$/i;

/** Whether the text before a match leaves a '…' or "…" string open. */
function insideQuotes(before) {
  let quote = null;
  for (let i = 0; i < before.length; i++) {
    const ch = before[i];
    if (ch === '\\') i++;
    else if (quote) quote = ch === quote ? null : quote;
    else if (ch === "'" || ch === '"') quote = ch;
  }
  return quote !== null;
}

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'migrations') yield* files(path);
    } else if (/\.ts$/.test(entry.name) && !/\.test\.ts$|\.fixtures\.ts$/.test(entry.name)) yield path;
  }
}

// Which modules each module imports (import and export … from '../module/…'), closed transitively.
const imports = new Map();
// src/db/schema.ts, the composition root of every module's row types, is left out (as in check-deps).
for (const path of files(join(ROOT, 'src'))) {
  if (relative(ROOT, path) === 'src/db/schema.ts') continue;
  const module = relative(ROOT, path).split('/')[1];
  if (!imports.has(module)) imports.set(module, new Set());
  for (const m of readFileSync(path, 'utf8').matchAll(/\bfrom\s+'\.\.\/([^/']+)\//g))
    if (m[1] !== module) imports.get(module).add(m[1]);
}
function dependsOn(module, other, seen = new Set()) {
  for (const next of imports.get(module) ?? []) {
    if (next === other) return true;
    if (!seen.has(next)) {
      seen.add(next);
      if (dependsOn(next, other, seen)) return true;
    }
  }
  return false;
}

const found = new Map(); // "file → table (owner)" → first line
const readModelWrites = []; // "file:line: table (owner)", never allowed
for (const path of files(join(ROOT, 'src'))) {
  const file = relative(ROOT, path);
  const module = file.split('/')[1];
  // The composition root and the database plumbing see every table by design.
  if (module === 'db' || file === 'src/server.ts') continue;
  const readModel = /\.read-model\.ts$/.test(file);
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (/^\s*(\/\/|\*|\/\*)/.test(line)) return; // prose about a table is no access
    for (const re of [kysely, raw, rawInsert]) {
      re.lastIndex = 0;
      for (const m of line.matchAll(re)) {
        // Raw SQL is written in sql`…` templates: "from agencies" inside a quoted string is prose.
        if (re !== kysely && insideQuotes(line.slice(0, m.index))) continue;
        const table = m[1].toLowerCase();
        const tableOwner = owner.get(table);
        if (!tableOwner || tableOwner === module) continue;
        if (readModel) {
          const write =
            re === rawInsert ||
            (re === kysely ? kyselyWrite : rawWrite).test(m[0]) ||
            (re === raw && /^from\s/i.test(m[0]) && deleteFrom.test(line.slice(0, m.index)));
          if (write) readModelWrites.push(`${file}:${i + 1}: writes ${table} (${tableOwner})`);
          else if (dependsOn(tableOwner, module))
            readModelWrites.push(`${file}:${i + 1}: reads ${table} of ${tableOwner}, which depends on ${module}`);
          continue; // a read model reads other modules' tables by design
        }
        const key = `${file} → ${table} (${tableOwner})`;
        if (!found.has(key)) found.set(key, i + 1);
      }
    }
  });
}

const current = [...found.keys()].sort();
if (process.argv.includes('--update-known')) {
  for (const w of readModelWrites) console.log(`${w}: a read model may not do this; not listable`);
  if (readModelWrites.length > 0) process.exit(1);
  writeFileSync(KNOWN, `${JSON.stringify(current, null, 2)}\n`);
  console.log(`table owners: ${current.length} known cross-module table uses written to ${relative(ROOT, KNOWN)}`);
  process.exit(0);
}
let known = [];
try {
  known = JSON.parse(readFileSync(KNOWN, 'utf8'));
} catch {
  known = [];
}
const knownSet = new Set(known);
const added = current.filter((k) => !knownSet.has(k));
const gone = known.filter((k) => !found.has(k));
for (const k of added) {
  const [file] = k.split(' → ');
  console.log(`${file}:${found.get(k)}: a table of another module: ${k.split(' → ')[1]}; call that module's function`);
}
for (const k of gone) console.log(`no longer used: ${k}; remove it from scripts/table-owners.known.json`);
for (const w of readModelWrites) console.log(`${w}: a read model may not do this; call that module's function`);
console.log(
  `table owners: ${owner.size} tables in ${new Set(owner.values()).size} modules; ` +
    `${current.length} cross-module uses (${known.length} known), ${added.length} new, ${gone.length} gone; ` +
    `${readModelWrites.length} read-model violations`,
);
process.exit(added.length + gone.length + readModelWrites.length === 0 ? 0 : 1);
