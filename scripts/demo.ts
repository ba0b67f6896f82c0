/**
 * `npm run demo`: Innfri and the reference agency together, on one machine, with nothing to set up.
 *
 * Starts Innfri in this process (the embedded PGlite database cannot be shared between processes, so
 * the operator's steps run here, on the server's own database), seeds the demo company, registers and
 * activates the reference agency (its credentials are kept in the data folder and reused), hands every
 * eligible invoice to collection now and again every simulated week, and runs the reference agency as a
 * child process on a fast simulated clock. Ctrl+C stops both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { companyAgencies, setAgencyActivation } from '../src/agencies/agency.service.js';
import { createAgencyWithCredentials, findAgencyByClientId } from '../src/agencies/credential.service.js';
import { refreshStatistics, type Db } from '../src/db/database.js';
import { inTransaction } from '../src/db/transaction.js';
import { WEB_DIST } from '../src/app/app.js';
import { DEMO_ORGANIZATION_NUMBER, DEMO_PASSWORD, seedDemo } from '../src/seed/demo.js';
import { startServer } from '../src/server.js';
import { osloToday } from '../src/shared/dates.js';
import { findCompanyByOrganizationNumber } from '../src/tenancy/company.service.js';
import { approveAllEligible, startDailyScheduler } from '../src/collection/process.js';
import { CREDITOR_TURN, creditorStep } from './demo-activity.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const AGENCY_NAME = 'Referanse Inkasso AS';

const port = (v: string) => {
  const x = Number(v);
  if (!Number.isInteger(x) || x < 0 || x > 65535)
    throw new InvalidArgumentError('a port is a whole number from 0 to 65535');
  return x;
};
const positive = (v: string) => {
  const x = Number(v);
  if (!Number.isFinite(x) || x <= 0) throw new InvalidArgumentError('a positive number');
  return x;
};

interface Options {
  dataDir: string;
  fresh?: boolean;
  port: number;
  agencyPort: number;
  speed: number;
  quiet?: boolean;
}
interface SavedAgency {
  clientId: string;
  clientSecret: string;
}

/** The agency's credentials from an earlier run, if Innfri still knows them; else a new agency. */
async function ensureAgency(db: Db, file: string): Promise<{ id: string } & SavedAgency> {
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as SavedAgency;
    const found = await findAgencyByClientId(db, saved.clientId);
    if (found) return { id: found.id, ...saved };
  }
  const created = await inTransaction(db, (trx) =>
    createAgencyWithCredentials(trx, { name: AGENCY_NAME, organizationNumber: null }),
  );
  const saved: SavedAgency = { clientId: created.agency.clientId, clientSecret: created.clientSecret };
  writeFileSync(file, `${JSON.stringify(saved, null, 2)}\n`, { mode: 0o600 });
  return { id: created.agency.id, ...saved };
}

