import { randomUUID } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import { Command, InvalidArgumentError } from 'commander';
import { listAudit, withAuditContext } from '../audit/audit.service.js';
import { currentPeriodLock, lockPeriod, type PeriodLock, unlockPeriod } from '../ledger/period-lock.service.js';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { checkedPeriod, saftFileName, writeSaft } from '../saft/saft.service.js';
import { formatDecimal } from '../shared/money.js';
import {
  type DatabaseHandle,
  migrateToLatest,
  openDatabase,
  refreshStatistics,
  targetFromEnv,
} from '../db/database.js';
import { seedDemo, DEMO_ORGANIZATION_NUMBER, DEMO_PASSWORD, DEMO_USERS } from '../seed/demo.js';
import { loadSettings, type Settings, SettingsError } from '../app/config.js';
import { createLogger } from '../shared/log.js';
import { logError } from '../shared/error-log.js';
import { usersWithPassword } from '../tenancy/user.service.js';
import { appConfigFrom, startServer } from '../server.js';
import { addRate, loadRates } from '../dunning/legal-rate.service.js';
import { inTransaction } from '../db/transaction.js';
import { osloToday } from '../shared/dates.js';
import type { Db } from '../db/database.js';
import { companyAgencies, setAgencyActivation } from '../agencies/agency.service.js';
import { envSecretBox } from '../shared/secret-box.js';
import {
  createAgencyWithCredentials,
  findAgencyByClientId,
  revokeTokens,
  rotateSecret,
} from '../agencies/credential.service.js';
import { findCompanyByOrganizationNumber } from '../tenancy/company.service.js';
import { approveAllEligible } from '../collection/process.js';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { answerBackupRequests, backupEmbedded, dataDirOwner, requestBackup, restoreEmbedded } from '../db/backup.js';
import { access } from 'node:fs/promises';
import { basename } from 'node:path';
import { type ImportProgress, importBankFile } from '../bank/bank-import.service.js';
import { formatKr, type Ore } from '../shared/money.js';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('a port is a whole number from 0 to 65535');
  return n;
}

const program = new Command()
  .name('innfri')
  .description(
    'Innfri: debt collection (inkasso) for Norwegian accounting.\nThe database is PGlite in a data folder (--data-dir, INNFRI_DATA_DIR, default ./data), or PostgreSQL when DATABASE_URL is set.',
  )
  .showHelpAfterError();

