import {
  AgencyApiError,
  type AgencyClient,
  type AgencyEvent,
  type CaseStatus,
  type Client,
  type SettlementLine,
  type StatementLine,
} from '@innfri/agency-client';
import { addDays, lateInterest, remittance, salaer, settlementDateFor, vatOn } from './figures.js';
import { rngFor } from './rng.js';
import { meta, n, rows, setMeta, type Q, type Store } from './store.js';

/** Statement lines the agency amends when the creditor's ledger holds less than it settled. */
const HELD = 'Hovedstol holdt tilbake';
const REMITTED = 'Til utbetaling';

export interface AgencyOptions {
  innfri: AgencyClient;
  store: Store;
  seed: number;
  /** This agency's own origin, for case links: `${publicUrl}/cases/<caseNumber>`. */
  publicUrl: string;
  log?: (message: string) => void;
}

interface InvoiceRow {
  invoice_id: string;
  client_id: string;
  invoice_number: number;
  customer_id: string | null;
  due_date: string | null;
  case_number: string | null;
  state: string;
  claim: number;
  original_claim: number;
  ledger_remaining: number;
  paid_direct: number;
  credited: number;
  written_off: number;
  collected: number;
  held: number;
  refund_due: number;
  interest_accrued: number;
  interest_from: string | null;
}
interface CaseRow {
  case_number: string;
  client_id: string;
  customer_id: string;
  customer_name: string;
  status: string;
  status_text: string | null;
  state: string;
  created_on: string;
  next_step_on: string | null;
  dispute_until: string | null;
  profile: string;
  pay_on: string | null;
  pay2_on: string | null;
  payments_done: number;
  dispute_on: string | null;
  salaer: number;
  salaer_paid: number;
  vat_due: number;
  vat_registered: boolean;
  reported: boolean;
  report_seq: number;
}

const NUMERIC_INVOICE = [
  'claim',
  'original_claim',
  'ledger_remaining',
  'paid_direct',
  'credited',
  'written_off',
  'collected',
  'held',
  'refund_due',
  'interest_accrued',
] as const;
const NUMERIC_CASE = ['salaer', 'salaer_paid', 'vat_due'] as const;
function invoiceOf(r: InvoiceRow): InvoiceRow {
  const out = { ...r };
  for (const k of NUMERIC_INVOICE) out[k] = n(r[k]);
  return out;
}
function caseOf(r: CaseRow): CaseRow {
  const out = { ...r };
  for (const k of NUMERIC_CASE) out[k] = n(r[k]);
  return out;
}

const STATUS_TEXT: Record<string, string> = {
  registered: 'Registrert',
  collection_notice: 'Inkassovarsel sendt',
  payment_demand: 'Betalingsoppfordring sendt',
  disputed: 'Innsigelse fra skyldner: inndrivingen er stanset',
  legal: 'Rettslig inndriving (forliksråd/namsmann)',
  paid: 'Betalt',
  withdrawn: 'Trukket: kravet er kreditert',
};

/**
 * The reference agency: one simulated day at a time it reads the feed, opens cases of the available
 * invoices, moves them through inkassovarsel → betalingsoppfordring → rettslig, lets (deterministic)
 * debtors dispute and pay, and settles what they pay. Everything it decides is stored first; calls to
 * Innfri are idempotent and retried from the store (settlements and statuses are outboxes).
 */
