import { Command, InvalidArgumentError } from 'commander';
import { migrateToLatest, openDatabase, refreshStatistics, targetFromEnv } from '../db/database.js';
import { seedDemo, DEMO_PASSWORD } from '../seed/demo.js';
import { startServer } from '../server.js';
import { startDailyScheduler } from '../dunning/daily-run.service.js';
import { addRate, loadRates } from '../dunning/legal-rate.service.js';
import { inTransaction } from '../db/transaction.js';
import { osloToday } from '../shared/dates.js';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port is a whole number from 0 to 65535');
  return n;
}

const program = new Command()
  .name('innfri')
  .description('Innfri: debt collection (inkasso) for Norwegian accounting.\nThe database is PGlite in a data folder (--data-dir, INNFRI_DATA_DIR, default ./data), or PostgreSQL when DATABASE_URL is set.')
  .showHelpAfterError();

program
  .command('serve')
  .description('migrate the database, seed the demo company on first start, and serve the API and UI')
  .option('-p, --port <port>', 'port to listen on (env PORT)', port, Number(process.env.PORT ?? 3000))
  .option('--host <host>', 'address to listen on', process.env.HOST ?? '127.0.0.1')
  .option('-d, --data-dir <dir>', 'PGlite data folder (overrides DATABASE_URL)')
  .option('--no-seed', 'do not seed the demo company on an empty database')
  .addHelpText('after', '\nEnvironment: PORT, HOST, DATABASE_URL (postgres://…), INNFRI_DATA_DIR.\nExample: npm start -- --port 8080 --data-dir /var/lib/innfri')
  .action(async (opts: { port: number; host: string; dataDir?: string; seed: boolean }) => {
    const target = targetFromEnv({ dataDir: opts.dataDir });
    console.log(target.kind === 'pglite' ? `Database: embedded PGlite in ${target.dataDir}` : 'Database: PostgreSQL (DATABASE_URL)');
    const server = await startServer({ target, port: opts.port, host: opts.host });
    if (opts.seed) {
      const seeded = await seedDemo(server.database.db, { onlyIfEmpty: true, progress: (m) => console.log(`  ${m}`) });
      if (seeded) console.log(`Seeded the demo company ${seeded.companyName} (${seeded.organizationNumber}).`);
    }
    await refreshStatistics(server.database.db);
    // The daily run (waits ending, auto-approval) now, then every 15 minutes; it runs once per company and day.
    startDailyScheduler(server.database.db, () => osloToday(), undefined, undefined, target.kind === 'pglite');
    console.log(`\nInnfri is running at ${server.url}`);
    console.log(`  API:      ${server.url}/api/v1  (OpenAPI: ${server.url}/api/v1/openapi.json)`);
    console.log('  Demo logins (password for all: ' + DEMO_PASSWORD + '):');
    console.log('    regnskap@demo.innfri.no  (accountant)');
    console.log('    admin@demo.innfri.no     (admin)');
    console.log('    leser@demo.innfri.no     (viewer)');
    console.log('Press Ctrl+C to stop.');
    const stop = async () => {
      await server.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program
  .command('migrate')
  .description('apply the database migrations and exit')
  .option('-d, --data-dir <dir>', 'PGlite data folder (overrides DATABASE_URL)')
  .action(async (opts: { dataDir?: string }) => {
    const handle = await openDatabase(targetFromEnv({ dataDir: opts.dataDir }));
    await migrateToLatest(handle.db);
    await handle.close();
    console.log('The database is up to date.');
  });

program
  .command('seed')
  .description('seed the demo company (as npm start does on first start)')
  .option('--demo', 'the demo company with customers and ~300 invoices (the only seed there is)')
  .option('--json', 'print the result as JSON')
  .option('-d, --data-dir <dir>', 'PGlite data folder (overrides DATABASE_URL)')
  .action(async (opts: { demo?: boolean; json?: boolean; dataDir?: string }) => {
    if (!opts.demo) program.error('say --demo: it is the only seed there is');
    const handle = await openDatabase(targetFromEnv({ dataDir: opts.dataDir }));
    await migrateToLatest(handle.db);
    const seeded = await seedDemo(handle.db, { onlyIfEmpty: false, progress: opts.json ? () => {} : (m) => console.error(`  ${m}`) });
    await refreshStatistics(handle.db);
    await handle.close();
    if (opts.json) console.log(JSON.stringify(seeded));
    else console.log(`Seeded ${seeded?.companyName} (${seeded?.organizationNumber}).`);
  });

const rates = program.command('rates').description('the dated legal figures: inkassosats and late-payment interest');
rates
  .command('list')
  .description('list the figures by date')
  .option('-d, --data-dir <dir>', 'PGlite data folder (overrides DATABASE_URL)')
  .action(async (opts: { dataDir?: string }) => {
    const handle = await openDatabase(targetFromEnv({ dataDir: opts.dataDir }));
    await migrateToLatest(handle.db);
    const table = await loadRates(handle.db);
    await handle.close();
    for (const r of table.all()) {
      const shown = r.kind === 'inkassosats' ? `${(r.value / 100).toFixed(2)} kr` : `${(r.value / 100).toFixed(2)} %`;
      console.log(`${r.kind.padEnd(22)} from ${r.validFrom}  ${shown.padStart(10)}  ${r.source}`);
    }
  });
rates
  .command('add')
  .description('add a figure from a date on (no code change needed)')
  .requiredOption('--kind <kind>', 'inkassosats or late_payment_interest')
  .requiredOption('--from <date>', 'the date it takes effect, YYYY-MM-DD')
  .requiredOption('--value <value>', 'inkassosats in kroner (e.g. 800) or interest in percent (e.g. 11.75)')
  .option('--source <text>', 'where the figure comes from', '')
  .option('-d, --data-dir <dir>', 'PGlite data folder (overrides DATABASE_URL)')
  .action(async (opts: { kind: string; from: string; value: string; source: string; dataDir?: string }) => {
    if (opts.kind !== 'inkassosats' && opts.kind !== 'late_payment_interest') program.error('--kind is inkassosats or late_payment_interest');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.from)) program.error('--from is a date, YYYY-MM-DD');
    if (!/^\d+(\.\d{1,2})?$/.test(opts.value)) program.error('--value is a number with at most two decimals');
    const [whole, fraction = ''] = opts.value.split('.');
    const hundredths = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
    const handle = await openDatabase(targetFromEnv({ dataDir: opts.dataDir }));
    await migrateToLatest(handle.db);
    try {
      await inTransaction(handle.db, (trx) => addRate(trx, { kind: opts.kind as 'inkassosats', validFrom: opts.from, value: hundredths, source: opts.source }));
    } finally {
      await handle.close();
    }
    console.log(`Added ${opts.kind} ${opts.value} from ${opts.from}.`);
  });

program.parseAsync().catch((error: unknown) => {
  console.error(`innfri: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