program
  .command('serve')
  .description(
    'migrate the database and serve the API and UI; the demo company is seeded on first start unless this is a production start',
  )
  .option('-p, --port <port>', 'port to listen on (env PORT, default 3000)', port)
  .option('--host <host>', 'address to listen on (env HOST, default 127.0.0.1)')
  .option('-d, --data-dir <dir>', 'PGlite data folder (overrides DATABASE_URL)')
  .option('--no-seed', 'do not seed the demo company on an empty database')
  .option('--demo-logins', 'print the demo logins (and their password) if the demo company is there')
  .option(
    '--production',
    'a production start (as NODE_ENV=production): no demo data, demo passwords refused, settings checked',
  )
  .addHelpText(
    'after',
    '\nEvery setting comes from the environment (PORT, HOST, DATABASE_URL, INNFRI_DATA_DIR, INNFRI_PUBLIC_URL, …):\nREADME.md «Running in production» lists them all.\nExample: npm start -- --port 8080 --data-dir /var/lib/innfri',
  )
  .action(
    async (opts: {
      port?: number;
      host?: string;
      dataDir?: string;
      seed: boolean;
      demoLogins?: boolean;
      production?: boolean;
    }) => {
      const settings = readSettings(opts.production === true);
      const logger = createLogger({
        level: settings.logLevel,
        format: settings.logFormat ?? (settings.production ? 'json' : 'pretty'),
      });
      const target = opts.dataDir
        ? ({ kind: 'pglite', dataDir: opts.dataDir } as const)
        : settings.database.kind === 'pglite'
          ? ({ kind: 'pglite', dataDir: settings.database.dataDir } as const)
          : settings.database;
      logger.info(
        {
          database: target.kind === 'pglite' ? `embedded PGlite in ${target.dataDir}` : 'PostgreSQL (DATABASE_URL)',
          production: settings.production,
        },
        'starting',
      );
      const server = await startServer({
        target,
        port: opts.port ?? settings.port,
        host: opts.host ?? settings.host,
        config: appConfigFrom(settings, [DEMO_PASSWORD]),
        // The daily run (waits ending, auto-approval) now, then every 15 minutes; once per company and day.
        scheduler: { today: () => osloToday(), refreshStats: target.kind === 'pglite' },
        logger,
        metrics: settings.metrics,
        shutdownTimeoutMs: settings.shutdownTimeoutMs,
        // A production start never opens with the demo's published password on a user.
        ...(settings.production ? { beforeListen: refuseDemoPasswords } : {}),
      });
      let seededNow = false;
      if (opts.seed && !settings.production) {
        const seeded = await seedDemo(server.database.db, {
          onlyIfEmpty: true,
          progress: (m) => logger.info(`seeding: ${m}`),
        });
        if (seeded) logger.info(`Seeded the demo company ${seeded.companyName} (${seeded.organizationNumber}).`);
        seededNow = seeded !== null;
      }
      // The demo password goes to the terminal only when it is news: the demo was made now, or it was asked for.
      const showDemoLogins =
        !settings.production &&
        (seededNow ||
          (opts.demoLogins === true &&
            (await findCompanyByOrganizationNumber(server.database.db, DEMO_ORGANIZATION_NUMBER)) !== null));
      // `innfri backup` of the folder this server holds asks it (SIGUSR2) to write the backup.
      if (target.kind === 'pglite' && target.dataDir) answerBackupRequests(server.database, resolve(target.dataDir));
      // Signals are handled before the URL is said: whoever stops the server on seeing it gets a clean stop.
      let stopping = false;
      const stop = (signal: NodeJS.Signals) => {
        if (stopping) {
          logger.warn({ signal }, 'second signal: exiting at once');
          process.exit(1);
        }
        stopping = true;
        logger.info({ signal }, 'shutting down: no new requests, finishing those in flight');
        server.close().then(
          () => process.exit(0),
          (error: unknown) => {
            logError('shutdown failed', error);
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      await refreshStatistics(server.database.db);
      logger.info(
        { url: server.url, ...(server.metricsUrl ? { metrics: `${server.metricsUrl}/metrics` } : {}) },
        `Innfri is running at ${server.url}`,
      );
      if (!settings.production) {
        // For the person at the terminal (npm start): where to go and how to sign in.
        const out = process.stdout;
        out.write(`\nInnfri is running at ${server.url}\n`);
        out.write(`  API:      ${server.url}/api/v1  (OpenAPI: ${server.url}/api/v1/openapi.json)\n`);
        if (showDemoLogins) {
          out.write(`  Demo logins (password for all: ${DEMO_PASSWORD}):\n`);
          out.write('    regnskap@demo.innfri.no  (accountant)\n');
          out.write('    admin@demo.innfri.no     (admin)\n');
          out.write('    leser@demo.innfri.no     (viewer)\n');
        }
        out.write('Press Ctrl+C to stop.\n');
      }
      if (!envSecretBox().sealing)
        logger.warn(
          'webhook signing secrets and SMTP passwords are stored as given: set INNFRI_SECRET_KEY (openssl rand -base64 32) to seal them',
        );
    },
  );

/** The settings from the environment; a start with any missing or malformed is refused, each named. */
function readSettings(production: boolean): Settings {
  try {
    return loadSettings(process.env, { production });
  } catch (error) {
    if (error instanceof SettingsError) {
      process.stderr.write(`innfri: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

/** A production start refuses to open while a demo user still has the published demo password. */
async function refuseDemoPasswords(database: DatabaseHandle): Promise<void> {
  const weak = await usersWithPassword(
    database.db,
    DEMO_USERS.map((u) => u.email),
    DEMO_PASSWORD,
  );
  if (weak.length > 0)
    throw new Error(
      `a production start refuses the published demo password, and ${weak.join(', ')} still ${weak.length === 1 ? 'has' : 'have'} it: remove the demo company's users or give them other passwords (or start without --production / NODE_ENV=production for the demo)`,
    );
}

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
  .option('--invoices <count>', 'how many invoices the demo company gets (default 300)')
  .option('-d, --data-dir <dir>', 'PGlite data folder (overrides DATABASE_URL)')
  .action(async (opts: { demo?: boolean; json?: boolean; invoices?: string; dataDir?: string }) => {
    if (!opts.demo) program.error('say --demo: it is the only seed there is');
    if (process.env.NODE_ENV === 'production')
      program.error(
        'NODE_ENV=production: the demo company (with its published passwords) is never seeded in production',
      );
    const invoiceCount = opts.invoices === undefined ? undefined : Number(opts.invoices);
    if (invoiceCount !== undefined && !(Number.isInteger(invoiceCount) && invoiceCount >= 0 && invoiceCount <= 100_000))
      program.error('--invoices is a whole number from 0 to 100000');
    const handle = await openDatabase(targetFromEnv({ dataDir: opts.dataDir }));
    await migrateToLatest(handle.db);
    const seeded = await seedDemo(handle.db, {
      onlyIfEmpty: false,
      invoiceCount,
      progress: opts.json ? () => {} : (m) => console.error(`  ${m}`),
    });
    await refreshStatistics(handle.db);
    await handle.close();
    if (opts.json) console.log(JSON.stringify(seeded));
    else console.log(`Seeded ${seeded?.companyName} (${seeded?.organizationNumber}).`);
  });

/** Opens the database the way the server does, runs `fn`, closes it. */
async function withDatabase<T>(dataDir: string | undefined, fn: (db: Db) => Promise<T>): Promise<T> {
  const handle = await openDatabase(targetFromEnv({ dataDir }));
  try {
    await migrateToLatest(handle.db);
    return await fn(handle.db);
  } finally {
    await handle.close();
  }
}

function print(json: boolean | undefined, value: unknown, text: string): void {
  console.log(json ? JSON.stringify(value) : text);
}

const agency = program.command('agency').description('register collection agencies and their credentials');
agency
  .command('create')
  .description('register an agency; prints its client id and secret (the secret is shown this once)')
  .requiredOption('--name <name>', 'the agency’s name')
  .option('--organization-number <orgnr>', 'its organisation number')
  .option('--json', 'print {"clientId", "clientSecret"} as JSON')
  .option('-d, --data-dir <dir>', 'PGlite data folder (overrides DATABASE_URL)')
  .action(async (opts: { name: string; organizationNumber?: string; json?: boolean; dataDir?: string }) => {
    const created = await withDatabase(opts.dataDir, (db) =>
      inTransaction(db, (trx) =>
        createAgencyWithCredentials(trx, { name: opts.name, organizationNumber: opts.organizationNumber ?? null }),
      ),
    );
    print(
      opts.json,
      { clientId: created.agency.clientId, clientSecret: created.clientSecret, name: created.agency.name },
      `Agency ${created.agency.name}\n  client id:     ${created.agency.clientId}\n  client secret: ${created.clientSecret}\n(The secret is shown this once; it is stored only as a hash.)`,
    );
  });
agency
  .command('rotate-secret')
  .description(
    'a new secret; the old one keeps working for --overlap-hours (default 24) so the agency can switch without downtime',
  )
  .requiredOption('--agency <clientId>', 'the agency’s client id')
  .option('--overlap-hours <hours>', 'how long the old secret stays valid (0: retire it now)', '24')
  .option('--json', 'print JSON')
  .option('-d, --data-dir <dir>', 'PGlite data folder (overrides DATABASE_URL)')
  .action(async (opts: { agency: string; overlapHours: string; json?: boolean; dataDir?: string }) => {
    const hours = Number(opts.overlapHours);
    if (!Number.isFinite(hours) || hours < 0 || hours > 24 * 30)
      program.error('--overlap-hours is a number of hours from 0 to 720');
    const rotated = await withDatabase(opts.dataDir, (db) =>
      inTransaction(db, (trx) => rotateSecret(trx, opts.agency, hours)),
    );
    print(
      opts.json,
      rotated,
      `New secret for ${rotated.clientId}: ${rotated.clientSecret}\nThe previous secret works until ${rotated.previousValidUntil}.` +
        (hours === 0 ? `\n${rotated.tokensRevoked} access token(s) issued before were revoked.` : ''),
    );
  });
agency
  .command('revoke-tokens')
  .description(
    'revoke every access token of the agency at once (every server process refuses them on the next request); its secrets stay valid — rotate-secret --overlap-hours 0 retires those too',
  )
  .requiredOption('--agency <clientId>', 'the agency’s client id')
  .option('--json', 'print JSON')
  .option('-d, --data-dir <dir>', 'PGlite data folder (overrides DATABASE_URL)')
  .action(async (opts: { agency: string; json?: boolean; dataDir?: string }) => {
    const revoked = await withDatabase(opts.dataDir, (db) =>
      inTransaction(db, (trx) => revokeTokens(trx, opts.agency)),
    );
    print(opts.json, revoked, `Revoked ${revoked.tokensRevoked} access token(s) of ${revoked.clientId}.`);
  });
agency
  .command('activate')
  .description('the company (by organisation number) activates the agency, as its default unless it has one')
  .requiredOption('--company <orgnr>', 'the company’s organisation number')
  .requiredOption('--agency <clientId>', 'the agency’s client id')
  .option('--json', 'print JSON')
  .option('-d, --data-dir <dir>', 'PGlite data folder (overrides DATABASE_URL)')
  .action(async (opts: { company: string; agency: string; json?: boolean; dataDir?: string }) => {
    const result = await withDatabase(opts.dataDir, (db) =>
      inTransaction(db, async (trx) => {
        const company = await findCompanyByOrganizationNumber(trx, opts.company);
        if (!company) throw new Error(`no company has organisation number ${opts.company}`);
        const found = await findAgencyByClientId(trx, opts.agency);
        if (!found) throw new Error(`no agency has client id ${opts.agency}`);
        const hasDefault = (await companyAgencies(trx, company.id)).some((a) => a.isDefault && a.id !== found.id);
        const activation = await setAgencyActivation(
          trx,
          company.id,
          found.id,
          { active: true, isDefault: !hasDefault },
          null,
        );
        return {
          companyId: company.id,
          company: company.name,
          agency: found.name,
          clientId: found.clientId,
          active: activation.active,
          isDefault: activation.isDefault,
        };
      }),
    );
    print(
      opts.json,
      result,
      `${result.company} has activated ${result.agency}${result.isDefault ? ' (default agency)' : ''}.`,
    );
  });

program
  .command('collection')
  .description('hand invoices to collection as an operator')
  .command('approve')
  .description(
    'hand every invoice the rules allow today to the agency’s approved list (as if drafted and approved by the accountant)',
  )
  .requiredOption('--company <orgnr>', 'the company’s organisation number')
  .requiredOption('--agency <clientId>', 'the agency’s client id')
  .option('--all-eligible', 'every eligible invoice (required: there is no other selection yet)')
  .option('--today <date>', 'the business date (default: today in Norway)')
  .option('--json', 'print {"invoices": [{"id", "invoiceNumber"}]}')
  .option('-d, --data-dir <dir>', 'PGlite data folder (overrides DATABASE_URL)')
  .action(
    async (opts: {
      company: string;
      agency: string;
      allEligible?: boolean;
      today?: string;
      json?: boolean;
      dataDir?: string;
    }) => {
      if (!opts.allEligible) program.error('say --all-eligible: it is the only selection there is');
      const today = opts.today ?? osloToday();
      const invoices = await withDatabase(opts.dataDir, async (db) => {
        const company = await findCompanyByOrganizationNumber(db, opts.company);
        if (!company) throw new Error(`no company has organisation number ${opts.company}`);
        const found = await findAgencyByClientId(db, opts.agency);
        if (!found) throw new Error(`no agency has client id ${opts.agency}`);
        return approveAllEligible(db, company.id, found.id, today);
      });
      print(
        opts.json,
        { invoices },
        `${invoices.length} invoice(s) on ${opts.agency}'s approved list: ${invoices.map((i) => i.invoiceNumber).join(', ') || 'none'}`,
      );
    },
  );

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
    // A half-year or year without its own figure is never reused silently.
    for (const w of table.warnings(osloToday())) console.warn(`warning: ${w.detail}`);
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
    if (opts.kind !== 'inkassosats' && opts.kind !== 'late_payment_interest')
      program.error('--kind is inkassosats or late_payment_interest');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.from)) program.error('--from is a date, YYYY-MM-DD');
    if (!/^\d+(\.\d{1,2})?$/.test(opts.value)) program.error('--value is a number with at most two decimals');
    const [whole, fraction = ''] = opts.value.split('.');
    const hundredths = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
    const handle = await openDatabase(targetFromEnv({ dataDir: opts.dataDir }));
    await migrateToLatest(handle.db);
    try {
      await inTransaction(handle.db, (trx) =>
        addRate(trx, {
          kind: opts.kind as 'inkassosats',
          validFrom: opts.from,
          value: hundredths,
          source: opts.source,
        }),
      );
    } finally {
      await handle.close();
    }
    console.log(`Added ${opts.kind} ${opts.value} from ${opts.from}.`);
  });

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The command line as the actor on what it locks and records: the operator's login on this machine. */
function cliName(): string {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (a container): the host still says where.
  }
  return `innfri CLI (${user}@${hostname()})`;
}

