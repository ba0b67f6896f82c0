import { PassThrough, Readable } from 'node:stream';
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { osloToday } from '../shared/dates.js';
import { type Column, CONTENT_TYPES, writeTable } from '../shared/table-export.js';
import type { AppEnv } from './env.js';

/** `?format=csv|xlsx&lang=nb|en` of every list's `/export`. */
export const ExportQuery = z.object({
  format: z
    .enum(['csv', 'xlsx'])
    .default('csv')
    .openapi({ description: 'csv: UTF-8 with BOM, `;`, decimal comma (Norwegian Excel); xlsx: a workbook' }),
  lang: z.enum(['nb', 'en']).default('nb').openapi({ description: 'The language of the column headings' }),
});

/** An export's own answer (the problem answers come with every route: tenancy/company-route.ts). */
export const exportResponses = {
  200: {
    description: 'The whole list as a file (an attachment), streamed',
    content: {
      'text/csv': { schema: z.string() },
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
        schema: z.string().openapi({ format: 'binary' }),
      },
    },
  },
} as const;

/**
 * Answers with the list as CSV or XLSX, written while its pages are read. The first page is read
 * before answering, so a failure there is still a problem+json answer; a failure later ends the
 * download short.
 */
export async function exportResponse<R>(
  c: Context<AppEnv>,
  query: { format: 'csv' | 'xlsx'; lang: 'nb' | 'en' },
  name: string,
  columns: ReadonlyArray<Column<R>>,
  pages: AsyncGenerator<readonly R[]>,
): Promise<Response> {
  const first = await pages.next();
  async function* all(): AsyncGenerator<readonly R[]> {
    if (!first.done) yield first.value;
    yield* pages;
  }
  const body = new PassThrough();
  writeTable(query.format, query.lang, name, columns, all(), body).catch((error: unknown) => {
    body.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return new Response(Readable.toWeb(body) as ReadableStream, {
    status: 200,
    headers: {
      'content-type': CONTENT_TYPES[query.format],
      'content-disposition': `attachment; filename="${name}-${c.var.config.today?.() ?? osloToday()}.${query.format}"`,
      'cache-control': 'private, no-store',
    },
  });
}