async function main(o: Options): Promise<void> {
  const dataDir = resolve(o.dataDir);
  if (o.fresh) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const innfriDir = join(dataDir, 'innfri');
  const agencyDir = join(dataDir, 'agency');

  console.log(`Demo data in ${dataDir}${o.fresh ? ' (fresh)' : ''}`);
  const server = await startServer({ target: { kind: 'pglite', dataDir: innfriDir }, port: o.port });
  const db = server.database.db;
  let child: ChildProcess | undefined;
  let stopScheduler = () => {};
  let approveTimer: NodeJS.Timeout | undefined;
  let creditorTimer: NodeJS.Timeout | undefined;
  let stopping = false;

  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the demo…');
    if (approveTimer) clearInterval(approveTimer);
    if (creditorTimer) clearInterval(creditorTimer);
    stopScheduler();
    if (child && child.exitCode === null && child.signalCode === null) {
      const gone = new Promise<void>((r) => child!.once('exit', () => r()));
      child.kill('SIGTERM'); // the agency finishes its day, reads the feed once more and exits
      const killer = setTimeout(() => child?.kill('SIGKILL'), 15_000);
      await gone;
      clearTimeout(killer);
    }
    await server.close();
    console.log('Stopped. Run `npm run demo` again to go on where it stopped (or with --fresh to start over).');
    process.exit(code);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  try {
    const seeded = await seedDemo(db, { onlyIfEmpty: true, progress: (m) => console.log(`  ${m}`) });
    if (seeded) console.log(`Seeded the demo company ${seeded.companyName} (${seeded.organizationNumber}).`);
    const company = await findCompanyByOrganizationNumber(db, DEMO_ORGANIZATION_NUMBER);
    if (!company)
      throw new Error(`the demo company (${DEMO_ORGANIZATION_NUMBER}) is missing from ${innfriDir}; run with --fresh`);
    await refreshStatistics(db);
    // The daily run (reminders, waits ending, auto-approval), as `innfri serve` does.
    stopScheduler = startDailyScheduler(db, () => osloToday(), undefined, undefined, true);

    const agency = await ensureAgency(db, join(dataDir, 'agency.json'));
    await inTransaction(db, async (trx) => {
      const hasDefault = (await companyAgencies(trx, company.id)).some((a) => a.isDefault && a.id !== agency.id);
      await setAgencyActivation(trx, company.id, agency.id, { active: true, isDefault: !hasDefault }, null);
    });

    const approve = async (why: string) => {
      if (stopping) return;
      try {
        const approved = await approveAllEligible(db, company.id, agency.id, osloToday());
        if (approved.length > 0 || why === 'now')
          console.log(`Handed ${approved.length} eligible invoice(s) to ${AGENCY_NAME} (${why}).`);
      } catch (error) {
        console.error(`approving eligible invoices: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    await approve('now');
    // Every simulated week of the agency's clock: `speed` simulated days per real second.
    const weekMs = Math.max(1000, Math.round((7 / o.speed) * 1000));
    approveTimer = setInterval(() => void approve('weekly'), weekMs);
    // The creditor's side while the agency collects: a direct payment, a credit note and an «Avskriv»
    // on invoices in cases, and new overdue claims, one step every few simulated days (so all three
    // show in the first minute at the default speed, and new cases keep coming after the backlog).
    let step = 0;
    let acting = false;
    const stepMs = Math.max(1000, Math.round((4 / o.speed) * 1000));
    creditorTimer = setInterval(() => {
      if (stopping || acting) return;
      acting = true;
      creditorStep(db, company.id, agency.id, step++, osloToday())
        .then((line) => line && console.log(line))
        .catch((error: unknown) =>
          console.error(`creditor step: ${error instanceof Error ? error.message : String(error)}`),
        )
        .finally(() => {
          acting = false;
        });
    }, stepMs);

    const agencyArgs = [
      '--import',
      'tsx',
      join(ROOT, 'agency/src/main.ts'),
      '--innfri-url',
      server.url,
      '--port',
      String(o.agencyPort),
      '--data-dir',
      agencyDir,
      '--speed',
      String(o.speed),
      ...(o.quiet ? ['--quiet'] : []),
    ];
    // The credentials go by environment, not on the command line (where `ps` would show the secret).
    const env = { ...process.env, INNFRI_CLIENT_ID: agency.clientId, INNFRI_CLIENT_SECRET: agency.clientSecret };
    child = spawn(process.execPath, agencyArgs, { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('exit', (code, signal) => {
      if (!stopping) {
        console.error(`The reference agency stopped (${signal ?? `exit code ${code}`}); stopping Innfri too.`);
        void stop(code ?? 1);
      }
    });

    const agencyUrl =
      o.agencyPort === 0 ? '(see the reference agency’s line below)' : `http://127.0.0.1:${o.agencyPort}`;
    console.log(`
Innfri is running at ${server.url}${existsSync(join(WEB_DIST, 'index.html')) ? '' : '   (no web UI built yet: run `npm run build:web` once)'}
  Demo logins (password for all: ${DEMO_PASSWORD}):
    regnskap@demo.innfri.no  (accountant)
    admin@demo.innfri.no     (admin)
    leser@demo.innfri.no     (viewer)
  Where to look: Inkasso › Åpne (cases with the agency's status and balance) and Inkasso › Arkivert (finished cases);
  a case shows its history, money and the settlements (remittance statements) that name it.
  API: ${server.url}/api/v1  (OpenAPI: ${server.url}/api/v1/openapi.json)

The reference agency (${AGENCY_NAME}): ${agencyUrl}
  ${o.speed} simulated day(s) per real second; eligible invoices are handed over every ${(weekMs / 1000).toFixed(1)} s (a simulated week).
  The creditor acts every ${(stepMs / 1000).toFixed(1)} s, in turn: ${CREDITOR_TURN.join(', ')}.
  Its own data: ${agencyDir}; credentials: ${join(dataDir, 'agency.json')}

Press Ctrl+C to stop both.
`);
  } catch (error) {
    console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
    await stop(1);
  }
}

new Command()
  .name('demo')
  .description(
    'Runs Innfri with the demo company and the reference collection agency on a fast simulated clock: cases, statuses, payments, settlements and archived cases appear within a couple of minutes.',
  )
  .option(
    '-d, --data-dir <dir>',
    'the demo’s data folder (Innfri’s database, the agency’s store and its credentials)',
    './data-demo',
  )
  .option('--fresh', 'wipe the data folder first and start over')
  .option('-p, --port <port>', 'Innfri’s port', port, 3000)
  .option('--agency-port <port>', 'the reference agency’s web page port (0: any free port)', port, 4000)
  .option('--speed <days>', 'simulated days per real second on the agency’s clock', positive, 1)
  .option('--quiet', 'the agency logs less')
  .addHelpText(
    'after',
    '\nExample: npm run demo -- --fresh --speed 5\nThe agency resumes from its last simulated day when started again on the same data folder.',
  )
  .action(main)
  .parseAsync()
  .catch((error: unknown) => {
    console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