async function companyIdOf(db: Db, orgnr: string): Promise<string> {
  const company = await findCompanyByOrganizationNumber(db, orgnr);
  if (!company) throw new Error(`no company has organisation number ${orgnr}`);
  return company.id;
}

function lockText(lock: PeriodLock | null): string {
  return lock
    ? `The books are locked up to ${lock.lockedTo} (set by ${lock.lockedBy.name}, ${lock.lockedAt}).`
    : 'The books are open (no locked period).';
}

const period = program.command('period').description("locked periods: lock a company's books up to a date");
period
  .command('show')
  .description("the company's locked period")
  .requiredOption('--company <orgnr>', 'the organisation number')
  .option('--json', 'print the result as JSON')
  .option('-d, --data-dir <dir>', 'PGlite data folder (overrides DATABASE_URL)')
  .action(async (opts: { company: string; json?: boolean; dataDir?: string }) => {
    const lock = await withDatabase(opts.dataDir, async (db) =>
      currentPeriodLock(db, await companyIdOf(db, opts.company)),
    );
    print(opts.json, { lock }, lockText(lock));
  });
period
  .command('lock')
  .description('lock the books up to and including a date: no voucher dated on or before it can be posted')
  .requiredOption('--company <orgnr>', 'the organisation number')
  .requiredOption('--to <date>', 'the last locked date, YYYY-MM-DD (not after today; a lock only moves forward)')
  .option('--json', 'print the result as JSON')
  .option('-d, --data-dir <dir>', 'PGlite data folder (overrides DATABASE_URL)')
  .action(async (opts: { company: string; to: string; json?: boolean; dataDir?: string }) => {
    if (!DATE.test(opts.to)) program.error('--to is a date, YYYY-MM-DD');
    const lock = await withDatabase(opts.dataDir, async (db) => {
      const companyId = await companyIdOf(db, opts.company);
      return inTransaction(db, (trx) =>
        lockPeriod(trx, companyId, opts.to, { id: null, name: cliName() }, osloToday()),
      );
    });
    print(opts.json, { lock }, lockText(lock));
  });
