import { Command, InvalidArgumentError } from 'commander';
import { createAgencyClient } from '@innfri/agency-client';
import { SimClock } from './clock.js';
import { addDays } from './figures.js';
import { ReferenceAgency } from './engine.js';
import { openStore } from './store.js';
import { startWeb } from './web.js';

const int = (v: string) => {
  const x = Number(v);
  if (!Number.isFinite(x) || x < 0) throw new InvalidArgumentError('a non-negative number');
  return x;
};

const program = new Command()
  .name('reference-agency')
  .description(
    'A reference collection agency (inkassobyrå) that talks to Innfri only through @innfri/agency-client, on a simulated clock.',
  )
  .option('--innfri-url <url>', 'Innfri origin (env INNFRI_URL)', process.env.INNFRI_URL ?? 'http://127.0.0.1:3000')
  .option('--client-id <id>', 'agency client id (env INNFRI_CLIENT_ID)', process.env.INNFRI_CLIENT_ID)
  .option(
    '--client-secret <secret>',
    'agency client secret (env INNFRI_CLIENT_SECRET)',
    process.env.INNFRI_CLIENT_SECRET,
  )
  .option('--port <port>', 'port of the agency’s own web page (0: any free port)', int, 4000)
  .option('--data-dir <dir>', 'the agency’s own PGlite store (default: in memory)')
  .option('--speed <days>', 'simulated days per real second', int, 1)
  .option(
    '--start-date <date>',
    'the simulated clock’s first day (default: today)',
    new Date().toISOString().slice(0, 10),
  )
  .option('--days <n>', 'stop after this many simulated days (default: run until Ctrl+C)', int)
  .option('--seed-random <n>', 'seed of the debtors’ deterministic behaviour', int, 2026)
  .option('--quiet', 'log less')
  .action(
    async (o: {
      innfriUrl: string;
      clientId?: string;
      clientSecret?: string;
      port: number;
      dataDir?: string;
      speed: number;
      startDate: string;
      days?: number;
      seedRandom: number;
      quiet?: boolean;
    }) => {
      if (!o.clientId || !o.clientSecret)
        program.error('give --client-id and --client-secret (or INNFRI_CLIENT_ID / INNFRI_CLIENT_SECRET)');
      const store = await openStore(o.dataDir);
      const web = await startWeb(store, o.port);
      const innfri = createAgencyClient({
        baseUrl: o.innfriUrl,
        clientId: o.clientId!,
        clientSecret: o.clientSecret!,
        onRetry: (r) => console.error(`retry ${r.attempt} ${r.method} ${r.url} (${r.reason})`),
      });
      const log = o.quiet ? undefined : (m: string) => console.log(m);
      const agency = new ReferenceAgency({ innfri, store, seed: o.seedRandom, publicUrl: web.url, log });
      let stopping = false;
      const stop = async () => {
        if (stopping) return;
        stopping = true;
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      const last = await agency.lastDay();
      const clock = new SimClock(last ? addDays(last, 1) : o.startDate, o.speed);
      console.log(
        `Reference agency: ${web.url}  (Innfri ${o.innfriUrl}, ${o.speed} simulated day(s)/s from ${clock.startDate}${last ? ', resumed' : ''})`,
      );
      const endDay = o.days !== undefined ? addDays(o.startDate, o.days - 1) : undefined;
      let day = last ? addDays(last, 1) : o.startDate;
      while (!stopping && (!endDay || day <= endDay)) {
        if (day > clock.today()) {
          await new Promise((r) => setTimeout(r, 50));
          continue;
        }
        try {
          await agency.runDay(day);
        } catch (error) {
          console.error(`day ${day}: ${error instanceof Error ? error.message : String(error)}; retried`);
          await new Promise((r) => setTimeout(r, 500));
          continue;
        }
        if (o.quiet && day.endsWith('-01')) console.log(`simulated ${day}`);
        day = addDays(day, 1);
      }
      // Catch up on anything left (our own settlements' events), then stop.
      try {
        await agency.syncFeed(day);
      } catch {
        /* stopping */
      }
      const counts = (
        await store.query<{ events: string; cases: string }>(
          `select (select count(*) from processed_events) as events, (select count(*) from cases) as cases`,
        )
      ).rows[0];
      console.log(`Stopped at ${day}: ${counts?.cases} cases, ${counts?.events} events processed.`);
      await new Promise((r) => web.server.close(() => r(undefined)));
      await store.close();
      process.exit(0);
    },
  );

program.parseAsync().catch((error: unknown) => {
  console.error(`reference-agency: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
