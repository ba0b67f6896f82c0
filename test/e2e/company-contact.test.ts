/**
 * The company's own telephone and e-mail over HTTP on both backends: an admin sets them (PATCH
 * /companies/{id}, as Innstillinger › Firma does), the SAF-T download then carries them as its
 * header's `Company/Contact` (read back from the file); a telephone or an address that is none is
 * refused as problem+json with its reason and changes nothing; empty clears one; only an admin
 * may change them, and each change is one audit row with before and after.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGANIZATION_NUMBER, DEMO_PASSWORD, seedDemo } from '../../src/seed/demo.js';
import { findCompanyByOrganizationNumber, getCompany } from '../../src/tenancy/company.service.js';
import { BACKENDS } from '../support/db.js';
import { ApiClient, getBinary, TEST_TODAY, useTestApp } from '../support/http.js';
import { parseSaft, validateSaft, xmllintAvailable } from '../support/saft-file.js';

const TIMEOUT = 240_000;
const hasXmllint = xmllintAvailable();
const dir = mkdtempSync(join(tmpdir(), 'innfri-contact-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(BACKENDS)('company telephone and e-mail on %s', (backend) => {
  const ctx = useTestApp(backend);
  let admin: ApiClient;
  let accountant: ApiClient;
  let companyId: string;

  beforeAll(async () => {
    await seedDemo(ctx.db, { onlyIfEmpty: false, invoiceCount: 8, today: TEST_TODAY });
    companyId = (await findCompanyByOrganizationNumber(ctx.db, DEMO_ORGANIZATION_NUMBER))!.id;
    admin = new ApiClient(ctx.app);
    expect((await admin.login('admin@demo.innfri.no', DEMO_PASSWORD)).status).toBe(200);
    accountant = new ApiClient(ctx.app);
    expect((await accountant.login('regnskap@demo.innfri.no', DEMO_PASSWORD)).status).toBe(200);
  }, TIMEOUT);

  const saftHeader = async (client: ApiClient, name: string) => {
    const res = await getBinary(client, `/companies/${companyId}/saf-t?from=2026-01-01&to=2026-12-31`);
    expect(res.status).toBe(200);
    const file = join(dir, `${backend}-${name}.xml`);
    writeFileSync(file, res.bytes);
    if (hasXmllint) expect(validateSaft(file)).toMatchObject({ ok: true });
    return (await parseSaft(file)).header;
  };
  const auditRows = async () =>
    ctx.db
      .selectFrom('audit_events')
      .select(['kind', 'before', 'after'])
      .where('company_id', '=', companyId)
      .where('kind', '=', 'company.settings_changed')
      .orderBy('id')
      .execute();

  it(
    'set by an admin, written into the SAF-T header as Company/Contact',
    async () => {
      const audits = (await auditRows()).length;
      const res = await admin.patch(`/companies/${companyId}`, { phone: '  +47 61  23 45 67 ', email: 'post@demo.no' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      // Stored as the rule keeps it: trimmed, single spaces.
      expect(res.body).toMatchObject({ phone: '+47 61 23 45 67', email: 'post@demo.no' });
      expect(await getCompany(ctx.db, companyId)).toMatchObject({ phone: '+47 61 23 45 67', email: 'post@demo.no' });
      const rows = await auditRows();
      expect(rows.length).toBe(audits + 1);
      expect(rows.at(-1)).toMatchObject({
        before: { phone: null, email: null },
        after: { phone: '+47 61 23 45 67', email: 'post@demo.no' },
      });

      // The accountant takes the file: the person is the accountant, the telephone and e-mail the company's.
      const header = await saftHeader(accountant, 'set');
      expect(header).toMatchObject({
        'Contact/FirstName': 'Kari',
        'Contact/LastName': 'Regnskap',
        'Contact/Telephone': '+47 61 23 45 67',
        'Contact/Email': 'post@demo.no',
        UserID: 'regnskap@demo.innfri.no',
      });
    },
    TIMEOUT,
  );

  it(
    'a telephone or an e-mail that is none: 400 problem+json with its reason, nothing changed',
    async () => {
      const audits = (await auditRows()).length;
      for (const [body, reason] of [
        [{ phone: 'ring meg' }, 'invalid_phone'],
        [{ phone: '12' }, 'invalid_phone'],
        [{ phone: '+47 61 23 45 67', email: 'post at demo.no' }, 'invalid_email'],
        [{ email: 'a b@demo.no' }, 'invalid_email'],
      ] as const) {
        const res = await admin.patch(`/companies/${companyId}`, body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(res.body).toMatchObject({ code: 'validation_failed', reason });
        expect(res.body.detail).toMatch(reason === 'invalid_phone' ? /telephone number/ : /e-mail address/);
      }
      // A phone longer than any the rule takes is refused by the schema, before the rule.
      expect((await admin.patch(`/companies/${companyId}`, { phone: '1'.repeat(31) })).status).toBe(400);
      expect(await getCompany(ctx.db, companyId)).toMatchObject({ phone: '+47 61 23 45 67', email: 'post@demo.no' });
      expect((await auditRows()).length).toBe(audits);
    },
    TIMEOUT,
  );

  it(
    'only an admin changes them; empty clears them, and the file falls back to the person’s e-mail and "-"',
    async () => {
      const refused = await accountant.patch(`/companies/${companyId}`, { phone: '+47 22 00 00 00' });
      expect(refused.status).toBe(403);
      expect((await getCompany(ctx.db, companyId)).phone).toBe('+47 61 23 45 67');

      const cleared = await admin.patch(`/companies/${companyId}`, { phone: '', email: null });
      expect(cleared.status).toBe(200);
      expect(await getCompany(ctx.db, companyId)).toMatchObject({ phone: null, email: null });
      const header = await saftHeader(accountant, 'cleared');
      expect(header['Contact/Telephone']).toBe('-');
      expect(header['Contact/Email']).toBe('regnskap@demo.innfri.no');
    },
    TIMEOUT,
  );
});