period
  .command('unlock')
  .description('reopen locked books (recorded in the audit trail): back to an earlier date, or fully')
  .requiredOption('--company <orgnr>', 'the organisation number')
  .option('--to <date>', 'the earlier last locked date to go back to; without it the books open fully')
  .option('--json', 'print the result as JSON')
  .option('-d, --data-dir <dir>', 'PGlite data folder (overrides DATABASE_URL)')
  .action(async (opts: { company: string; to?: string; json?: boolean; dataDir?: string }) => {
    if (opts.to !== undefined && !DATE.test(opts.to)) program.error('--to is a date, YYYY-MM-DD');
    const lock = await withDatabase(opts.dataDir, async (db) => {
      const companyId = await companyIdOf(db, opts.company);
      return inTransaction(db, (trx) => unlockPeriod(trx, companyId, opts.to ?? null, { id: null, name: cliName() }));
    });
    print(opts.json, { lock }, lockText(lock));
  });

program
  .command('audit')
  .description("print a company's audit trail, newest first: who did what, when and from where")
  .option('--company <orgnr>', 'the organisation number')
  .option('--global', 'the events of no company instead (legal rates, agency credentials, unknown sign-ins)')
  .option('--from <date>', 'from this date (Europe/Oslo), YYYY-MM-DD')
  .option('--to <date>', 'to this date (Europe/Oslo), YYYY-MM-DD')
  .option('--kind <kind>', 'an event kind (handover.approved) or a group (handover)')
  .option('--limit <n>', 'at most this many events (default 200)', '200')
  .option('--json', 'print JSON, one event a line')
  .option('-d, --data-dir <dir>', 'PGlite data folder (overrides DATABASE_URL)')
  .action(
    async (opts: {
      company?: string;
      global?: boolean;
      from?: string;
      to?: string;
      kind?: string;
      limit: string;
      json?: boolean;
      dataDir?: string;
    }) => {
      if (!opts.company === !opts.global) program.error('say --company ORGNR or --global');
      for (const [name, value] of [
        ['--from', opts.from],
        ['--to', opts.to],
      ] as const)
        if (value !== undefined && !DATE.test(value)) program.error(`${name} is a date, YYYY-MM-DD`);
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100_000)
        program.error('--limit is a whole number from 1 to 100000');
      await withDatabase(opts.dataDir, async (db) => {
        const companyId = opts.company ? await companyIdOf(db, opts.company) : null;
        let cursor: string | undefined;
        let printed = 0;
        do {
          const page = await listAudit(db, companyId, {
            from: opts.from,
            to: opts.to,
            kind: opts.kind,
            cursor,
            limit: Math.min(500, limit - printed),
          });
          for (const e of page.data) {
            if (opts.json) console.log(JSON.stringify(e));
            else
              console.log(
                [
                  e.at,
                  e.kind.padEnd(24),
                  `${e.actor.type}:${e.actor.name || e.actor.id || '-'}`,
                  e.peerAddress ?? '-',
                  e.subjectIds.join(',') || '-',
                  e.after === null ? '' : JSON.stringify(e.after),
                ].join('  '),
              );
          }
          printed += page.data.length;
          cursor = page.nextCursor ?? undefined;
        } while (cursor && printed < limit);
      });
    },
  );