export class ReferenceAgency {
  readonly #o: AgencyOptions;
  #clients = new Map<string, Client>();
  constructor(options: AgencyOptions) {
    this.#o = options;
  }
  get store(): Store {
    return this.#o.store;
  }
  #log(m: string) {
    this.#o.log?.(m);
  }

  async lastDay(): Promise<string | undefined> {
    return meta(this.store, 'last_day');
  }

  /** Everything for simulated day `day`. */
  async runDay(day: string): Promise<void> {
    for (const c of await this.#o.innfri.listClients()) this.#clients.set(c.id, c);
    await this.syncFeed(day);
    await this.openCases(day);
    await this.advanceCases(day);
    await this.debtorsPay(day);
    await this.flushSettlements();
    await this.syncFeed(day); // our own settlements' events, and anything that raced
    await this.closeFinished(day);
    await this.flushStatuses();
    await setMeta(this.store, 'last_day', day);
  }

  // ---- the feed ---------------------------------------------------------------------------------
  async syncFeed(day: string): Promise<number> {
    const after = await meta(this.store, 'cursor');
    const feed = this.#o.innfri.events({ ...(after ? { after } : {}), limit: 1000 });
    let count = 0;
    for await (const event of feed) {
      // Write-offs booked before the hand-over still belong to the claim the agency collects.
      let priorWriteOffs = 0;
      if (event.type === 'invoice.available') {
        const items = await this.#o.innfri.matchedItems(event.clientId, event.invoiceId);
        priorWriteOffs = items.filter((i) => i.isWriteOff && !i.undone).reduce((s, i) => s + i.amount, 0);
      }
      await this.store.transaction(async (tx) => {
        const inserted = await tx.query(
          'insert into processed_events (id, type, client_id, invoice_id, amount, remaining_amount, is_write_off, sim_day) values ($1,$2,$3,$4,$5,$6,$7,$8) on conflict (id) do nothing returning id',
          [
            event.id,
            event.type,
            event.clientId,
            event.invoiceId,
            event.amount,
            event.remainingAmount,
            event.isWriteOff,
            day,
          ],
        );
        if (inserted.rows.length === 0) return; // applied before (cannot happen with the feed's guarantee; a guard)
        await this.#apply(tx, event, day, priorWriteOffs);
        await setMeta(tx, 'cursor', event.id);
      });
      count++;
    }
    return count;
  }

  async #apply(tx: Q, e: AgencyEvent, day: string, priorWriteOffs: number): Promise<void> {
    const found = (await rows<InvoiceRow>(tx, 'select * from case_invoices where invoice_id = $1', [e.invoiceId]))[0];
    const inv = found ? invoiceOf(found) : undefined;
    switch (e.type) {
      case 'invoice.available': {
        const claim = e.amount + priorWriteOffs;
        await tx.query(
          `insert into case_invoices (invoice_id, client_id, invoice_number, state, claim, original_claim, ledger_remaining, written_off)
           values ($1,$2,$3,'available',$4,$4,$5,$6)
           on conflict (invoice_id) do update set state = 'available', case_number = null, claim = $4, original_claim = $4, ledger_remaining = $5,
             written_off = $6, paid_direct = 0, credited = 0, collected = 0, held = 0, refund_due = 0, interest_accrued = 0, interest_from = null`,
          [e.invoiceId, e.clientId, e.invoiceNumber, claim, e.remainingAmount, priorWriteOffs],
        );
        return;
      }
      case 'invoice.recalled':
        if (inv) await tx.query(`update case_invoices set state = 'recalled' where invoice_id = $1`, [e.invoiceId]);
        return;
      default:
        break;
    }
    if (!inv) return;
    await this.#accrue(tx, inv, day);
    const set = (sql: string, params: unknown[]) =>
      tx.query(`update case_invoices set ${sql}, ledger_remaining = $2 where invoice_id = $1`, [
        e.invoiceId,
        e.remainingAmount,
        ...params,
      ]);
    switch (e.type) {
      case 'invoice.payment':
      case 'invoice.credit_note':
      case 'invoice.manual_match': {
        // A manual match is treated as a payment here (a real agency reviews matched-items first).
        const reduce = Math.min(inv.claim, e.amount);
        const column = e.type === 'invoice.credit_note' ? 'credited' : 'paid_direct';
        await set(`claim = claim - $3, ${column} = ${column} + $4, refund_due = refund_due + $5`, [
          reduce,
          e.amount,
          e.amount - reduce,
        ]);
        break;
      }
      case 'invoice.write_off':
        await set('written_off = written_off + $3', [e.amount]); // not a payment: keep collecting
        break;
      case 'invoice.unmatched':
        if (e.isWriteOff) await set('written_off = written_off - $3', [e.amount]);
        else await set('claim = claim + $3', [e.amount]);
        break;
      case 'invoice.settlement':
        await set('claim = claim', []);
        break;
      default:
        break; // unknown types are ignored
    }
    if (inv.case_number)
      await tx.query('update cases set reported = false where case_number = $1 and state = $2', [
        inv.case_number,
        'open',
      ]);
  }

  /** Interest accrued on the invoice's claim up to `day`. */
  async #accrue(q: Q, inv: InvoiceRow, day: string): Promise<number> {
    if (!inv.interest_from || !inv.case_number) return inv.interest_accrued;
    const more = lateInterest(inv.claim, inv.interest_from, day);
    await q.query(
      'update case_invoices set interest_accrued = interest_accrued + $2, interest_from = $3 where invoice_id = $1',
      [inv.invoice_id, more, day > inv.interest_from ? day : inv.interest_from],
    );
    return inv.interest_accrued + more;
  }

  // ---- opening cases --------------------------------------------------------------------------
  async openCases(day: string): Promise<void> {
    const pending = await rows<{ invoice_id: string; client_id: string }>(
      this.store,
      `select invoice_id, client_id from case_invoices where state = 'available'`,
    );
    if (pending.length === 0) return;
    const wanted = new Set(pending.map((p) => p.invoice_id));
    for (const clientId of new Set(pending.map((p) => p.client_id))) {
      const client = this.#clients.get(clientId);
      if (!client) continue;
      const byCustomer = new Map<
        string,
        { name: string; invoices: Array<{ id: string; dueDate: string; notice: string | undefined }> }
      >();
      for await (const invoice of this.#o.innfri.availableInvoices(clientId, { limit: 500 })) {
        if (!wanted.has(invoice.id)) continue; // its invoice.available is not read yet: next time
        const group = byCustomer.get(invoice.customer.id) ?? { name: invoice.customer.name, invoices: [] };
        group.invoices.push({
          id: invoice.id,
          dueDate: invoice.dueDate,
          notice: invoice.reminders.find((r) => r.type === 'collection_notice')?.sentDate,
        });
        byCustomer.set(invoice.customer.id, group);
      }
      for (const [customerId, group] of byCustomer)
        await this.#openOrExtend(day, client, customerId, group.name, group.invoices);
    }
  }

  async #openOrExtend(
    day: string,
    client: Client,
    customerId: string,
    customerName: string,
    invoices: Array<{ id: string; dueDate: string; notice: string | undefined }>,
  ): Promise<void> {
    const ids = invoices.map((i) => i.id);
    const existing = (
      await rows<{ case_number: string }>(
        this.store,
        `select case_number from cases where client_id = $1 and customer_id = $2 and state = 'open' and status not in ('disputed')`,
        [client.id, customerId],
      )
    )[0];
    let caseNumber: string;
    try {
      if (existing) {
        caseNumber = existing.case_number;
        await this.#o.innfri.addInvoices(client.id, caseNumber, ids);
      } else {
        const seq = Number((await meta(this.store, 'case_seq')) ?? '0') + 1;
        caseNumber = `RI-${day.slice(0, 4)}-${String(seq).padStart(6, '0')}`;
        await setMeta(this.store, 'case_seq', String(seq)); // a number is never reused, even if the call fails
        await this.#o.innfri.createCase(client.id, {
          caseNumber,
          invoiceIds: ids,
          url: `${this.#o.publicUrl}/cases/${encodeURIComponent(caseNumber)}`,
          status: 'registered',
          statusText: STATUS_TEXT.registered!,
        });
      }
    } catch (error) {
      if (
        error instanceof AgencyApiError &&
        ['invoice_not_available', 'customer_mismatch', 'case_archived'].includes(error.code)
      ) {
        this.#log(`case for ${customerName}: ${error.code}; retried next day`);
        return;
      }
      throw error;
    }
    const hadNotice = invoices.some((i) => i.notice !== undefined && i.notice <= addDays(day, -14));
    await this.store.transaction(async (tx) => {
      if (!existing) {
        const r = rngFor(this.#o.seed, caseNumber);
        const x = r();
        // Debtor behaviour: 35 % pay in full, 20 % pay in two parts, 10 % dispute (and pay later or not), 35 % never pay.
        const profile = x < 0.35 ? 'full' : x < 0.55 ? 'parts' : x < 0.65 ? 'dispute' : 'silent';
        const payOn = profile === 'silent' ? null : addDays(day, 5 + Math.floor(r() * 60));
        const pay2On = profile === 'parts' ? addDays(payOn!, 20 + Math.floor(r() * 40)) : null;
        const disputeOn = profile === 'dispute' ? addDays(day, 3 + Math.floor(r() * 20)) : null;
        await tx.query(
          `insert into cases (case_number, client_id, customer_id, customer_name, status, status_text, state, created_on, next_step_on, profile, pay_on, pay2_on, dispute_on, vat_registered, reported, history)
           values ($1,$2,$3,$4,'registered',$5,'open',$6,$6,$7,$8,$9,$10,$11,true,$12)`,
          [
            caseNumber,
            client.id,
            customerId,
            customerName,
            STATUS_TEXT.registered,
            day,
            profile,
            profile === 'dispute' ? addDays(disputeOn!, 30) : payOn,
            pay2On,
            disputeOn,
            client.vatRegistered,
            JSON.stringify([{ day, status: 'registered', text: STATUS_TEXT.registered }]),
          ],
        );
      }
      for (const i of invoices) {
        // Interest runs from the day after the due date.
        await tx.query(
          `update case_invoices set state = 'in_case', case_number = $2, customer_id = $3, due_date = $4, interest_from = $5 where invoice_id = $1`,
          [i.id, caseNumber, customerId, i.dueDate, addDays(i.dueDate, 1)],
        );
      }
      if (existing) await tx.query('update cases set reported = false where case_number = $1', [caseNumber]);
      if (!existing && hadNotice)
        await tx.query(`update cases set status = 'collection_notice', next_step_on = $2 where case_number = $1`, [
          caseNumber,
          day,
        ]);
    });
    this.#log(
      `${day} ${existing ? 'added to' : 'opened'} ${caseNumber} (${customerName}): ${invoices.length} invoice(s)`,
    );
  }

  // ---- the stages -----------------------------------------------------------------------------
  async #setStatus(
    q: Q,
    k: CaseRow,
    day: string,
    status: string,
    extra: Record<string, unknown> = {},
    text = STATUS_TEXT[status] ?? status,
  ): Promise<void> {
    const sets = Object.keys(extra).map((key, i) => `${key} = $${i + 5}`);
    await q.query(
      `update cases set status = $2, status_text = $3, reported = false, history = history || $4::jsonb${sets.length ? `, ${sets.join(', ')}` : ''} where case_number = $1`,
      [k.case_number, status, text, JSON.stringify([{ day, status, text }]), ...Object.values(extra)],
    );
  }

  async advanceCases(day: string): Promise<void> {
    for (const k of (await rows<CaseRow>(this.store, `select * from cases where state = 'open'`)).map(caseOf)) {
      await this.store.transaction(async (tx) => {
        const due = k.next_step_on !== null && k.next_step_on <= day;
        if (k.dispute_on && k.dispute_on <= day && ['collection_notice', 'payment_demand'].includes(k.status)) {
          await this.#setStatus(tx, k, day, 'disputed', { dispute_on: null, dispute_until: addDays(day, 21) });
        } else if (k.status === 'disputed' && k.dispute_until && k.dispute_until <= day) {
          await this.#setStatus(
            tx,
            k,
            day,
            'payment_demand',
            { dispute_until: null, next_step_on: addDays(day, 14) },
            'Innsigelsen er avklart: betalingsoppfordring sendt',
          );
        } else if (k.status === 'registered' && due) {
          await this.#setStatus(tx, k, day, 'collection_notice', { next_step_on: addDays(day, 14) });
        } else if (k.status === 'collection_notice' && due) {
          const principal = n(
            (
              await rows<{ s: string }>(
                tx,
                `select coalesce(sum(claim), 0) as s from case_invoices where case_number = $1 and state = 'in_case'`,
                [k.case_number],
              )
            )[0]!.s,
          );
          await this.#setStatus(tx, k, day, 'payment_demand', {
            next_step_on: addDays(day, 14),
            salaer: salaer(principal, day),
          });
        } else if (k.status === 'payment_demand' && due) {
          await this.#setStatus(tx, k, day, 'legal', { next_step_on: null });
        }
      });
    }
  }

  // ---- debtors paying the agency, and settlements ---------------------------------------------
  async debtorsPay(day: string): Promise<void> {
    const paying = (
      await rows<CaseRow>(
        this.store,
        `select * from cases where state = 'open' and status <> 'disputed' and ((pay_on is not null and pay_on <= $1 and payments_done = 0) or (pay2_on is not null and pay2_on <= $1 and payments_done = 1))`,
        [day],
      )
    ).map(caseOf);
    for (const k of paying) {
      await this.store.transaction(async (tx) => {
        const invoices = (
          await rows<InvoiceRow>(
            tx,
            `select * from case_invoices where case_number = $1 and state = 'in_case' order by due_date, invoice_number`,
            [k.case_number],
          )
        ).map(invoiceOf);
        const interest = new Map<string, number>();
        for (const i of invoices) interest.set(i.invoice_id, await this.#accrue(tx, i, day));
        const principalOwed = invoices.reduce((s, i) => s + i.claim, 0);
        const interestOwed = [...interest.values()].reduce((s, v) => s + v, 0);
        const salaerOwed = k.salaer - k.salaer_paid;
        const owed = principalOwed + interestOwed + salaerOwed;
        if (principalOwed === 0) return;
        const partial = k.profile === 'parts' && k.payments_done === 0;
        const amount = partial ? Math.max(1, Math.floor(owed * 0.4)) : owed;
        // Dekningsrekkefølge (simplified): costs (salær) first, then interest, then principal, oldest invoice first.
        let left = amount;
        const toSalaer = Math.min(left, salaerOwed);
        left -= toSalaer;
        const lines: SettlementLine[] = [];
        let interestPaid = 0;
        for (const i of invoices) {
          const take = Math.min(left, interest.get(i.invoice_id)!);
          left -= take;
          interestPaid += take;
          await tx.query('update case_invoices set interest_accrued = interest_accrued - $2 where invoice_id = $1', [
            i.invoice_id,
            take,
          ]);
        }
        let principalPaid = 0;
        for (const i of invoices) {
          const take = Math.min(left, i.claim);
          if (take === 0) continue;
          left -= take;
          principalPaid += take;
          // Principal above what is open in the creditor's ledger (written off there) cannot be settled: held.
          const settle = Math.min(
            take,
            Math.max(0, i.ledger_remaining - (await this.#pendingPrincipal(tx, i.invoice_id))),
          );
          await tx.query(
            'update case_invoices set claim = claim - $2, collected = collected + $2, held = held + $3 where invoice_id = $1',
            [i.invoice_id, take, take - settle],
          );
          if (settle > 0)
            lines.push({ caseNumber: k.case_number, invoiceId: i.invoice_id, type: 'principal', amount: settle });
        }
        const settledPrincipal = lines.reduce((s, l) => s + l.amount, 0);
        if (interestPaid > 0) lines.push({ caseNumber: k.case_number, type: 'interest', amount: interestPaid });
        // VAT on the salær: the creditor's input VAT (vat line) if VAT-registered, else part of its cost.
        const vatDue = k.vat_due + vatOn(toSalaer);
        const { vat, bankAmount } = remittance(settledPrincipal, interestPaid, vatDue);
        if (vat > 0) lines.push({ caseNumber: k.case_number, type: k.vat_registered ? 'vat' : 'cost', amount: vat });
        const seq = Number((await meta(tx, `settlement_seq:${k.client_id}`)) ?? '0') + 1;
        await setMeta(tx, `settlement_seq:${k.client_id}`, String(seq));
        const reference = `RS-${day.slice(0, 4)}-${String(seq).padStart(6, '0')}`;
        await tx.query(
          'insert into debtor_payments (case_number, paid_on, amount, salaer, interest, principal, reference) values ($1,$2,$3,$4,$5,$6,$7)',
          [k.case_number, day, amount, toSalaer, interestPaid, principalPaid, reference],
        );
        await tx.query(
          'update cases set payments_done = payments_done + 1, salaer_paid = salaer_paid + $2, vat_due = $3, reported = false where case_number = $1',
          [k.case_number, toSalaer, vatDue - vat],
        );
        if (lines.length > 0) {
          const body = {
            reference,
            settlementDate: settlementDateFor(day),
            bankAmount,
            lines,
            // The remittance statement as the creditor reads it, top to bottom (amounts in øre).
            statement: [
              { label: 'Saksnummer', text: k.case_number },
              { label: 'Innbetalt fra skyldner', amount },
              { label: 'Salær', amount: toSalaer },
              { label: 'Mva på salær', amount: vatOn(toSalaer) },
              { label: 'Forsinkelsesrente', amount: interestPaid },
              { label: 'Hovedstol', amount: principalPaid },
              { label: HELD, amount: principalPaid - settledPrincipal },
              { label: 'Mva trukket', amount: vat },
              { label: REMITTED, amount: bankAmount },
            ],
          };
          await tx.query(
            `insert into settlements (reference, client_id, case_number, body, status, bank_amount) values ($1,$2,$3,$4,'pending',$5)`,
            [reference, k.client_id, k.case_number, JSON.stringify(body), bankAmount],
          );
        }
        this.#log(
          `${day} ${k.case_number}: debtor paid kr ${(amount / 100).toFixed(2)} (salær ${toSalaer / 100}, rente ${interestPaid / 100}, hovedstol ${principalPaid / 100})`,
        );
      });
    }
  }

  async #pendingPrincipal(q: Q, invoiceId: string): Promise<number> {
    const r = await rows<{ s: string | null }>(
      q,
      `select sum((l->>'amount')::bigint) as s from settlements, jsonb_array_elements(body->'lines') l where status = 'pending' and l->>'invoiceId' = $1`,
      [invoiceId],
    );
    return n(r[0]?.s ?? 0);
  }

  /** Posts pending settlements. `overpaid` (a direct payment raced ours): that principal is held, the rest posted. */
  async flushSettlements(): Promise<void> {
    for (const s of await rows<{
      reference: string;
      client_id: string;
      body: {
        reference: string;
        settlementDate: string;
        bankAmount: number;
        lines: SettlementLine[];
        statement: StatementLine[];
      };
    }>(this.store, `select reference, client_id, body from settlements where status = 'pending' order by reference`)) {
      try {
        // Stored before the real day caught up (an older store): dated no later than today either.
        s.body.settlementDate = settlementDateFor(s.body.settlementDate);
        const posted = await this.#o.innfri.postSettlement(s.client_id, s.body);
        await this.store.query(`update settlements set status = 'posted', innfri_status = $2 where reference = $1`, [
          s.reference,
          posted.status,
        ]);
      } catch (error) {
        if (!(error instanceof AgencyApiError) || error.code !== 'overpaid') throw error;
        const invoiceId = String(error.problem?.invoiceId);
        const open = Number(error.problem?.remainingAmount ?? 0);
        const body = s.body;
        const line = body.lines.find((l) => l.type === 'principal' && l.invoiceId === invoiceId)!;
        const excess = line.amount - open;
        line.amount = open;
        body.lines = body.lines.filter((l) => l.amount > 0);
        const vat = body.lines.find((l) => l.type === 'vat' || l.type === 'cost');
        const gross = body.lines
          .filter((l) => l.type === 'principal' || l.type === 'interest')
          .reduce((t, l) => t + l.amount, 0);
        let vatBack = 0;
        if (vat && vat.amount > gross) {
          vatBack = vat.amount - gross;
          vat.amount = gross;
          body.lines = body.lines.filter((l) => l.amount > 0);
        }
        body.bankAmount = gross - (vat?.amount ?? 0);
        body.statement = body.statement.map((l) =>
          l.label === HELD
            ? { ...l, amount: (l.amount ?? 0) + excess }
            : l.label === REMITTED
              ? { ...l, amount: body.bankAmount }
              : l,
        );
        await this.store.transaction(async (tx) => {
          // The debtor paid twice (to the creditor and to us): the excess is to be refunded to the debtor.
          await tx.query('update case_invoices set refund_due = refund_due + $2 where invoice_id = $1', [
            invoiceId,
            excess,
          ]);
          await tx.query(
            'update cases set vat_due = vat_due + $2 where case_number = (select case_number from settlements where reference = $1)',
            [s.reference, vatBack],
          );
          if (body.lines.length === 0)
            await tx.query(`update settlements set status = 'void', body = $2, bank_amount = 0 where reference = $1`, [
              s.reference,
              JSON.stringify(body),
            ]);
          else
            await tx.query('update settlements set body = $2, bank_amount = $3 where reference = $1', [
              s.reference,
              JSON.stringify(body),
              body.bankAmount,
            ]);
        });
        this.#log(
          `settlement ${s.reference}: overpaid on ${invoiceId} by ${excess} øre (paid directly meanwhile); re-posted without it`,
        );
        if (body.lines.length > 0) await this.flushSettlements();
        return;
      }
    }
  }

  /** Cases with nothing left to collect: paid, or withdrawn when the creditor credited it all. */
  async closeFinished(day: string): Promise<void> {
    const done = await rows<{
      case_number: string;
      claim: string;
      held: string;
      credited: string;
      original: string;
      pending: string;
    }>(
      this.store,
      `select k.case_number, sum(i.claim) as claim, sum(i.held) as held, sum(i.credited) as credited, sum(i.original_claim) as original,
              (select count(*) from settlements s where s.case_number = k.case_number and s.status = 'pending') as pending
       from cases k join case_invoices i on i.case_number = k.case_number and i.state = 'in_case'
       where k.state = 'open' group by k.case_number`,
    );
    for (const d of done) {
      if (n(d.claim) !== 0 || n(d.held) !== 0 || n(d.pending) !== 0) continue;
      const k = caseOf(
        (await rows<CaseRow>(this.store, 'select * from cases where case_number = $1', [d.case_number]))[0]!,
      );
      const status = n(d.credited) >= n(d.original) ? 'withdrawn' : 'paid';
      await this.store.transaction(async (tx) => {
        await this.#setStatus(tx, k, day, status, { state: 'closing' });
      });
    }
  }

  /** Reports each changed case's status with its balance (claim + held principal, in øre). */
  async flushStatuses(): Promise<void> {
    for (const k of (
      await rows<CaseRow>(this.store, `select * from cases where reported = false and state in ('open', 'closing')`)
    ).map(caseOf)) {
      const balance = n(
        (
          await rows<{ s: string }>(
            this.store,
            `select coalesce(sum(claim + held), 0) as s from case_invoices where case_number = $1 and state = 'in_case'`,
            [k.case_number],
          )
        )[0]!.s,
      );
      const seq = k.report_seq + 1;
      try {
        await this.#o.innfri.postStatus(
          k.client_id,
          k.case_number,
          { status: k.status as CaseStatus, statusText: k.status_text ?? undefined, agencyBalance: balance },
          { idempotencyKey: `status:${k.client_id}:${k.case_number}:${seq}` },
        );
      } catch (error) {
        if (error instanceof AgencyApiError && error.code === 'case_archived') {
          await this.store.query(`update cases set state = 'archived', reported = true where case_number = $1`, [
            k.case_number,
          ]);
          continue;
        }
        throw error;
      }
      await this.store.query(
        `update cases set reported = true, report_seq = $2, state = case when state = 'closing' then 'archived' else state end where case_number = $1`,
        [k.case_number, seq],
      );
    }
  }
}
