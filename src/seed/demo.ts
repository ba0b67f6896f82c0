/**
 * The demo company: a plumbing firm with six months of invoicing behind it, so that the reminder
 * list, the open items and the collection workflow have something realistic to show on first start.
 *
 * It is generated in two steps: a pure, deterministic plan (customers, invoices, and what happened
 * to each invoice afterwards, from a seeded PRNG) and then the execution of that plan through the
 * ordinary services, day by day, so every voucher, match and invoice event is what the application
 * itself would have produced.
 */
import { sql } from 'kysely';
import { seedCollection } from './collection.js';
import type { Db, Trx } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { makeOrganizationNumber } from '../formats/orgnr.js';
import { createCreditNote } from '../sales/credit-note.service.js';
import { countCustomers, createCustomer, type CustomerInput } from '../sales/customer.service.js';
import { computeTotals, type LineInput } from '../sales/invoice.js';
import { countInvoices, createInvoice, getInvoiceSummary, type InvoiceSummary } from '../sales/invoice.service.js';
import type { VatRate } from '../sales/invoice.table.js';
import { registerPayment } from '../sales/payment.service.js';
import { seedDemoBankFile } from '../bank/bank-demo.js';
import { writeOffInvoice } from '../sales/write-off.service.js';
import { type Ore, ore } from '../shared/money.js';
import {
  createCompany,
  anyCompany,
  findCompanyByOrganizationNumber,
  getCompany,
  type NewCompany,
} from '../tenancy/company.service.js';
import type { Role } from '../tenancy/user.table.js';
import { companyUsers, createUser, findUserByEmail, setMembership } from '../tenancy/user.service.js';
import { createRandom, type Random } from './random.js';

export const DEMO_PASSWORD = 'innfri-demo-2026';

/** 92605137 + MOD11 check digit 7 (checked in the test). A made-up number for a made-up firm. */
export const DEMO_ORGANIZATION_NUMBER = '926051377';

const DEMO_COMPANY: NewCompany = {
  name: 'Solbakken Rør & Varme AS',
  organizationNumber: DEMO_ORGANIZATION_NUMBER,
  vatRegistered: true,
  bankAccount: '15032746184', // 1503.27.46184, valid MOD11
  kidAlgorithm: 'mod10',
  address: { line: 'Industriveien 12', postalCode: '2050', city: 'Jessheim' },
};

/** The demo's users, whose password is published ({@link DEMO_PASSWORD}). */
export const DEMO_USERS: ReadonlyArray<{ email: string; name: string; role: Role }> = [
  { email: 'admin@demo.innfri.no', name: 'Ada Admin', role: 'admin' },
  { email: 'regnskap@demo.innfri.no', name: 'Kari Regnskap', role: 'accountant' },
  { email: 'leser@demo.innfri.no', name: 'Leif Leser', role: 'viewer' },
];

/** Fixed, so the demo is the same on every machine for the same "today". */
const SEED = 0x1a2f_2026;
const PROGRESS_EVERY = 50;

export interface SeedDemoOptions {
  /** Seed only into an empty database (the first start of `serve`). */
  onlyIfEmpty: boolean;
  /** YYYY-MM-DD; defaults to today in Europe/Oslo. Nothing is dated after it. */
  today?: string;
  progress?: (message: string) => void;
  invoiceCount?: number;
}

export interface DemoSummary {
  companyId: string;
  companyName: string;
  organizationNumber: string;
  users: Array<{ email: string; role: string }>;
  customers: number;
  invoices: number;
}

/**
 * Seeds the demo company. Returns null if `onlyIfEmpty` and there is any company already; returns
 * the existing demo company's summary, untouched, if it was seeded before.
 */
