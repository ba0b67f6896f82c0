import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

// scripts/check-table-owners.mjs run over a small tree of its own (--root): module `low` owns
// `low_rows`, module `high` owns `high_rows`. Read models may read another module's table, never
// write it; any other file may do neither (unless on the known list, which this tree has not).
const SCRIPT = new URL('../../scripts/check-table-owners.mjs', import.meta.url).pathname;

const SCHEMA = `import type { LowRowsTable } from '../low/low.table.js';
import type { HighRowsTable } from '../high/high.table.js';

export interface Database {
  low_rows: LowRowsTable;
  high_rows: HighRowsTable;
}
`;

let root: string | undefined;

function check(files: Record<string, string>): { status: number | null; out: string } {
  root = mkdtempSync(join(tmpdir(), 'table-owners-'));
  const all: Record<string, string> = {
    'src/db/schema.ts': SCHEMA,
    'src/low/low.table.ts': 'export interface LowRowsTable { id: string }\n',
    'src/high/high.table.ts': 'export interface HighRowsTable { id: string }\n',
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const run = spawnSync(process.execPath, [SCRIPT, '--root', root], { encoding: 'utf8' });
  return { status: run.status, out: run.stdout + run.stderr };
}

afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

describe('the table-owner rule (scripts/check-table-owners.mjs)', () => {
  it('lets a read model read another module’s tables, in Kysely and in SQL', () => {
    const r = check({
      'src/high/list.read-model.ts': [
        "db.selectFrom('high_rows as h').innerJoin('low_rows as l', 'l.id', 'h.id')",
        'sql`select h.id from high_rows h join low_rows l on l.id = h.id where exists (select 1 from low_rows)`',
      ].join('\n'),
    });
    expect(r.out).toContain('0 cross-module uses (0 known), 0 new, 0 gone; 0 read-model violations');
    expect(r.status).toBe(0);
  });

  it.each([
    ["db.insertInto('low_rows').values({ id: 'x' })", 'Kysely insert'],
    ["db.updateTable('low_rows').set({ id: 'x' })", 'Kysely update'],
    ["db.deleteFrom('low_rows').where('id', '=', 'x')", 'Kysely delete'],
    ["sql`insert into low_rows (id) values ('x')`", 'SQL insert'],
    ["sql`update low_rows set id = 'y'`", 'SQL update'],
    ['sql`delete from low_rows where id = 1`', 'SQL delete'],
  ])('fails a read model that writes another module’s table: %s (%s)', (line) => {
    const r = check({ 'src/high/list.read-model.ts': `${line}\n` });
    expect(r.out).toContain('src/high/list.read-model.ts:1: writes low_rows (low)');
    expect(r.out).toContain('1 read-model violations');
    expect(r.status).toBe(1);
  });

  it('lets a read model write its own module’s table', () => {
    const r = check({ 'src/high/list.read-model.ts': "db.insertInto('high_rows').values({ id: 'x' })\n" });
    expect(r.status).toBe(0);
  });

  it('fails a read model that reads the table of a module depending on its own (a cycle of modules)', () => {
    const r = check({
      'src/high/high.service.ts': "import { lowThing } from '../low/low.service.js';\n",
      'src/low/low.service.ts': 'export const lowThing = 1;\n',
      'src/low/list.read-model.ts': "db.selectFrom('high_rows').selectAll()\n",
    });
    expect(r.out).toContain('src/low/list.read-model.ts:1: reads high_rows of high, which depends on low');
    expect(r.status).toBe(1);
  });

  it('fails a service that reads another module’s table (not on the known list)', () => {
    const r = check({ 'src/high/list.service.ts': "db.selectFrom('low_rows').selectAll()\n" });
    expect(r.out).toContain('src/high/list.service.ts:1: a table of another module: low_rows (low)');
    expect(r.status).toBe(1);
  });
});
