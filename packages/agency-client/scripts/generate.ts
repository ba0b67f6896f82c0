/**
 * Regenerates `src/generated/agency-api.ts` from the document the server serves at
 * GET /agency/v1/openapi.json. The app is started in-process on an in-memory PGlite database
 * (nothing listens on a port, nothing is written to disk), the document fetched through it and
 * turned into types by openapi-typescript.
 *
 *   npm run generate:agency-client            # from the repository root: writes the file
 *   npx tsx packages/agency-client/scripts/generate.ts --check   # exits 1 when the file is stale
 *
 * The app is imported dynamically by path, so that `tsc -p packages/agency-client` checks this
 * package on its own and not the whole server (which the repository's own `tsc -p .` checks).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

/** The committed file of generated types. */
export const GENERATED_FILE = fileURLToPath(new URL('../src/generated/agency-api.ts', import.meta.url));

/** The repository's server sources (this package lives in `packages/agency-client`). */
const SERVER_SOURCES = new URL('../../../src/', import.meta.url);

export const GENERATED_HEADER = [
  '// generated — do not edit.',
  '// The Innfri agency API v1, as served at GET /agency/v1/openapi.json, turned into types by openapi-typescript.',
  '// Regenerate with `npm run generate:agency-client` (packages/agency-client/scripts/generate.ts);',
  '// test/e2e/agency-client-package.test.ts fails while this file differs from the served document.',
  '',
  '',
].join('\n');

/** The generated file's text for an OpenAPI document: the header, then openapi-typescript's output. */
export async function renderAgencyApiTypes(document: unknown): Promise<string> {
  const ast = await openapiTS(document as Parameters<typeof openapiTS>[0]);
  return GENERATED_HEADER + astToString(ast);
}

/** Just what this script uses of the server's modules (imported by path, see above). */
interface DatabaseModule {
  openDatabase(target: { kind: 'pglite'; dataDir: null }): Promise<{ db: unknown; close(): Promise<void> }>;
  migrateToLatest(db: unknown): Promise<void>;
}
interface AppModule {
  createApp(db: unknown, config: unknown): { request(path: string): Response | Promise<Response> };
}
interface ServerModule {
  DEFAULT_CONFIG: unknown;
}

async function serverModule<T>(path: string): Promise<T> {
  return (await import(new URL(path, SERVER_SOURCES).href)) as T;
}

/** Starts the app in-process on an in-memory PGlite, fetches the served document, stops again. */
export async function fetchServedDocument(): Promise<unknown> {
  const [database, http, server] = await Promise.all([
    serverModule<DatabaseModule>('db/database.ts'),
    serverModule<AppModule>('app/app.ts'),
    serverModule<ServerModule>('server.ts'),
  ]);
  const handle = await database.openDatabase({ kind: 'pglite', dataDir: null });
  try {
    await database.migrateToLatest(handle.db);
    const app = http.createApp(handle.db, server.DEFAULT_CONFIG);
    const response = await app.request('/agency/v1/openapi.json');
    const text = await response.text();
    if (response.status !== 200)
      throw new Error(`GET /agency/v1/openapi.json answered ${response.status}: ${text.slice(0, 500)}`);
    return JSON.parse(text) as unknown;
  } finally {
    await handle.close();
  }
}

/** What the file would be now, and what is committed (null when there is no file yet). */
export async function regenerate(): Promise<{ generated: string; committed: string | null }> {
  const generated = await renderAgencyApiTypes(await fetchServedDocument());
  const committed = await readFile(GENERATED_FILE, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  return { generated, committed };
}

async function main(argv: string[]): Promise<number> {
  const check = argv.includes('--check');
  const { generated, committed } = await regenerate();
  if (generated === committed) {
    console.log(`${GENERATED_FILE} is up to date`);
    return 0;
  }
  if (check) {
    console.error(`${GENERATED_FILE} differs from the served document: run npm run generate:agency-client`);
    return 1;
  }
  await writeFile(GENERATED_FILE, generated);
  console.log(`wrote ${GENERATED_FILE}`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