export async function seedDemo(db: Db, options: SeedDemoOptions): Promise<DemoSummary | null> {
  if (options.onlyIfEmpty && (await anyCompany(db))) return null;
  const existing = await findCompanyByOrganizationNumber(db, DEMO_ORGANIZATION_NUMBER);
  if (existing) return summarize(db, existing.id);

  const today = options.today ?? osloToday();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || addDays(today, 0) !== today)
    throw new RangeError(`today must be a date YYYY-MM-DD, got ${today}`);
  const invoiceCount = options.invoiceCount ?? 300;
  if (!Number.isSafeInteger(invoiceCount) || invoiceCount < 0)
    throw new RangeError(`invoiceCount must be a whole number >= 0, got ${invoiceCount}`);
  const progress = options.progress ?? (() => {});
  const plan = planDemo(createRandom(SEED), today, invoiceCount);

  // Everything in one transaction: a run interrupted anywhere (killed, a crash, an error) leaves no
  // demo at all, and the next start seeds it whole. (It once committed day by day, and a kill left a
  // demo company with a third of its invoices and no agency, which every later start took as done.)
  //
  // Several servers starting at once on one database each find it empty above: the first to take
  // the advisory lock seeds, and the others, let in after its commit, look again and find its work.
  const outcome = await inTransaction(db, async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('innfri.seed-demo:' || current_schema()))`.execute(trx);
    if (options.onlyIfEmpty && (await anyCompany(trx))) return { companyId: null };
    const found = await findCompanyByOrganizationNumber(trx, DEMO_ORGANIZATION_NUMBER);
    if (found) return { companyId: found.id };
    const setup = await createCompanyUsersAndCustomers(trx, plan.customers);
    progress(`company ${DEMO_COMPANY.name}, ${DEMO_USERS.length} users, ${plan.customers.length} customers`);
    await runEvents(trx, setup, plan, progress);
    await seedCollection(trx, setup.companyId, today, progress);
    // yesterday's camt.054 (bank/bank-demo.ts), after the collection so it lands on invoices not yet due
    await seedDemoBankFile(trx, setup.companyId, today);
    return { companyId: setup.companyId };
  });
  if (outcome.companyId === null) return null;
  return summarize(db, outcome.companyId);
}

// ---------------------------------------------------------------------------------------------
// The plan: pure data, from the PRNG and "today" only.

interface InvoicePlan {
  customer: number;
  issueDate: string;
  dueDate: string;
  description: string;
  lines: LineInput[];
}

/** Something that happens on a date; executed in date order, `kind` order within a day. */
type SeedEvent =
  | { date: string; kind: 'invoice'; invoice: number }
  | { date: string; kind: 'credit'; invoice: number; reason: string; lines?: LineInput[] }
  | { date: string; kind: 'prepayment'; customer: number; amount: Ore; reference: string }
  /** `rest`: whatever is open when the payment comes (after a partial credit note). */
  | { date: string; kind: 'payment'; invoice: number; amount: Ore | 'rest' }
  | { date: string; kind: 'write-off'; invoice: number; reason: string };

const KIND_ORDER: Record<SeedEvent['kind'], number> = {
  invoice: 0,
  credit: 1,
  prepayment: 2,
  payment: 3,
  'write-off': 4,
};

interface DemoPlan {
  customers: CustomerInput[];
  invoices: InvoicePlan[];
  events: SeedEvent[];
}

function planDemo(random: Random, today: string, invoiceCount: number): DemoPlan {
  const customers = planCustomers(random);
  // Companies (housing co-ops, offices) order more often than households.
  const customerWeights = customers.map((c, i) => [i, c.type === 'company' ? 3 : 1] as const);
  const from = addDays(today, -182); // about six months
  const span = daysBetween(from, today);

  const invoices: InvoicePlan[] = Array.from({ length: invoiceCount }, () => {
    const customer = random.weighted(customerWeights);
    const issueDate = previousWeekday(addDays(from, random.int(0, span)));
    const isCompany = customers[customer]!.type === 'company';
    const job = random.weighted(JOBS.filter((j) => isCompany || !j.companiesOnly).map((j) => [j, j.weight] as const));
    return {
      customer,
      issueDate,
      // Business customers often have 30 days' credit; households get the usual 14.
      dueDate: addDays(issueDate, random.chance(isCompany ? 0.4 : 0.1) ? 30 : 14),
      description: job.title,
      lines: job.lines(random, isCompany),
    };
  });
  // Numbered in date order, as a real firm's invoices would be.
  invoices.sort((a, b) => a.issueDate.localeCompare(b.issueDate));

  const overpayers = new Set(
    random.sample(
      customers.map((_, i) => i),
      3,
    ),
  );
  const events: SeedEvent[] = invoices.flatMap((invoice, i) => [
    { date: invoice.issueDate, kind: 'invoice' as const, invoice: i },
    ...planOutcome(random, invoice, i, today, overpayers),
  ]);
  // Two customers pay in advance for a bigger job (a customer credit with no invoice yet).
  for (const [n, customer] of random
    .sample(
      customers.map((_, i) => i),
      2,
    )
    .entries()) {
    events.push({
      date: nextWeekday(addDays(today, -random.int(5, 60))),
      kind: 'prepayment',
      customer,
      amount: ore(n === 0 ? 500_000 : 1_250_000),
      reference: 'Forskudd baderomsrenovering',
    });
  }
  events.sort(
    (a, b) =>
      a.date.localeCompare(b.date) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || eventInvoice(a) - eventInvoice(b),
  );
  return { customers, invoices, events };
}

function eventInvoice(e: SeedEvent): number {
  return e.kind === 'prepayment' ? -1 : e.invoice;
}

type Outcome = 'paid' | 'partly-paid' | 'credited' | 'partly-credited' | 'written-off' | 'open';

/** Roughly per cent. Only claims long past due are written off, so the old half of the invoices takes all of those. */
function outcomeWeights(overdueDays: number): ReadonlyArray<readonly [Outcome, number]> {
  return [
    ['paid', 55],
    ['partly-paid', 10],
    ['credited', 4],
    ['partly-credited', 4],
    ['written-off', overdueDays >= 75 ? 4 : 0],
    ['open', 25],
  ];
}

/** What happens to one invoice after it is issued. Anything that would fall after today has not happened yet. */
function planOutcome(
  random: Random,
  invoice: InvoicePlan,
  index: number,
  today: string,
  overpayers: Set<number>,
): SeedEvent[] {
  const total = computeTotals(invoice.lines).totalAmount;
  const overdueDays = daysBetween(invoice.dueDate, today);
  let outcome = random.weighted(outcomeWeights(overdueDays));
  // Claims this old are rarely still untouched.
  if (outcome === 'open' && overdueDays > 150) outcome = 'paid';

  // Banks book payments on weekdays; and what would come after today has not happened yet.
  const notAfterToday = (events: SeedEvent[]) =>
    events.map((e) => ({ ...e, date: nextWeekday(e.date) })).filter((e) => e.date <= today);
  const paymentDate = () => {
    const dueIn = daysBetween(invoice.issueDate, invoice.dueDate);
    // Most pay close to the due date, some early, some a few weeks late.
    const when = random.weighted([
      ['early', 30],
      ['on time', 45],
      ['late', 25],
    ] as const);
    const offset =
      when === 'early'
        ? random.int(1, dueIn - 4)
        : when === 'on time'
          ? random.int(dueIn - 3, dueIn)
          : random.int(dueIn + 1, dueIn + 25);
    return addDays(invoice.issueDate, offset);
  };
  // Credit notes follow a complaint within a few weeks; one that would come later is dated today.
  const creditDate = () => minDate(nextWeekday(addDays(invoice.issueDate, random.int(1, 20))), today);

  switch (outcome) {
    case 'paid': {
      let amount = total;
      if (overpayers.delete(invoice.customer)) amount = ore(Math.ceil((total + 1) / 100_000) * 100_000); // rounded up to whole thousands
      return notAfterToday([{ date: paymentDate(), kind: 'payment', invoice: index, amount }]);
    }
    case 'partly-paid': {
      const amount = Math.floor((total * random.int(20, 80)) / 100 / 10_000) * 10_000; // whole hundreds of kroner
      return amount > 0 && amount < total
        ? notAfterToday([{ date: paymentDate(), kind: 'payment', invoice: index, amount: ore(amount) }])
        : [];
    }
    case 'credited':
      return [{ date: creditDate(), kind: 'credit', invoice: index, reason: random.pick(FULL_CREDIT_REASONS) }];
    case 'partly-credited': {
      const credit: SeedEvent = {
        date: creditDate(),
        kind: 'credit',
        invoice: index,
        reason: 'Prisavslag etter reklamasjon',
        lines: [discountLine(random, invoice.lines)],
      };
      // Most customers then pay what is left.
      const rest: SeedEvent[] = random.chance(0.6)
        ? [{ date: addDays(credit.date, random.int(1, 20)), kind: 'payment', invoice: index, amount: 'rest' }]
        : [];
      return notAfterToday([credit, ...rest]);
    }
    case 'written-off':
      return notAfterToday([
        {
          date: addDays(invoice.dueDate, random.int(60, Math.min(120, overdueDays))),
          kind: 'write-off',
          invoice: index,
          reason: random.pick(WRITE_OFF_REASONS),
        },
      ]);
    case 'open':
      return [];
  }
}

/** A discount of 10–50 % of the first VAT rate's base, as one credit-note line (never more than that base). */
function discountLine(random: Random, lines: LineInput[]): LineInput {
  const first = computeTotals(lines).vatBreakdown[0]!;
  const share = random.pick([10, 20, 25, 50]);
  const unitPrice = Math.max(100, Math.floor((first.netAmount * share) / 100 / 100) * 100);
  return {
    description: `Avslag ${share} % etter reklamasjon`,
    quantity: 1,
    unitPrice: ore(Math.min(unitPrice, first.netAmount)),
    vatRate: first.rate,
  };
}

const FULL_CREDIT_REASONS = [
  'Feilfakturert, arbeidet dekkes av garanti',
  'Dobbeltfakturert',
  'Feil kunde fakturert',
  'Oppdraget kansellert',
];
const WRITE_OFF_REASONS = ['Kunden er konkurs', 'Dødsbo uten midler', 'Kunden er ikke søkegod'];

// ---------------------------------------------------------------------------------------------
// Customers.

const COMPANY_CUSTOMERS = [
  'Borettslaget Solsiden',
  'Sameiet Kløftahøgda',
  'Gardermoen Eiendom AS',
  'Hansen Bygg & Tømrer AS',
  'Råholt Tannklinikk AS',
  'Kafé Lindebakken AS',
  'Eidsvoll Barnehage SA',
  'Brødrene Nygård Entreprenør AS',
  'Nannestad Legesenter AS',
  'Lillestrøm Kontorfellesskap AS',
  'Borettslaget Furulunden',
  'Strømmen Frisør AS',
  'Vestby Regnskap AS',
  'Årnes Hotell og Kro AS',
  'Romerike Eiendomsforvaltning AS',
];
const FIRST_NAMES = [
  'Kari',
  'Ola',
  'Ingrid',
  'Lars',
  'Sigrid',
  'Magnus',
  'Nora',
  'Henrik',
  'Astrid',
  'Eirik',
  'Marit',
  'Jonas',
  'Solveig',
  'Anders',
  'Hanne',
  'Øystein',
  'Åse',
  'Bjørn',
  'Liv',
  'Terje',
];
const LAST_NAMES = [
  'Hansen',
  'Johansen',
  'Olsen',
  'Larsen',
  'Andersen',
  'Pedersen',
  'Nilsen',
  'Kristiansen',
  'Berg',
  'Haugen',
  'Hagen',
  'Bakke',
  'Solberg',
  'Strand',
  'Lie',
  'Dahl',
  'Moen',
  'Sæther',
  'Fjeld',
  'Nygård',
];
const STREETS = [
  'Storgata',
  'Kirkegata',
  'Skolegata',
  'Fjordveien',
  'Bjørkeveien',
  'Granveien',
  'Furuveien',
  'Strandveien',
  'Løkkeveien',
  'Eikelunden',
  'Åsveien',
  'Markveien',
  'Trondheimsvegen',
  'Jessheimvegen',
  'Hovinveien',
];
// Around the firm's own town: a plumber's customers are local.
const PLACES: ReadonlyArray<readonly [string, string]> = [
  ['2050', 'Jessheim'],
  ['2040', 'Kløfta'],
  ['2000', 'Lillestrøm'],
  ['2010', 'Strømmen'],
  ['2060', 'Gardermoen'],
  ['2070', 'Råholt'],
  ['2080', 'Eidsvoll'],
  ['2150', 'Årnes'],
  ['1470', 'Lørenskog'],
  ['2016', 'Frogner'],
  ['2020', 'Skedsmokorset'],
  ['2030', 'Nannestad'],
  ['2022', 'Gjerdrum'],
];
const COMPANY_CUSTOMER_COUNT = COMPANY_CUSTOMERS.length;
const PERSON_CUSTOMER_COUNT = 25;

function planCustomers(random: Random): CustomerInput[] {
  const address = () => {
    const [postalCode, city] = random.pick(PLACES);
    return {
      line: `${random.pick(STREETS)} ${random.int(1, 80)}${random.chance(0.2) ? random.pick(['A', 'B', 'C']) : ''}`,
      postalCode,
      city,
    };
  };
  const orgnrs = new Set<string>([DEMO_ORGANIZATION_NUMBER]);
  const companies: CustomerInput[] = COMPANY_CUSTOMERS.slice(0, COMPANY_CUSTOMER_COUNT).map((name) => ({
    type: 'company',
    name,
    organizationNumber: uniqueOrganizationNumber(random, orgnrs),
    address: address(),
    email: `faktura@${slug(name)}.example.com`, // reserved domain: the demo never mails anyone real
  }));
  const names = random.sample(
    FIRST_NAMES.flatMap((first) => LAST_NAMES.map((last) => [first, last] as const)),
    PERSON_CUSTOMER_COUNT,
  );
  const persons: CustomerInput[] = names.map(([first, last]) => ({
    type: 'person',
    name: `${first} ${last}`,
    birthDate: `${random.int(1945, 2002)}-${pad2(random.int(1, 12))}-${pad2(random.int(1, 28))}`,
    address: address(),
    email: `${slug(first)}.${slug(last)}@example.com`,
  }));
  // Mixed, so customer numbers do not run companies first; two are «not to collection»
  // (a long-standing customer and a disputed one), to show that flag on the reminder list.
  const all = random.sample([...companies, ...persons], companies.length + persons.length);
  for (const c of random.sample(all, 2)) c.notToCollection = true;
  return all;
}

function uniqueOrganizationNumber(random: Random, taken: Set<string>): string {
  for (;;) {
    const orgnr = makeOrganizationNumber(`9${random.int(0, 9_999_999).toString().padStart(7, '0')}`);
    if (orgnr && !taken.has(orgnr)) {
      taken.add(orgnr);
      return orgnr;
    }
  }
}

function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .replace(/&/g, 'og')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

// ---------------------------------------------------------------------------------------------
// Invoice lines: what a plumbing firm bills.

const HOURLY_RATE = 89_500; // øre, 895 kr an hour

interface Material {
  description: string;
  /** Kroner, a range (rounded to tens) or a fixed price. */
  price: number | readonly [number, number];
  /** Quantity range and step; a single unit when omitted. */
  quantity?: readonly [number, number, number];
  vatRate?: VatRate;
}

interface Job {
  title: string;
  weight: number;
  companiesOnly?: boolean;
  lines(random: Random, isCompany: boolean): LineInput[];
}

const TRAVEL: Material = { description: 'Kjøretillegg', price: 450 };
const PEX: Material = { description: 'PEX-rør 15 mm, per meter', price: 42.5, quantity: [3, 25, 0.5] };
const LEAK_GUARD: Material = { description: 'Vannstoppventil med lekkasjeføler', price: [2490, 3490] };
const CALL_OUT: Material = { description: 'Utrykning kveld/helg', price: 1450 };
// Out-of-town jobs for business customers: accommodation is billed on at 12 % VAT.
const HOTEL: Material = { description: 'Overnatting montør, hotell', price: 1290, quantity: [1, 2, 1], vatRate: 12 };

function material(random: Random, m: Material): LineInput {
  const kroner = typeof m.price === 'number' ? m.price : Math.round(random.int(m.price[0], m.price[1]) / 10) * 10;
  const [min, max, step] = m.quantity ?? [1, 1, 1];
  return {
    description: m.description,
    quantity: min + step * random.int(0, Math.round((max - min) / step)),
    unitPrice: ore(Math.round(kroner * 100)),
    vatRate: m.vatRate ?? 25,
  };
}

/** Hours in half hours (2.5 h), as the time sheets have them. */
function labour(random: Random, [min, max]: readonly [number, number]): LineInput {
  return {
    description: 'Rørleggerarbeid',
    quantity: min + 0.5 * random.int(0, (max - min) * 2),
    unitPrice: ore(HOURLY_RATE),
    vatRate: 25,
  };
}

/** A job billed as hours plus up to three of its usual materials: 1–4 lines. */
function job(title: string, weight: number, hours: readonly [number, number], materials: Material[]): Job {
  return {
    title,
    weight,
    lines: (random, isCompany) => {
      const extras = random
        .sample(materials, random.int(0, Math.min(3, materials.length)))
        .map((m) => material(random, m));
      if (isCompany && extras.length < 3 && random.chance(0.08)) extras.push(material(random, HOTEL));
      return [labour(random, hours), ...extras];
    },
  };
}

const JOBS: Job[] = [
  job(
    'Reparasjon av lekkasje',
    14,
    [1, 5],
    [
      { description: 'Rørdeler og koblinger', price: [150, 1200] },
      { description: 'Fuktmåling og dokumentasjon', price: 950 },
      PEX,
      TRAVEL,
    ],
  ),
  job(
    'Bytte av blandebatteri',
    12,
    [1, 3],
    [
      { description: 'Blandebatteri, kjøkken', price: [1490, 3990] },
      { description: 'Blandebatteri, servant', price: [1290, 2990] },
      TRAVEL,
    ],
  ),
  job(
    'Service på varmtvannsbereder',
    10,
    [1, 2.5],
    [
      { description: 'Sikkerhetsventil', price: [390, 690] },
      { description: 'Termostat til bereder', price: [690, 1290] },
      TRAVEL,
    ],
  ),
  job(
    'Ny varmtvannsbereder 200 l',
    6,
    [3, 6],
    [
      { description: 'Varmtvannsbereder 200 l', price: [11900, 15900] },
      LEAK_GUARD,
      { description: 'Bortkjøring og avfallshåndtering', price: [390, 790] },
    ],
  ),
  job(
    'Baderomsrenovering, rørleggerarbeid',
    4,
    [12, 40],
    [
      { description: 'Vegghengt toalett med sisterne', price: [6990, 11990] },
      { description: 'Servant med skap', price: [4990, 12990] },
      { description: 'Dusjgarnityr', price: [1990, 5990] },
      { description: 'Sluk og membranmansjett', price: [1490, 2990] },
      // Paid to the municipality in the customer's name and passed on as an outlay: no VAT.
      { description: 'Utlegg: kommunalt gebyr, sanitærmelding', price: [1800, 3600], vatRate: 0 },
      PEX,
    ],
  ),
  job(
    'Tining av frosne rør',
    5,
    [1.5, 6],
    [
      CALL_OUT,
      { description: 'Varmekabel for rør', price: [590, 1490], quantity: [1, 3, 1] },
      { description: 'Rørisolasjon, per meter', price: 39.9, quantity: [2, 15, 0.5] },
    ],
  ),
  job(
    'Montering av oppvaskmaskin',
    8,
    [1, 2.5],
    [{ description: 'Oppvaskmaskinventil', price: [290, 590] }, LEAK_GUARD, TRAVEL],
  ),
  job(
    'Tett avløp, stakeoppdrag',
    8,
    [1, 4],
    [
      { description: 'Spyling av avløp med høytrykk', price: [1900, 3900] },
      { description: 'Rørinspeksjon med kamera', price: [2490, 4490] },
      CALL_OUT,
    ],
  ),
  {
    ...job(
      'Årlig service, varmeanlegg',
      6,
      [4, 16],
      [
        { description: 'Filter og pakninger', price: [390, 1490] },
        { description: 'Ekspansjonskar', price: [1990, 4990] },
        { description: 'Sirkulasjonspumpe', price: [3490, 7990] },
      ],
    ),
    companiesOnly: true,
  },
  {
    // Courses are exempt from VAT (0 %); the lunch served is food (15 %).
    title: 'Kurs: forebygging av vannskader',
    weight: 2,
    companiesOnly: true,
    lines: (random) => {
      const participants = random.int(4, 15);
      return [
        {
          description: 'Kursavgift per deltaker (unntatt mva)',
          quantity: participants,
          unitPrice: ore(195_000),
          vatRate: 0,
        },
        { description: 'Lunsj og servering', quantity: participants, unitPrice: ore(18_900), vatRate: 15 },
        { description: 'Kursmateriell', quantity: participants, unitPrice: ore(15_000), vatRate: 25 },
      ];
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Execution.

interface Setup {
  companyId: string;
  /** The accountant: the one who would have entered all this. */
  userId: string;
  customerIds: string[];
}

async function createCompanyUsersAndCustomers(trx: Trx, customers: CustomerInput[]): Promise<Setup> {
  const company = await createCompany(trx, DEMO_COMPANY, null);
  const userIds = new Map<Role, string>();
  for (const u of DEMO_USERS) {
    // The users may be members of another company already: reuse them (and keep their password).
    const user =
      (await findUserByEmail(trx, u.email)) ??
      (await createUser(trx, { email: u.email, name: u.name, password: DEMO_PASSWORD }));
    await setMembership(trx, company.id, user.id, u.role);
    userIds.set(u.role, user.id);
  }
  const customerIds: string[] = [];
  for (const c of customers) customerIds.push((await createCustomer(trx, company.id, c)).id);
  return { companyId: company.id, userId: userIds.get('accountant')!, customerIds };
}

/** Day by day of business, in date order, so voucher numbers follow the dates (in the seed's one transaction). */
async function runEvents(trx: Trx, setup: Setup, plan: DemoPlan, progress: (message: string) => void): Promise<void> {
  const created = new Map<number, InvoiceSummary>();
  const total = plan.invoices.length;
  let nextReport = Math.min(PROGRESS_EVERY, total);
  const invoiceOf = (i: number) => created.get(i)!;
  for (const day of groupByDate(plan.events)) {
    for (const event of day) await applyEvent(trx, setup, plan, event, invoiceOf, created);
    if (created.size >= nextReport) {
      progress(`invoices ${created.size}/${total}`);
      nextReport =
        created.size === total
          ? Infinity
          : Math.min((Math.floor(created.size / PROGRESS_EVERY) + 1) * PROGRESS_EVERY, total);
    }
  }
}

async function applyEvent(
  trx: Trx,
  setup: Setup,
  plan: DemoPlan,
  event: SeedEvent,
  invoiceOf: (i: number) => InvoiceSummary,
  fresh: Map<number, InvoiceSummary>,
): Promise<void> {
  const { companyId, userId } = setup;
  switch (event.kind) {
    case 'invoice': {
      const p = plan.invoices[event.invoice]!;
      const input = {
        customerId: setup.customerIds[p.customer]!,
        issueDate: p.issueDate,
        dueDate: p.dueDate,
        description: p.description,
        lines: p.lines,
      };
      fresh.set(event.invoice, await createInvoice(trx, companyId, input, userId));
      return;
    }
    case 'payment': {
      const invoice = invoiceOf(event.invoice);
      const amount =
        event.amount === 'rest' ? (await getInvoiceSummary(trx, companyId, invoice.id)).openAmount : event.amount;
      if (amount > 0)
        await registerPayment(trx, companyId, { kid: invoice.kid, amount, paymentDate: event.date }, userId);
      return;
    }
    case 'credit':
      await createCreditNote(
        trx,
        companyId,
        invoiceOf(event.invoice).id,
        { issueDate: event.date, reason: event.reason, lines: event.lines, fees: 'write_off' },
        userId,
      );
      return;
    case 'write-off':
      await writeOffInvoice(
        trx,
        companyId,
        invoiceOf(event.invoice).id,
        { date: event.date, reason: event.reason },
        userId,
      );
      return;
    case 'prepayment':
      await registerPayment(
        trx,
        companyId,
        {
          customerId: setup.customerIds[event.customer]!,
          amount: event.amount,
          paymentDate: event.date,
          reference: event.reference,
        },
        userId,
      );
      return;
  }
}

function groupByDate(events: SeedEvent[]): SeedEvent[][] {
  const days: SeedEvent[][] = [];
  for (const e of events) {
    const last = days.at(-1);
    if (last && last[0]!.date === e.date) last.push(e);
    else days.push([e]);
  }
  return days;
}

async function summarize(db: Db, companyId: string): Promise<DemoSummary> {
  const company = await getCompany(db, companyId);
  const users = await companyUsers(db, companyId);
  const customers = await countCustomers(db, companyId);
  const invoices = await countInvoices(db, companyId);
  return {
    companyId,
    companyName: company.name,
    organizationNumber: company.organizationNumber,
    users: users.map((u) => ({ email: u.email, role: u.role })),
    customers,
    invoices,
  };
}

// ---------------------------------------------------------------------------------------------
// Dates, as YYYY-MM-DD strings (calendar days, no time zone once "today" is known).

/** Today in Norway: the server may run in UTC, and just after midnight it is already tomorrow here. */
function osloToday(now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'Europe/Oslo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

const DAY_MS = 86_400_000;

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Saturday and Sunday move to the Monday after. */
function nextWeekday(date: string): string {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 6 ? addDays(date, 2) : day === 0 ? addDays(date, 1) : date;
}

/** Saturday and Sunday move to the Friday before. */
function previousWeekday(date: string): string {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 6 ? addDays(date, -1) : day === 0 ? addDays(date, -2) : date;
}

function minDate(a: string, b: string): string {
  return a <= b ? a : b;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