const bank = program.command('bank').description('money in from the bank');
bank
  .command('import')
  .description(
    'import a bank file (camt.053 or camt.054, 001.02 or 001.08, or a Nets OCR giro file): book and match its incoming payments; what matches nothing waits in the unmatched queue',
  )
  .argument('<file>', 'the bank file')
  .requiredOption('--company <orgnr>', 'the company’s organisation number (its bank account is the one booked)')
  .option('--json', 'print the import (its summary) as JSON')
  .option('--no-progress', 'no progress bar')
  .option('-d, --data-dir <dir>', 'PGlite data folder (overrides DATABASE_URL)')
  .addHelpText(
    'after',
    '\nThe same file again books nothing new (and finishes an import that was interrupted). A file that cannot be read is refused, naming the line and element, and nothing is stored.',
  )
  .action(async (file: string, opts: { company: string; json?: boolean; progress: boolean; dataDir?: string }) => {
    await access(file).catch(() => program.error(`cannot read ${file}`));
    const showProgress = opts.progress && process.stderr.isTTY;
    let shown = '';
    const onProgress = (p: ImportProgress) => {
      if (!opts.progress) return;
      const line =
        p.phase === 'reading'
          ? `reading: ${p.done} transactions`
          : `booking: ${bar(p.done, p.total ?? p.done)} ${p.done}/${p.total ?? '?'}`;
      if (showProgress) process.stderr.write(`\r${line.padEnd(shown.length)}`);
      else if (
        p.phase === 'booking' &&
        p.total &&
        Math.floor((10 * p.done) / p.total) !== Math.floor((10 * (p.done - 1)) / p.total)
      )
        process.stderr.write(`${line}\n`);
      shown = line;
    };
    const result = await withDatabase(opts.dataDir, async (db) => {
      const company = await findCompanyByOrganizationNumber(db, opts.company);
      if (!company) throw new Error(`no company has organisation number ${opts.company}`);
      return importBankFile(db, company.id, () => createReadStream(file, { highWaterMark: 256 * 1024 }), {
        fileName: basename(file),
        userId: null,
        onProgress,
      });
    });
    if (showProgress && shown) process.stderr.write('\n');
    const s = result.summary;
    const kr = (amount: Ore) => formatKr(amount);
    print(
      opts.json,
      result,
      [
        `${result.alreadyImported ? 'Imported before' : 'Imported'}: ${result.fileName} (${result.format}), ${s.transactions} transaction(s)${result.status === 'done' ? '' : ` — ${s.pending} still to book: run it again`}`,
        `  matched by KID:            ${String(s.booked.kid.count).padStart(7)}  ${kr(s.booked.kid.amount)}`,
        `  matched by invoice number: ${String(s.booked.invoice_number.count).padStart(7)}  ${kr(s.booked.invoice_number.amount)}`,
        `  matched by amount and name:${String(s.booked.amount_name.count).padStart(7)}  ${kr(s.booked.amount_name.amount)}`,
        `  unmatched (queue):         ${String(s.unmatched.count).padStart(7)}  ${kr(s.unmatched.amount)}`,
        `  skipped:                   ${String(s.skipped.count).padStart(7)}  ${Object.entries(s.skipped.byReason)
          .filter(([, n]) => n > 0)
          .map(([r, n]) => `${r} ${n}`)
          .join(', ')}`,
        `  duplicates:                ${String(s.duplicates).padStart(7)}`,
      ].join('\n'),
    );
  });

