import { createServer, type Server } from 'node:http';
import { n, rows, type Store } from './store.js';

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const kr = (ore: unknown) =>
  `kr ${(n(ore) / 100).toLocaleString('nb-NO', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const page = (
  title: string,
  body: string,
) => `<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font:14px system-ui;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}td.n{text-align:right}</style></head><body>${body}</body></html>`;

function table(head: string[], data: unknown[][]): string {
  return `<table><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>${data.map((r) => `<tr>${r.map((c) => (typeof c === 'object' && c && 'html' in c ? `<td>${(c as { html: string }).html}</td>` : `<td>${esc(c)}</td>`)).join('')}</tr>`).join('')}</table>`;
}

/** The agency's own small web page: a case list and one page per case (Norwegian labels). */
export function startWeb(store: Store, port: number, host = '127.0.0.1'): Promise<{ server: Server; url: string }> {
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      const m = /^\/cases\/(.+)$/.exec(path);
      if (m) {
        const k = (await rows<Record<string, unknown>>(store, 'select * from cases where case_number = $1', [m[1]]))[0];
        if (!k)
          return res
            .writeHead(404, { 'content-type': 'text/html; charset=utf-8' })
            .end(page('Ikke funnet', '<h1>Ukjent sak</h1>'));
        const invoices = await rows<Record<string, unknown>>(
          store,
          'select * from case_invoices where case_number = $1 order by invoice_number',
          [m[1]],
        );
        const payments = await rows<Record<string, unknown>>(
          store,
          'select * from debtor_payments where case_number = $1 order by id',
          [m[1]],
        );
        const settlements = await rows<Record<string, unknown>>(
          store,
          'select * from settlements where case_number = $1 order by reference',
          [m[1]],
        );
        const history = k.history as Array<{ day: string; status: string; text: string }>;
        const body = `<p><a href="/">Alle saker</a></p><h1>Inkassosak ${esc(k.case_number)}</h1>
<p>Skyldner: <b>${esc(k.customer_name)}</b> · Status: <b>${esc(k.status)}</b> (${esc(k.status_text)}) · ${k.state === 'open' ? 'Åpen' : 'Avsluttet'} · Opprettet ${esc(k.created_on)}</p>
<p>Salær: ${kr(k.salaer)} (betalt ${kr(k.salaer_paid)})</p>
<h2>Fakturaer</h2>${table(
          [
            'Faktura',
            'Forfall',
            'Krav ved overtakelse',
            'Gjenstår (byrå)',
            'Direktebetalt',
            'Kreditert',
            'Avskrevet hos kreditor',
            'Innkrevd',
            'Holdt tilbake',
            'Til tilbakebetaling',
            'Åpent i kreditors reskontro',
          ],
          invoices.map((i) => [
            i.invoice_number,
            i.due_date,
            kr(i.original_claim),
            kr(i.claim),
            kr(i.paid_direct),
            kr(i.credited),
            kr(i.written_off),
            kr(i.collected),
            kr(i.held),
            kr(i.refund_due),
            kr(i.ledger_remaining),
          ]),
        )}
<h2>Historikk</h2>${table(
          ['Dato', 'Status', 'Tekst'],
          history.map((h) => [h.day, h.status, h.text]),
        )}
<h2>Innbetalinger fra skyldner</h2>${table(
          ['Dato', 'Beløp', 'Salær', 'Rente', 'Hovedstol', 'Oppgjør'],
          payments.map((p) => [p.paid_on, kr(p.amount), kr(p.salaer), kr(p.interest), kr(p.principal), p.reference]),
        )}
<h2>Oppgjør til kreditor</h2>${table(
          ['Referanse', 'Status', 'Utbetalt', 'Remisse'],
          settlements.map((s) => [
            s.reference,
            `${s.status}${s.innfri_status ? ` (${s.innfri_status})` : ''}`,
            kr(s.bank_amount),
            { html: `<code>${esc(JSON.stringify((s.body as { statement: unknown }).statement))}</code>` },
          ]),
        )}`;
        return res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(page(`Sak ${k.case_number}`, body));
      }
      if (path === '/') {
        const cases = await rows<Record<string, unknown>>(
          store,
          `select k.case_number, k.customer_name, k.status, k.state, k.created_on, coalesce(sum(i.claim), 0) as claim from cases k left join case_invoices i on i.case_number = k.case_number group by k.case_number order by k.case_number`,
        );
        const day = (await rows<{ value: string }>(store, `select value from meta where key = 'last_day'`))[0]?.value;
        const body = `<h1>Referansebyrå – saker</h1><p>Simulert dato: ${esc(day)} · ${cases.length} saker</p>${table(
          ['Saksnummer', 'Skyldner', 'Status', 'Tilstand', 'Opprettet', 'Gjenstår'],
          cases.map((k) => [
            { html: `<a href="/cases/${encodeURIComponent(String(k.case_number))}">${esc(k.case_number)}</a>` },
            k.customer_name,
            k.status,
            k.state,
            k.created_on,
            kr(k.claim),
          ]),
        )}`;
        return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page('Referansebyrå', body));
      }
      res.writeHead(404).end();
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  return new Promise((resolve) =>
    server.listen(port, host, () => {
      const address = server.address();
      resolve({ server, url: `http://${host}:${typeof address === 'object' && address ? address.port : port}` });
    }),
  );
}
