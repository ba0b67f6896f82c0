/**
 * The benchmarks: `npm run bench` (PGlite in memory), `--quick` or BENCH_QUICK=1 for a smoke run
 * at about a tenth of the sizes, BENCH_DATABASE_URL=postgres://… for a PostgreSQL server (in a
 * schema of its own, dropped afterwards). Name benchmarks to run only those:
 * `npm run bench -- payments`. Prints a summary and writes bench/results/latest.json.
 * They measure ratios within one run; they assert nothing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { agencyFeedBench } from './agency-feed.bench.js';
import { bankImportBench } from './bank-import.bench.js';
import { observabilityBench } from './observability.bench.js';
import { openItemsBench } from './open-items.bench.js';
import { paymentsBench } from './payments.bench.js';
import { paymentsConcurrencyBench } from './payments-concurrency.bench.js';
import { reminderListBench } from './reminder-list.bench.js';
import { saftBench } from './saft.bench.js';
import { searchBench } from './search.bench.js';
import { settlementBench } from './settlement.bench.js';
import { uiBench } from './ui.bench.js';
import { webhooksBench } from './webhooks.bench.js';
import { type BenchOptions, type BenchResult, benchOptions, fmt, log, now, table } from './support.js';

const BENCHMARKS: Record<string, (options: BenchOptions) => Promise<BenchResult>> = {
  payments: paymentsBench,
  'payments-concurrency': paymentsConcurrencyBench,
  'open-items': openItemsBench,
  'reminder-list': reminderListBench,
  'agency-feed': agencyFeedBench,
  settlement: settlementBench,
  saft: saftBench,
  ui: uiBench,
  'bank-import': bankImportBench,
  observability: observabilityBench,
  webhooks: webhooksBench,
  search: searchBench,
};

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const options = benchOptions(argv);
  const names = argv.filter((a) => !a.startsWith('-'));
  const unknown = names.filter((n) => !(n in BENCHMARKS));
  if (unknown.length > 0)
    throw new Error(`unknown benchmark ${unknown.join(', ')}; there are ${Object.keys(BENCHMARKS).join(', ')}`);
  const selected = names.length > 0 ? names : Object.keys(BENCHMARKS);

  const where = options.postgresUrl ? `PostgreSQL ${redact(options.postgresUrl)}` : 'PGlite (in memory)';
  log(`Innfri benchmarks on ${where}${options.quick ? ', quick' : ''}: ${selected.join(', ')}`);
  const started = now();
  const results: BenchResult[] = [];
  for (const name of selected) results.push(await BENCHMARKS[name]!(options));
  const seconds = (now() - started) / 1000;

  log('\nSummary');
  const rows = results.flatMap((r) =>
    r.metrics.map((m) => [
      `${r.name}: ${m.name}`,
      fmt(m.value, m.unit),
      m.unit,
      m.aim ?? '',
      m.met === undefined ? '' : m.met ? 'yes' : 'NO',
    ]),
  );
  log(table(['metric', 'value', 'unit', 'aim', 'met'], rows));
  log(`\n${results.map((r) => `${r.name} ${r.seconds.toFixed(1)} s`).join(', ')}; total ${seconds.toFixed(1)} s`);

  const file = join(dirname(fileURLToPath(import.meta.url)), 'results', 'latest.json');
  mkdirSync(dirname(file), { recursive: true });
  const report = {
    date: new Date().toISOString(),
    backend: options.backend,
    quick: options.quick,
    node: process.version,
    platform: `${process.platform} ${process.arch}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
    totalSeconds: seconds,
    results,
  };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  log(`wrote ${file}`);
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
