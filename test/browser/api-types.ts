/**
 * The web app's API types: the accountant API's OpenAPI document (GET /api/v1/openapi.json, built
 * in-process) turned into TypeScript with openapi-typescript and written to web/src/api/openapi.gen.ts.
 * The web app takes its API shapes only from there. `npm run typecheck` regenerates the file and
 * then type-checks web/, so a change to a schema the UI uses fails there (commit the new file);
 * a change to one it does not use just updates the file.
 *
 * Regenerate by hand: npm run gen:web-api
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { createApiV1 } from '../../src/app/app.js';

export const GENERATED_FILE = fileURLToPath(new URL('../../web/src/api/openapi.gen.ts', import.meta.url));

const HEADER = `/* Generated from the accountant API's OpenAPI document by test/browser/api-types.ts: do not edit. Regenerate with \`npm run gen:web-api\`. */\n`;

export async function generateApiTypes(): Promise<string> {
  const res = await createApiV1().request('/openapi.json');
  if (res.status !== 200) throw new Error(`GET /openapi.json answered ${res.status}`);
  const document = (await res.json()) as Parameters<typeof openapiTS>[0];
  return HEADER + astToString(await openapiTS(document));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const fresh = await generateApiTypes();
  const current = await readFile(GENERATED_FILE, 'utf8').catch(() => null);
  if (current === fresh) {
    console.log('web/src/api/openapi.gen.ts is up to date');
  } else {
    await writeFile(GENERATED_FILE, fresh);
    console.log('wrote web/src/api/openapi.gen.ts (the API changed: commit it)');
  }
}