function bar(done: number, total: number, width = 30): string {
  const filled = total === 0 ? width : Math.round((width * done) / total);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

const exportCommand = program.command('export').description('export the books');
exportCommand
  .command('saf-t')
  .description('write the SAF-T Financial 1.30 file of a company for a period (the Tax Administration’s format)')
  .requiredOption('--company <orgnr>', 'the company’s organisation number')
  .requiredOption('--from <date>', 'the first day of the period (YYYY-MM-DD)')
  .requiredOption('--to <date>', 'the last day of the period (YYYY-MM-DD)')
  .option('--out <file>', 'where to write it (default: «SAF-T Financial_<orgnr>_<time>_1_1.xml» here)')
  .option('--contact <name>', 'the contact person named in the header', 'Regnskapsansvarlig')
  .option('--phone <number>', 'the contact person’s telephone (the schema requires one)')
  .option('--email <address>', 'the contact person’s e-mail')
  .option('-d, --data-dir <dir>', 'PGlite data folder (overrides DATABASE_URL)')
  .addHelpText(
    'after',
    '\nExample: innfri export saf-t --company 926051377 --from 2026-01-01 --to 2026-12-31 --out saft-2026.xml\nProgress goes to stderr; the file is written beside its name and renamed into place when complete.',
  )
  .action(
    async (opts: {
      company: string;
      from: string;
      to: string;
      out?: string;
      contact: string;
      phone?: string;
      email?: string;
      dataDir?: string;
    }) => {
      const period = checkedPeriod(opts.from, opts.to);
      const summary = await withDatabase(opts.dataDir, async (db) => {
        const company = await findCompanyByOrganizationNumber(db, opts.company);
        if (!company) throw new Error(`no company has organisation number ${opts.company}`);
        const target = opts.out ?? saftFileName(company.organizationNumber);
        const partial = `${target}.partial`;
        const file = createWriteStream(partial);
        const [firstName, ...rest] = opts.contact.trim().split(/\s+/);
        let shown = -1;
        try {
          const result = await writeSaft(db, company.id, period, file, {
            contact: { firstName: firstName ?? '', lastName: rest.join(' '), telephone: opts.phone, email: opts.email },
            onProgress: (done, total) => {
              const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
              if (percent !== shown) process.stderr.write(`\r  ${percent} % (${done} of ${total} lines)`);
              shown = percent;
            },
          });
          await new Promise<void>((resolve, reject) => file.end((e?: Error | null) => (e ? reject(e) : resolve())));
          renameSync(partial, target);
          process.stderr.write('\n');
          return { ...result, file: target };
        } catch (error) {
          file.destroy();
          rmSync(partial, { force: true });
          throw error;
        }
      });
      console.log(
        `Wrote ${summary.file}: ${summary.vouchers} vouchers, ${summary.lines} lines, debit ${formatDecimal(summary.totalDebit)} = credit ${formatDecimal(summary.totalCredit)}, ${summary.accounts} accounts, ${summary.customers} customers.`,
      );
    },
  );

program
  .command('backup')
  .description(
    'back up the embedded database (the data folder) to one file, also while the server runs; for a PostgreSQL server use pg_dump (README)',
  )
  .requiredOption('-o, --out <file>', 'the backup file to write (e.g. innfri-2026-12-02.tar.gz); must not exist')
  .option('-d, --data-dir <dir>', 'PGlite data folder (env INNFRI_DATA_DIR, default ./data)')
  .action(async (opts: { out: string; dataDir?: string }) => {
    const target = targetFromEnv({ dataDir: opts.dataDir });
    if (target.kind !== 'pglite' || !target.dataDir)
      return program.error(
        'innfri backup is for the embedded database: back up a PostgreSQL server with pg_dump (README)',
      );
    const dataDir = resolve(target.dataDir);
    const out = resolve(opts.out);
    if (existsSync(out)) program.error(`${out} exists: name a new file`);
    if (!existsSync(join(dataDir, 'PG_VERSION'))) program.error(`${dataDir} holds no database`);
    const owner = dataDirOwner(dataDir);
    if (owner !== null && owner !== process.pid) {
      // The running server holds the folder: it writes the backup between its transactions.
      await requestBackup(dataDir, owner, out);
    } else {
      const handle = await openDatabase({ kind: 'pglite', dataDir });
      try {
        await backupEmbedded(handle, out);
      } finally {
        await handle.close();
      }
    }
    console.log(`Backed up ${dataDir} to ${out} (${statSync(out).size} bytes).`);
  });

program
  .command('restore')
  .description('restore a backup from innfri backup into a new, empty data folder (then start the server on it)')
  .argument('<file>', 'the backup file')
  .requiredOption('-d, --data-dir <dir>', 'the new data folder (must not exist or be empty)')
  .action(async (file: string, opts: { dataDir: string }) => {
    if (!existsSync(file)) program.error(`${file} does not exist`);
    await restoreEmbedded(file, resolve(opts.dataDir));
    console.log(
      `Restored ${file} into ${resolve(opts.dataDir)}. Start it with: innfri serve --data-dir ${opts.dataDir}`,
    );
  });

// Every command but the server acts as the command line: what it changes is recorded with that
// actor (the server's requests and its daily run name their own).
const cliContext = { requestId: randomUUID(), peerAddress: 'cli', actor: { type: 'cli', name: cliName() } } as const;
(process.argv[2] === 'serve'
  ? program.parseAsync()
  : withAuditContext({ ...cliContext }, () => program.parseAsync())
).catch((error: unknown) => {
  console.error(`innfri: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
