/**
 * The two OpenAPI documents, exactly as the server serves them (GET /agency/v1/openapi.json and
 * GET /api/v1/openapi.json), built in-process from the route definitions (no database, no port),
 * written to files and linted by Redocly CLI with the repository's redocly.yaml.
 *
 *   npm run lint:openapi                         # write both to a temporary folder and lint them
 *   npx tsx scripts/openapi-docs.ts --out DIR    # only write agency-v1.json and api-v1.json to DIR
 *
 * Agencies generate their clients from the agency document: the lint keeps it one a generator takes
 * without made-up names (every operation has an operationId) or warnings.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createAgencyApi } from '../src/agency-api/agency-api.routes.js';
import { createApiV1 } from '../src/app/app.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Each document: the file it is written to, and how to get it as served. */
export const OPENAPI_DOCUMENTS = [
  {
    file: 'agency-v1.json',
    served: '/agency/v1/openapi.json',
    fetch: () => createAgencyApi().request('/agency/v1/openapi.json'),
  },
  {
    file: 'api-v1.json',
    served: '/api/v1/openapi.json',
    fetch: () => createApiV1().request('/openapi.json'),
  },
] as const;

/** Both documents, parsed: what the server serves at their paths. */
export async function openApiDocuments(): Promise<Array<{ file: string; served: string; document: unknown }>> {
  return Promise.all(
    OPENAPI_DOCUMENTS.map(async ({ file, served, fetch }) => {
      const res = await fetch();
      const text = await res.text();
      if (res.status !== 200) throw new Error(`GET ${served} answered ${res.status}: ${text.slice(0, 500)}`);
      return { file, served, document: JSON.parse(text) as unknown };
    }),
  );
}

/** Writes both documents into `dir` and returns their paths. */
export async function writeOpenApiDocuments(dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const { file, document } of await openApiDocuments()) {
    const path = join(dir, file);
    await writeFile(path, `${JSON.stringify(document, null, 2)}\n`);
    paths.push(path);
  }
  return paths;
}

/** `redocly lint` over the files with the repository's redocly.yaml; its exit code. */
function redoclyLint(files: string[]): number {
  const cli = join(dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')), 'bin', 'cli.js');
  const result = spawnSync(
    process.execPath,
    [cli, 'lint', ...files, '--config', join(ROOT, 'redocly.yaml'), '--format', 'stylish'],
    {
      stdio: 'inherit',
      // No telemetry and no update check from CI or a developer's machine.
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    },
  );
  if (result.error) throw result.error;
  return result.status ?? 1;
}

async function main(argv: string[]): Promise<number> {
  const outAt = argv.indexOf('--out');
  if (outAt >= 0) {
    const dir = argv[outAt + 1];
    if (!dir) throw new Error('--out needs a folder');
    for (const path of await writeOpenApiDocuments(resolve(dir))) console.log(`wrote ${path}`);
    return 0;
  }
  const dir = await mkdtemp(join(tmpdir(), 'innfri-openapi-'));
  try {
    return redoclyLint(await writeOpenApiDocuments(dir));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
