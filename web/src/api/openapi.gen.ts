/* Generated from the accountant API's OpenAPI document by test/browser/api-types.ts: do not edit. Regenerate with `npm run gen:web-api`. */
export interface paths {
    "/companies/{companyId}/reminder-list/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The whole reminder list as CSV or XLSX (same order and filters as the list) */
        get: operations["exportReminderList"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/handovers/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A handover list (draft, approved, in cases, ended) as CSV or XLSX */
        get: operations["exportHandovers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/cases/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Cases (open, archived or all) as CSV or XLSX */
        get: operations["exportCases"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/settlements/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Settlements as CSV or XLSX */
        get: operations["exportSettlements"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/open-items/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The open items (every entry with includeClosed) as CSV or XLSX */
        get: operations["exportOpenItems"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/payments/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The payments as CSV or XLSX, newest first */
        get: operations["exportPayments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in; sets the session cookie and returns the CSRF token for writes. After 10 failed sign-ins for an e-mail (or 50 from one address) in 15 minutes: 429 with Retry-After */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user, companies and CSRF token */
        get: operations["getSession"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/session/state": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether this browser is signed in: the session as GET /auth/session gives it, or null (200 either way, so a sign-in page does not start with a 401) */
        get: operations["getSessionState"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out (ends the session) */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The companies the user is a member of, with the user's role */
        get: operations["listCompanies"];
        put?: never;
        /** Create a company (with the NS 4102 accounts); the creator becomes its admin */
        post: operations["createCompany"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A company and its settings */
        get: operations["getCompany"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change settings and the accounts posted to (admin) */
        patch: operations["updateCompany"];
        trace?: never;
    };
    "/companies/{companyId}/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The chart of accounts */
        get: operations["listAccounts"];
        put?: never;
        /** Add an account to the chart (admin) */
        post: operations["createAccount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/account-groupings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Each account's SAF-T grouping (næringsspesifikasjon): the company's own or the NS 4102 default */
        get: operations["listAccountGroupings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/grouping-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The næringsspesifikasjon code list (SAF-T GroupingCategory / GroupingCode) an account can be mapped to */
        get: operations["listGroupingCodes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/accounts/{number}/grouping": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set an account's SAF-T grouping; null goes back to the NS 4102 default (admin) */
        put: operations["setAccountGrouping"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The company's users and roles (admin) */
        get: operations["listUsers"];
        put?: never;
        /** Give a user a role in the company, creating the user if the e-mail is new (admin) */
        post: operations["setUserRole"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Customers by number */
        get: operations["listCustomers"];
        put?: never;
        /** Create a customer */
        post: operations["createCustomer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/customers/{customerId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One customer */
        get: operations["getCustomer"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a customer (incl. «not to collection») */
        patch: operations["updateCustomer"];
        trace?: never;
    };
    "/companies/{companyId}/invoices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Invoices, newest first */
        get: operations["listInvoices"];
        put?: never;
        /** Issue and post an invoice (Dr 1500, Cr sales per VAT rate, Cr output VAT) */
        post: operations["createInvoice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/invoices/{invoiceId}/credit-notes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Credit an invoice fully or in part */
        post: operations["createCreditNote"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/credit-notes/{creditNoteId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A credit note */
        get: operations["getCreditNote"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/invoices/{invoiceId}/write-off": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** «Avskriv»: write off the open amount (all or part) as a loss */
        post: operations["writeOffInvoice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Payments, newest first (by payment date, then registration), paged by cursor */
        get: operations["listPayments"];
        put?: never;
        /** Register an incoming payment by KID, by invoice or on a customer */
        post: operations["registerPayment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/payments/{paymentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A payment */
        get: operations["getPayment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/invoices/{invoiceId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An invoice with lines, matched entries, credit notes and events */
        get: operations["getInvoice"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/vouchers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The voucher journal (bilagsjournal), newest first */
        get: operations["listVouchers"];
        put?: never;
        /** Post a manual voucher (must balance) */
        post: operations["createManualVoucher"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/vouchers/{voucherId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A voucher with its postings */
        get: operations["getVoucher"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/vouchers/{voucherId}/reverse": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reverse a voucher with an opposite one (vouchers are never changed) */
        post: operations["reverseVoucher"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/open-items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Open items (åpne poster), oldest first; every entry with includeClosed */
        get: operations["listOpenItems"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/entries/{entryId}/matches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every match on an entry, undone ones too */
        get: operations["listEntryMatches"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/matches/{matchId}/unmatch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Undo a match (recorded, never deleted) */
        post: operations["unmatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/account-balances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Balance per account (trial balance), optionally up to a date */
        get: operations["listAccountBalances"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/invoice-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What happened to the company's invoices, in commit order */
        get: operations["listInvoiceEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/matches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Match a credit entry against a debit entry of the same customer */
        post: operations["createMatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/matches/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The warnings a match would answer (an invoice with an agency), without storing anything */
        post: operations["previewMatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/dunning-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Reminder settings */
        get: operations["getDunningSettings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change reminder settings (admin); a fixed fee may not exceed the legal cap */
        patch: operations["updateDunningSettings"];
        trace?: never;
    };
    "/companies/{companyId}/reminder-list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The reminder list (purreliste): overdue invoices not with an agency, with next actions */
        get: operations["getReminderList"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/invoices/{invoiceId}/dunning": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An invoice's reminders, decisions and next action */
        get: operations["getInvoiceDunning"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/invoices/{invoiceId}/next-action": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Override the next action (or «Vent» until a date); null lets the list compute it */
        post: operations["setNextAction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/invoices/{invoiceId}/dispute": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record that the customer disputes the invoice (or no longer does) */
        post: operations["setDispute"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/invoices/{invoiceId}/letters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a reminder or a collection notice (posts its fee) */
        post: operations["sendLetter"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/legal-rates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The dated legal figures: inkassosats and late-payment interest */
        get: operations["listLegalRates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/reminder-list/actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Carry out an action on many invoices; each succeeds or fails on its own */
        post: operations["applyReminderListActions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/daily-run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run today's daily run now (admin); a second run the same day does nothing */
        post: operations["runDailyRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/handovers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The draft list (utkast), the approved list (godkjent), invoices in cases, or ended handovers */
        get: operations["listHandovers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/cases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Collection cases: «Åpne» (open) or «Arkivert» (archived), with status, link, invoices and history */
        get: operations["listCases"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/cases/{caseId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One case with its invoices, history, money and the settlements (with remittance statements) that name it */
        get: operations["getCase"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/handovers/counts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Count and open amount per handover state */
        get: operations["getHandoverCounts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/invoices/{invoiceId}/collection": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send to collection: onto the draft list for an agency (or straight to approved with auto-approval) */
        post: operations["sendToCollection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/handovers/{handoverId}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve a draft: the agency can now fetch the invoice */
        post: operations["approveHandover"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/handovers/{handoverId}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject a draft or recall an approved invoice: back to the reminder list with «Vent» */
        post: operations["rejectHandover"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/handovers/decisions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve or reject many handovers at once (Utkast), or recall many (Godkjent); each succeeds or fails on its own. With an Idempotency-Key a retry gets the first answer and changes nothing */
        post: operations["decideHandovers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/agencies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Collection agencies and whether the company uses them */
        get: operations["listAgencies"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/agencies/{agencyId}/activation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Activate or deactivate an agency for the company, and choose the default (admin) */
        put: operations["setAgencyActivation"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/invoices/{invoiceId}/pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The invoice as a PDF */
        get: operations["getInvoicePdf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/letters/{letterId}/pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A reminder or collection notice as the PDF that was sent */
        get: operations["getLetterPdf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/settlements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Settlements from agencies, newest first; pending ones wait for approval */
        get: operations["listSettlements"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/settlements/{settlementId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A settlement with its statement, and the voucher it posted (number and postings) */
        get: operations["getSettlement"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/settlements/{settlementId}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The voucher a pending settlement would post (nothing is written) */
        get: operations["previewSettlement"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/settlements/{settlementId}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve a pending settlement: it is posted */
        post: operations["approveSettlement"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/settlements/{settlementId}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject a pending settlement (the agency sees it rejected) */
        post: operations["rejectSettlement"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/cases/{caseId}/money": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A case's money from the ledger, beside the agency's balance */
        get: operations["getCaseMoney"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Aged receivables, the collection funnel and what agencies recovered per month */
        get: operations["getOverview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/inbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** «Til behandling»: what waits for a decision (disputes, agencies’ returns, settlements to approve, …) */
        get: operations["getInbox"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/customers/{customerId}/statement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Account statement (kontoutskrift): opening balance, the entries of the period with the running balance, closing balance */
        get: operations["getCustomerStatement"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/customers/{customerId}/statement/pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The account statement (kontoutskrift) as PDF */
        get: operations["getCustomerStatementPdf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/period-lock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The company's locked period (null: the books are open) */
        get: operations["getPeriodLock"];
        /** Lock the books up to and including a date (admin). The lock only moves forward: an earlier date is 422 lock_backwards (unlock instead); not after today */
        put: operations["lockPeriod"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/period-lock/unlock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reopen locked books (admin, recorded in the audit trail): back to an earlier lock date, or fully with lockedTo null */
        post: operations["unlockPeriod"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/audit-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The company's audit trail, newest first (admin): who did what, when and from where */
        get: operations["listAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/bank-imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Bank imports, newest first */
        get: operations["listBankImports"];
        put?: never;
        /**
         * Import a bank file (camt.053, camt.054, OCR giro): its incoming payments booked and matched
         * @description The file is read whole first: a file that cannot be read is refused (422 `validation_failed`, reason `bank_file_invalid`, naming the line and element) and nothing is stored. Then each credit to the company's account is matched — by KID, by an invoice number in the text, by the exact open amount of one customer named as payer — and booked as a payment, or left in the unmatched queue. Idempotent by the file's content: the same file again answers 200 with its import (and finishes booking it if an earlier attempt was interrupted); each bank entry is booked once, whatever files it comes in.
         */
        post: operations["importBankFile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/bank-imports/{importId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A bank import with its summary */
        get: operations["getBankImport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/bank-imports/{importId}/entries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An import's entries in file order, with what became of each */
        get: operations["listBankImportEntries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/bank-entries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Bank entries by state, oldest booking date first — by default the unmatched queue */
        get: operations["listBankEntries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/bank-entries/{entryId}/accept-reversal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept an offered reversal: the voucher of the entry it takes back is reversed on the bank date
         * @description Once only: the entry must be `reversal_offered`; a payment's match is undone (its invoice open again, in the agency's feed) and a reversal voucher posted; a second call is 409 `invalid_transition`. Idempotent with an Idempotency-Key.
         */
        post: operations["acceptBankReversal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/bank-entries/{entryId}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Decide an unmatched bank entry: pay an invoice or a customer, post it to an account, or not a customer payment */
        post: operations["resolveBankEntry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/saf-t": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The SAF-T Financial 1.30 file of the period, streamed
         * @description The books of the period as SAF-T Financial 1.30 (the Tax Administration’s format): the header with the selection, the chart of accounts with opening and closing balances and næringsspesifikasjon groupings, the customers with their balances, the VAT codes used, and every voucher of the period. The body is written while the ledger is read; `X-Saft-Lines` says how many voucher lines (`<Line>`) it will hold, so a client can show progress. Period errors are 422 `validation_failed` with reason `invalid_period`, before anything is sent.
         */
        get: operations["exportSaft"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/customers/{customerId}/letters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A customer's reminders and collection notices, newest first, each with its e-mail delivery (sent, failed, queued) */
        get: operations["listCustomerLetters"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/mail-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The company's SMTP settings for e-mailing letters (null: none); the password is never answered */
        get: operations["getMailSettings"];
        /** Store the SMTP settings (admin); the password is sealed and never answered */
        put: operations["putMailSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/letters/{letterId}/email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a reminder or collection notice by e-mail with its PDF attached (queued; the outbox worker sends and retries). A collection notice only where the customer agreed to electronic notices (422 mail_not_allowed, no_consent); once per letter (already_emailed) unless it failed */
        post: operations["emailLetter"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/companies/{companyId}/invoices/{invoiceId}/emails": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The e-mails of an invoice's letters with every attempt (sent, failed, refused by the server) */
        get: operations["listInvoiceEmails"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Problem: {
            type: string;
            title: string;
            status: number;
            detail: string;
            code: string;
        } & {
            [key: string]: unknown;
        };
        Session: {
            user: components["schemas"]["User"];
            companies: components["schemas"]["Membership"][];
            csrfToken: string;
        };
        User: {
            id: string;
            email: string;
            name: string;
        };
        Membership: {
            companyId: string;
            companyName: string;
            organizationNumber: string;
            /** @enum {string} */
            role: "admin" | "accountant" | "viewer";
        };
        Company: {
            id: string;
            name: string;
            organizationNumber: string;
            vatRegistered: boolean;
            bankAccount: string;
            /** @enum {string} */
            kidAlgorithm: "mod10" | "mod11";
            address: {
                line: string | null;
                postalCode: string | null;
                city: string | null;
            };
            /** @description The company's telephone (SAF-T's header contact) */
            phone: string | null;
            email: string | null;
            accounts: {
                /**
                 * @description Account number in the chart (NS 4102)
                 * @example 1920
                 */
                receivable: number;
                /**
                 * @description Account number in the chart (NS 4102)
                 * @example 1920
                 */
                bank: number;
                /**
                 * @description Account number in the chart (NS 4102)
                 * @example 1920
                 */
                outputVat: number;
                /**
                 * @description Account number in the chart (NS 4102)
                 * @example 1920
                 */
                inputVat: number;
                /**
                 * @description Account number in the chart (NS 4102)
                 * @example 1920
                 */
                salesVat25: number;
                /**
                 * @description Account number in the chart (NS 4102)
                 * @example 1920
                 */
                salesVat15: number;
                /**
                 * @description Account number in the chart (NS 4102)
                 * @example 1920
                 */
                salesVat12: number;
                /**
                 * @description Account number in the chart (NS 4102)
                 * @example 1920
                 */
                salesVat0: number;
                /**
                 * @description Account number in the chart (NS 4102)
                 * @example 1920
                 */
                reminderFeeIncome: number;
                /**
                 * @description Account number in the chart (NS 4102)
                 * @example 1920
                 */
                collectionCost: number;
                /**
                 * @description Account number in the chart (NS 4102)
                 * @example 1920
                 */
                loss: number;
                /**
                 * @description Account number in the chart (NS 4102)
                 * @example 1920
                 */
                interestIncome: number;
            };
            createdAt: string;
        };
        NewCompany: {
            name: string;
            /** @example 923609016 */
            organizationNumber: string;
            vatRegistered?: boolean;
            /** @example 86011117947 */
            bankAccount: string;
            /** @enum {string} */
            kidAlgorithm?: "mod10" | "mod11";
            address?: {
                line?: string | null;
                postalCode?: string | null;
                city?: string | null;
            };
            /** @example +47 22 00 00 00 */
            phone?: string | null;
            email?: string | null;
        };
        CompanyChanges: {
            name?: string;
            vatRegistered?: boolean;
            bankAccount?: string;
            /** @enum {string} */
            kidAlgorithm?: "mod10" | "mod11";
            address?: {
                line?: string | null;
                postalCode?: string | null;
                city?: string | null;
            };
            /** @example +47 22 00 00 00 */
            phone?: string | null;
            email?: string | null;
            accounts?: {
                /**
                 * @description Account number in the chart (NS 4102)
                 * @example 1920
                 */
                receivable?: number;
                /**
                 * @description Account number in the chart (NS 4102)
                 * @example 1920
                 */
                bank?: number;
                /**
                 * @description Account number in the chart (NS 4102)
                 * @example 1920
                 */
                outputVat?: number;
                /**
                 * @description Account number in the chart (NS 4102)
                 * @example 1920
                 */
                inputVat?: number;
                /**
                 * @description Account number in the chart (NS 4102)
                 * @example 1920
                 */
                salesVat25?: number;
                /**
                 * @description Account number in the chart (NS 4102)
                 * @example 1920
                 */
                salesVat15?: number;
                /**
                 * @description Account number in the chart (NS 4102)
                 * @example 1920
                 */
                salesVat12?: number;
                /**
                 * @description Account number in the chart (NS 4102)
                 * @example 1920
                 */
                salesVat0?: number;
                /**
                 * @description Account number in the chart (NS 4102)
                 * @example 1920
                 */
                reminderFeeIncome?: number;
                /**
                 * @description Account number in the chart (NS 4102)
                 * @example 1920
                 */
                collectionCost?: number;
                /**
                 * @description Account number in the chart (NS 4102)
                 * @example 1920
                 */
                loss?: number;
                /**
                 * @description Account number in the chart (NS 4102)
                 * @example 1920
                 */
                interestIncome?: number;
            };
        };
        Account: {
            number: number;
            name: string;
        };
        AccountGrouping: {
            number: number;
            name: string;
            /** @description SAF-T GroupingCategory (næringsspesifikasjon) */
            groupingCategory: string;
            /** @description SAF-T GroupingCode */
            groupingCode: string;
            /** @description false: the NS 4102 default mapping */
            custom: boolean;
        };
        CompanyUser: components["schemas"]["User"] & {
            /** @enum {string} */
            role: "admin" | "accountant" | "viewer";
        };
        Customer: {
            id: string;
            customerNumber: number;
            /** @enum {string} */
            type: "person" | "company";
            name: string;
            organizationNumber: string | null;
            birthDate: string | null;
            address: {
                line: string | null;
                postalCode: string | null;
                city: string | null;
                country: string;
            };
            email: string | null;
            /** @description The date the customer agreed to receive notices electronically (set by the accountant); a collection notice is e-mailed only then (inkassoloven § 9). Null: not agreed */
            electronicNoticesAgreedOn: string | null;
            /** @description «Ikke til inkasso»: the customer never gets the collection action */
            notToCollection: boolean;
            createdAt: string;
        };
        NewCustomer: {
            customerNumber?: number;
            /** @enum {string} */
            type: "person" | "company";
            name: string;
            organizationNumber?: string | null;
            /**
             * Format: date
             * @description A birth date: a calendar date YYYY-MM-DD from 1900-01-01 to 2099-12-31
             * @example 2026-11-20
             */
            birthDate?: string | null;
            address?: {
                line?: string | null;
                postalCode?: string | null;
                city?: string | null;
                country?: string;
            };
            /** Format: email */
            email?: string | null;
            /**
             * Format: date
             * @description A date: a calendar date YYYY-MM-DD from 2000-01-01 to 2099-12-31
             * @example 2026-11-20
             */
            electronicNoticesAgreedOn?: string | null;
            notToCollection?: boolean;
        };
        CustomerChanges: {
            name?: string;
            organizationNumber?: string | null;
            /**
             * Format: date
             * @description A birth date: a calendar date YYYY-MM-DD from 1900-01-01 to 2099-12-31
             * @example 2026-11-20
             */
            birthDate?: string | null;
            address?: {
                line?: string | null;
                postalCode?: string | null;
                city?: string | null;
                country?: string;
            };
            /** Format: email */
            email?: string | null;
            /**
             * Format: date
             * @description A date: a calendar date YYYY-MM-DD from 2000-01-01 to 2099-12-31
             * @example 2026-11-20
             */
            electronicNoticesAgreedOn?: string | null;
            notToCollection?: boolean;
        };
        InvoiceSummary: {
            id: string;
            invoiceNumber: number;
            customerId: string;
            customerNumber: number;
            customerName: string;
            issueDate: string;
            dueDate: string;
            kid: string;
            currency: string;
            /** @description Amount in øre (1 kr = 100 øre), an integer */
            netAmount: number;
            /** @description Amount in øre (1 kr = 100 øre), an integer */
            vatAmount: number;
            /** @description Amount in øre (1 kr = 100 øre), an integer */
            totalAmount: number;
            /** @description What is still open, derived from the matched entries */
            openAmount: number;
            voucherId: string;
            /** @description The invoice’s entry in the customer ledger (for matching) */
            receivableEntryId: number;
        };
        NewInvoice: {
            /** Format: uuid */
            customerId: string;
            /**
             * Format: date
             * @description A date: a calendar date YYYY-MM-DD from 2000-01-01 to 2099-12-31
             * @example 2026-11-20
             */
            issueDate: string;
            /**
             * Format: date
             * @description A date: a calendar date YYYY-MM-DD from 2000-01-01 to 2099-12-31
             * @example 2026-11-20
             */
            dueDate: string;
            description?: string;
            lines: components["schemas"]["LineInput"][];
        };
        LineInput: {
            description: string;
            /**
             * @description Up to three decimals
             * @example 1
             */
            quantity: number;
            /**
             * @description Price per unit before VAT, in øre
             * @example 0
             */
            unitPrice: number;
            /** @description VAT rate in percent */
            vatRate: 25 | 15 | 12 | 0;
        };
        CreditNote: {
            id: string;
            creditNoteNumber: number;
            invoiceId: string;
            customerId: string;
            issueDate: string;
            reason: string;
            /** @description Amount in øre (1 kr = 100 øre), an integer */
            netAmount: number;
            /** @description Amount in øre (1 kr = 100 øre), an integer */
            vatAmount: number;
            /** @description Amount in øre (1 kr = 100 øre), an integer */
            totalAmount: number;
            vatBreakdown: {
                /** @description VAT rate in percent */
                rate: 25 | 15 | 12 | 0;
                /** @description Amount in øre (1 kr = 100 øre), an integer */
                netAmount: number;
                /** @description Amount in øre (1 kr = 100 øre), an integer */
                vatAmount: number;
            }[];
            voucherId: string;
            entryId: number;
            /** @description Amount in øre (1 kr = 100 øre), an integer */
            matchedAmount?: number;
            /** @description Amount in øre (1 kr = 100 øre), an integer */
            invoiceOpenAmount?: number;
            /** @description fees: 'write_off': the write_off voucher of the claim's reminder fees */
            feesWrittenOff?: {
                voucherId: string;
                /** @description Amount in øre (1 kr = 100 øre), an integer */
                amount: number;
            } | null;
        };
        NewCreditNote: {
            /**
             * Format: date
             * @description A date: a calendar date YYYY-MM-DD from 2000-01-01 to 2099-12-31
             * @example 2026-11-20
             */
            issueDate: string;
            reason?: string;
            /** @description Omitted: credit all the invoice has left to credit */
            lines?: components["schemas"]["LineInput"][];
            /**
             * @description When the credit note closes the invoice and reminder fees of its claim are open: 'keep' them open or 'write_off' them (a write_off voucher, as Avskriv). Required then (else 422 validation_failed, reason fees_open, with feeAmount); otherwise ignored.
             * @enum {string}
             */
            fees?: "keep" | "write_off";
        };
        WriteOff: {
            invoiceId: string;
            voucherId: string;
            /** @description The invoice's credit entry; null when only the claim's fees were open */
            entryId: number | null;
            matchId: number | null;
            /** @description Amount in øre (1 kr = 100 øre), an integer */
            amount: number;
            account: number;
            /** @description Signed amount in øre: debit positive, credit negative */
            invoiceOpenAmount: number;
            /** @description The reminder-fee items written off with the invoice (each closed in full) */
            fees: {
                entryId: number;
                /** @description Amount in øre (1 kr = 100 øre), an integer */
                amount: number;
                creditEntryId: number;
            }[];
        };
        WriteOffInput: {
            /**
             * Format: date
             * @description A date: a calendar date YYYY-MM-DD from 2000-01-01 to 2099-12-31
             * @example 2026-11-20
             */
            date: string;
            /**
             * @description Omitted: the whole open amount
             * @example 125000
             */
            amount?: number;
            /** @description Omitted: the company's loss account (7830) */
            account?: number;
            reason: string;
            /** @description Also write off the claim's open reminder fees in the same voucher (to the same account). Omitted: yes when the whole open amount is written off, no for a part */
            includeFees?: boolean;
        };
        PaymentListItem: {
            id: string;
            customerId: string;
            /** @description The number of the customer the payment came from */
            customerNumber: number;
            /** @description The name of the customer the payment came from */
            customerName: string;
            /** @description The invoice it paid; null for a payment on the customer only (a prepayment) */
            invoiceId: string | null;
            /** @description The number of the invoice it paid; null for a payment on the customer only */
            invoiceNumber: number | null;
            /** @description The KID it came with, if it was registered by KID */
            kid: string | null;
            /** @description Amount in øre */
            amount: number;
            /** @description The day the money came in (YYYY-MM-DD) */
            paymentDate: string;
            reference: string;
            voucherId: string;
            /** @description The payment’s entry on the receivable account (Cr 1500) */
            entryId: number;
        };
        Payment: components["schemas"]["PaymentListItem"] & {
            /** @description How much went to the invoice (on registering) */
            matchedAmount?: number;
            /** @description Left open as the customer’s credit */
            unallocatedAmount?: number;
            /** @description What is open on the invoice after it (on registering) */
            invoiceOpenAmount?: number | null;
        };
        NewPayment: {
            /**
             * @description Amount in øre (1 kr = 100 øre), a positive integer
             * @example 125000
             */
            amount: number;
            /**
             * Format: date
             * @description A date: a calendar date YYYY-MM-DD from 2000-01-01 to 2099-12-31
             * @example 2026-11-20
             */
            paymentDate: string;
            kid?: string;
            /** Format: uuid */
            invoiceId?: string;
            /** Format: uuid */
            customerId?: string;
            reference?: string;
        };
        InvoiceDetail: components["schemas"]["InvoiceSummary"] & {
            description: string;
            lines: {
                lineNo: number;
                description: string;
                quantity: number;
                /** @description Amount in øre (1 kr = 100 øre), an integer */
                unitPrice: number;
                /** @description VAT rate in percent */
                vatRate: 25 | 15 | 12 | 0;
                /** @description Amount in øre (1 kr = 100 øre), an integer */
                netAmount: number;
            }[];
            vatBreakdown: {
                /** @description VAT rate in percent */
                rate: 25 | 15 | 12 | 0;
                /** @description Amount in øre (1 kr = 100 øre), an integer */
                netAmount: number;
                /** @description Amount in øre (1 kr = 100 øre), an integer */
                vatAmount: number;
            }[];
            matches: components["schemas"]["EntryMatch"][];
            creditNotes: {
                id: string;
                creditNoteNumber: number;
                issueDate: string;
                /** @description Amount in øre (1 kr = 100 øre), an integer */
                totalAmount: number;
            }[];
            events: components["schemas"]["InvoiceEvent"][];
            /** @description Every handover of the invoice to an agency, newest first: the active one (if any) and the ended ones */
            handovers: {
                id: string;
                /** @enum {string} */
                state: "draft" | "approved" | "in_case" | "archived" | "rejected" | "recalled";
                agencyId: string;
                agencyName: string;
                createdAt: string;
                endedAt: string | null;
                /** @enum {string|null} */
                endedBy: "user" | "agency" | "system" | null;
                endReason: string | null;
                /** @description The case the agency opened for the invoice, when it did */
                case: {
                    id: string;
                    caseNumber: string;
                    url: string | null;
                    status: string;
                    statusText: string | null;
                    /** @enum {string} */
                    state: "open" | "archived";
                } | null;
            }[];
        };
        EntryMatch: {
            matchId: number;
            debitPostingId: number;
            creditPostingId: number;
            /** @description Amount in øre (1 kr = 100 øre), an integer */
            amount: number;
            createdAt: string;
            createdBy: string | null;
            /** @description Set when the match was undone (the undoing is kept too) */
            undoneByMatchId: number | null;
            counterpart: {
                postingId: number;
                voucherId: string;
                /** @enum {string} */
                voucherType: "invoice" | "credit_note" | "payment" | "manual" | "write_off" | "settlement" | "reminder_fee";
                voucherNumber: string;
                date: string;
                /** @description Amount in øre (1 kr = 100 øre), an integer */
                amount: number;
                isWriteOff: boolean;
                isManual: boolean;
            };
        };
        InvoiceEvent: {
            position: number;
            occurredAt: string;
            companyId: string;
            invoiceId: string;
            /** @enum {string} */
            type: "invoice.available" | "invoice.payment" | "invoice.credit_note" | "invoice.write_off" | "invoice.manual_match" | "invoice.unmatched" | "invoice.settlement" | "invoice.recalled";
            voucherId: string | null;
            /** @enum {string|null} */
            voucherType: "invoice" | "credit_note" | "payment" | "manual" | "write_off" | "settlement" | "reminder_fee" | null;
            matchId: number | null;
            /** @description Amount in øre (1 kr = 100 øre), an integer */
            amount: number;
            /** @description Amount in øre (1 kr = 100 øre), an integer */
            remainingAmount: number;
            isWriteOff: boolean;
            isManual: boolean;
            /** @description The agency that had the invoice (approved or in a case) when it happened */
            agencyId: string | null;
        };
        VoucherListItem: {
            id: string;
            fiscalYear: number;
            number: number;
            type: string;
            date: string;
            description: string;
            /** @description Amount in øre (1 kr = 100 øre), an integer */
            amount: number;
        };
        Voucher: {
            id: string;
            fiscalYear: number;
            number: number;
            /** @enum {string} */
            type: "invoice" | "credit_note" | "payment" | "manual" | "write_off" | "settlement" | "reminder_fee";
            date: string;
            description: string;
            reversesVoucherId: string | null;
            reversedByVoucherId: string | null;
            createdBy: string | null;
            createdAt: string;
            postings: components["schemas"]["Posting"][];
        };
        Posting: {
            /** @description Entry id */
            id: number;
            lineNo: number;
            account: number;
            /** @description Signed øre: debit positive, credit negative */
            amount: number;
            customerId: string | null;
            invoiceId: string | null;
            dueDate: string | null;
            description: string;
        };
        ManualVoucher: {
            /**
             * Format: date
             * @description A date: a calendar date YYYY-MM-DD from 2000-01-01 to 2099-12-31
             * @example 2026-11-20
             */
            date: string;
            description: string;
            lines: {
                account: number;
                /** @enum {string} */
                side: "debit" | "credit";
                /**
                 * @description Amount in øre (1 kr = 100 øre), a positive integer
                 * @example 125000
                 */
                amount: number;
                /**
                 * Format: uuid
                 * @description Required on the receivable account, refused elsewhere
                 */
                customerId?: string;
                /**
                 * Format: date
                 * @description A date: a calendar date YYYY-MM-DD from 2000-01-01 to 2099-12-31
                 * @example 2026-11-20
                 */
                dueDate?: string;
                description?: string;
            }[];
        };
        OpenItem: {
            entryId: number;
            customerId: string;
            customerNumber: number;
            customerName: string;
            account: number;
            voucherId: string;
            /** @enum {string} */
            voucherType: "invoice" | "credit_note" | "payment" | "manual" | "write_off" | "settlement" | "reminder_fee";
            voucherNumber: string;
            entryDate: string;
            dueDate: string | null;
            description: string;
            invoiceId: string | null;
            invoiceNumber: number | null;
            kid: string | null;
            /** @description A reminder fee: the invoice whose claim it belongs to (null for other entries) */
            claimInvoiceId: string | null;
            claimInvoiceNumber: number | null;
            /** @description Amount in øre (1 kr = 100 øre), an integer */
            amount: number;
            /** @description Amount in øre (1 kr = 100 øre), an integer */
            openAmount: number;
        };
        MatchResult: {
            matchId: number;
            /** @description Amount in øre (1 kr = 100 øre), an integer */
            amount: number;
            /** @description Amount in øre (1 kr = 100 øre), an integer */
            debitOpenAmount: number;
            /** @description Amount in øre (1 kr = 100 øre), an integer */
            creditOpenAmount: number;
            invoiceId: string | null;
            warnings?: components["schemas"]["Warning"][];
        };
        /** @description Allowed, but the accountant should know */
        Warning: {
            /** @enum {string} */
            code: "invoice_in_collection" | "loss_in_manual_voucher";
            message: string;
        };
        NewMatch: {
            debitEntryId: number;
            creditEntryId: number;
            /**
             * @description Omitted: as much as both entries have open
             * @example 125000
             */
            amount?: number;
            /** @description Where the match answers warnings (an invoice with an agency), it is made only when they are acknowledged: true, or every warning code. Without, 409 conflict with reason warnings_not_acknowledged and the warnings; nothing is stored. */
            acknowledgeWarnings?: true | ("invoice_in_collection" | "loss_in_manual_voucher")[];
        };
        /** @description What a match would warn about; nothing is stored */
        MatchPreview: {
            invoiceId: string | null;
            warnings: components["schemas"]["Warning"][];
        };
        MatchPreviewRequest: {
            debitEntryId: number;
            creditEntryId: number;
        };
        DunningSettings: {
            firstReminderAfterDays: number;
            reminderFeeEnabled: boolean;
            /**
             * @description null: always the legal maximum (1/20 of the inkassosats on the send date)
             * @example 0
             */
            reminderFeeAmount: number | null;
            remindersBeforeCollection: number;
            sendsOwnCollectionNotice: boolean;
            paymentDeadlineDays: number;
            autoApprove: boolean;
            /** @description Agencies’ settlements wait for approval before they are posted */
            settlementsNeedApproval: boolean;
        };
        DunningSettingsChanges: {
            firstReminderAfterDays?: number;
            reminderFeeEnabled?: boolean;
            /**
             * @description null: always the legal maximum (1/20 of the inkassosats on the send date)
             * @example 0
             */
            reminderFeeAmount?: number | null;
            remindersBeforeCollection?: number;
            sendsOwnCollectionNotice?: boolean;
            paymentDeadlineDays?: number;
            autoApprove?: boolean;
            /** @description Agencies’ settlements wait for approval before they are posted */
            settlementsNeedApproval?: boolean;
        };
        ReminderListItem: {
            invoiceId: string;
            invoiceNumber: number;
            customerId: string;
            customerNumber: number;
            customerName: string;
            notToCollection: boolean;
            issueDate: string;
            dueDate: string;
            kid: string;
            /** @description Amount in øre (1 kr = 100 øre), an integer */
            totalAmount: number;
            /** @description Amount in øre (1 kr = 100 øre), an integer */
            openAmount: number;
            daysOverdue: number;
            /** @description Accrued late-payment interest to today (forsinkelsesrente), øre */
            interestAmount: number;
            interestFrom: string;
            /** @description Amount in øre (1 kr = 100 øre), an integer */
            feesOpenAmount: number;
            letters: components["schemas"]["Letter"][];
            next: components["schemas"]["NextActionResult"];
            decision: components["schemas"]["Decision"];
            entryId: number;
        };
        Letter: {
            id: string;
            /** @enum {string} */
            type: "reminder" | "collection_notice";
            sequence: number;
            sentDate: string;
            /** @description The new payment deadline the letter gives */
            dueDate: string;
            /** @description Amount in øre (1 kr = 100 øre), an integer */
            feeAmount: number;
            /** @enum {string} */
            channel: "email" | "letter";
            voucherId: string | null;
            feeEntryId: number | null;
        };
        NextActionResult: {
            /**
             * @description Purring / Inkassovarsel / Inkasso / Vent
             * @enum {string}
             */
            nextAction: "reminder" | "collection_notice" | "collection" | "wait";
            /** @description Why: override, waiting_until, disputed, not_to_collection, before_first_reminder, letter_deadline_running, reminder_due, collection_notice_due, collection_due, not_yet_eligible */
            code: string;
            waitUntil: string | null;
            eligibleForCollectionFrom: string;
            overridden: boolean;
        };
        Decision: {
            /**
             * @description Purring / Inkassovarsel / Inkasso / Vent
             * @enum {string|null}
             */
            nextAction: "reminder" | "collection_notice" | "collection" | "wait" | null;
            waitUntil: string | null;
            disputed: boolean;
            /** @description The words the user or the agency gave, as given */
            reason: string;
            /** @enum {string} */
            actorType: "user" | "agency" | "system";
            actorId: string | null;
            decidedBy: components["schemas"]["DecidedBy"];
            /**
             * @description What produced the decision: the handover rejected or recalled by the user, the agency giving an invoice or its case back, a case withdrawn, closed or paid with something still open, the handover itself, the agency reporting a dispute or its end; null for a choice made by hand
             * @enum {string|null}
             */
            cause: "handover_rejected" | "handover_recalled" | "agency_rejected_invoice" | "agency_rejected_case" | "case_withdrawn" | "case_closed" | "case_paid" | "sent_to_collection" | "case_disputed" | "case_dispute_ended" | null;
            /** @description The agency’s case the decision came from */
            caseNumber: string | null;
            at: string;
        } | null;
        /** @description Who decided: the user, an agency (its name as it was then), or the system */
        DecidedBy: {
            /** @enum {string} */
            kind: "user";
            userId: string | null;
        } | {
            /** @enum {string} */
            kind: "agency";
            agencyId: string | null;
            agencyName: string | null;
        } | {
            /** @enum {string} */
            kind: "system";
        };
        InvoiceDunning: {
            onList: boolean;
            item: components["schemas"]["ReminderListItem"] & (Record<string, never> | null);
            letters: components["schemas"]["Letter"][];
            decisions: components["schemas"]["Decision"][];
        };
        DecisionInput: {
            /**
             * @description null: let the list compute it again
             * @enum {string|null}
             */
            nextAction: "reminder" | "collection_notice" | "collection" | "wait" | null;
            /**
             * Format: date
             * @description With wait: the day the list computes the next action again
             * @example 2026-11-20
             */
            waitUntil?: string | null;
            /** @default  */
            reason: string;
        };
        DisputeInput: {
            disputed: boolean;
            reason: string;
        };
        SentLetter: components["schemas"]["Letter"] & {
            invoiceId: string;
            feeReason: string;
        };
        SendLetter: {
            /** @enum {string} */
            type: "reminder" | "collection_notice";
            /**
             * Format: date
             * @description Default: today
             * @example 2026-11-20
             */
            sendDate?: string;
            /** @enum {string} */
            channel?: "email" | "letter";
        };
        LegalRate: {
            /** @enum {string} */
            kind: "inkassosats" | "late_payment_interest";
            validFrom: string;
            /** @description øre for the inkassosats; basis points a year for the interest */
            value: number;
            source: string;
        };
        RateWarning: {
            /** @enum {string} */
            code: "interest_half_year_missing" | "inkassosats_year_missing";
            /** @enum {string} */
            kind: "inkassosats" | "late_payment_interest";
            /** @description the first day of the half-year or year without a figure */
            missingFrom: string;
            /** @description the earlier figure used meanwhile (øre, or basis points a year) */
            inUse: {
                validFrom: string;
                value: number;
            } | null;
            detail: string;
        };
        BulkResult: {
            results: ({
                invoiceId: string;
                ok: boolean;
                action: string;
                code: string | null;
                detail: string | null;
                /** @description A failure’s reason code, with its figures as further members, as in a problem+json answer */
                reason?: string;
            } & {
                [key: string]: unknown;
            })[];
            succeeded: number;
            failed: number;
        };
        BulkAction: {
            invoiceIds: string[];
            /**
             * @description reminder / collection_notice: send the letter; collection: put on the draft list; wait: set «Vent» (optionally until a date); clear: drop the override; next: carry out each invoice’s own next action
             * @enum {string}
             */
            action: "reminder" | "collection_notice" | "collection" | "wait" | "clear" | "next";
            /**
             * Format: date
             * @description A date: a calendar date YYYY-MM-DD from 2000-01-01 to 2099-12-31
             * @example 2026-11-20
             */
            waitUntil?: string | null;
            reason?: string;
            /** Format: uuid */
            agencyId?: string;
            /** @enum {string} */
            channel?: "email" | "letter";
        };
        DailyRun: {
            companyId: string;
            runDate: string;
            ran: boolean;
            expiredWaits: number;
            autoApproved: number;
            /** @description Letters put in the e-mail outbox (where the company chose e-mail delivery) */
            emailed: number;
            /** @description Letters recorded for e-mail left for post (no address, or a notice without agreement) */
            emailSkipped: number;
            rateWarnings: components["schemas"]["RateWarning"][];
        };
        Handover: {
            id: string;
            invoiceId: string;
            invoiceNumber: number;
            customerId: string;
            customerName: string;
            dueDate: string;
            /** @description Amount in øre (1 kr = 100 øre), an integer */
            totalAmount: number;
            /** @description Amount in øre (1 kr = 100 øre), an integer */
            openAmount: number;
            agencyId: string;
            agencyName: string;
            /** @enum {string} */
            state: "draft" | "approved" | "in_case" | "archived" | "rejected" | "recalled";
            createdAt: string;
            approvedAt: string | null;
            /** @enum {string|null} */
            approval: "user" | "auto" | "operator" | null;
            endedAt: string | null;
            /** @enum {string|null} */
            endedByType: "user" | "agency" | "system" | null;
            endReason: string | null;
            /**
             * @description Who sends the inkassovarsel: the creditor sent it before the handover, or the agency sends it (null: not recorded)
             * @enum {string|null}
             */
            collectionNoticeBy: "creditor" | "agency" | null;
        };
        CollectionCase: {
            id: string;
            caseNumber: string;
            /** @description A link into the agency’s own system, when it gave one */
            url: string | null;
            status: string;
            statusText: string | null;
            /** @enum {string} */
            state: "open" | "archived";
            /** @description Amount in øre (1 kr = 100 øre), an integer */
            agencyBalance: number | null;
            customer: {
                id: string;
                customerNumber: number;
                name: string;
                /** @enum {string} */
                type: "person" | "company";
                organizationNumber: string | null;
            };
            /** @description Every invoice the case had: an archived case keeps its list */
            invoices: {
                id: string;
                invoiceNumber: number;
                /** @description Amount in øre (1 kr = 100 øre), an integer */
                originalAmount: number;
                /** @description Amount in øre (1 kr = 100 øre), an integer */
                remainingAmount: number;
                /**
                 * @description in_case: with the open case; archived: ended with the case; rejected: the agency gave it back; merged: moved into the case movedTo
                 * @enum {string}
                 */
                state: "in_case" | "archived" | "rejected" | "merged";
                /** @description The case number a merge moved it into */
                movedTo: string | null;
            }[];
            createdAt: string;
            updatedAt: string;
            archivedAt: string | null;
            history: {
                status: string | null;
                statusText: string | null;
                kind: string;
                /** @description English, for people; a screen says the line from kind and figures */
                detail: string;
                figures: components["schemas"]["CaseHistoryFigures"];
                /** @description Amount in øre (1 kr = 100 øre), an integer */
                agencyBalance: number | null;
                at: string;
            }[];
            agencyId: string;
            agencyName: string;
            clientId: string;
        };
        /** @description created/invoices_added/rejected: invoiceCount; invoice_removed: invoiceNumber; merged: into (this case went into it) or caseNumbers (went into this case); created by a merge: caseNumbers; status: url */
        CaseHistoryFigures: {
            invoiceCount?: number;
            invoiceNumber?: number;
            into?: string;
            caseNumbers?: string[];
            url?: string;
        } | null;
        CollectionCaseDetail: components["schemas"]["CollectionCase"] & {
            money: components["schemas"]["CaseMoney"];
            settlements: {
                id: string;
                reference: string;
                settlementDate: string;
                /** @description Amount in øre (1 kr = 100 øre), an integer */
                bankAmount: number;
                status: string;
                /** @description The remittance statement (remisseoppstilling): its lines in the order the agency sent them (an object sent in the older form, in the order of its keys); null when none was sent */
                statement: components["schemas"]["StatementLine"][] | null;
            }[];
        };
        CaseMoney: {
            /** @description Amount in øre (1 kr = 100 øre), an integer */
            originalClaim: number;
            /** @description Amount in øre (1 kr = 100 øre), an integer */
            paidDirectly: number;
            /**
             * @description The bank date of the latest payment to the creditor still matched to the case's invoices
             * @example 2026-11-20
             */
            paidDirectlyOn: string | null;
            /** @description Amount in øre (1 kr = 100 øre), an integer */
            credited: number;
            /** @description Amount in øre (1 kr = 100 øre), an integer */
            writtenOff: number;
            /** @description Principal settled by the agency, recoveries on written-off invoices included */
            settledByAgency: number;
            /** @description The part of settledByAgency recovered after a write-off (credited to the loss account) */
            recoveredAfterWriteOff: number;
            /** @description Amount in øre (1 kr = 100 øre), an integer */
            otherMatched: number;
            /** @description Amount in øre (1 kr = 100 øre), an integer */
            remaining: number;
            /** @description Amount in øre (1 kr = 100 øre), an integer */
            toCollect: number;
            /** @description Amount in øre (1 kr = 100 øre), an integer */
            agencyBalance: number | null;
            disagrees: boolean;
        };
        StatementLine: {
            /** @description The line’s label, in the agency’s words */
            label: string;
            /** @description A sum, in øre (negative for a deduction) */
            amount?: number;
            /** @description A text instead of a sum (a note, a count, a rate) */
            text?: string;
        };
        HandoverDecisionResult: {
            results: ({
                handoverId: string;
                ok: boolean;
                /** @description The handover as it is now (null when refused) */
                handover: components["schemas"]["Handover"] | null;
                code: string | null;
                detail: string | null;
                /** @description A refusal’s reason code, with its figures as further members, as in a problem+json answer */
                reason?: string;
            } & {
                [key: string]: unknown;
            })[];
            succeeded: number;
            failed: number;
        };
        HandoverDecision: {
            /**
             * @description approve: drafts onto the approved list; reject: drafts rejected, approved invoices recalled (back to the reminder list with «Vent»)
             * @enum {string}
             */
            action: "approve" | "reject";
            handoverIds: string[];
            /** @description Required with reject: why, kept on the invoice */
            reason?: string;
        };
        CompanyAgency: {
            id: string;
            name: string;
            organizationNumber: string | null;
            active: boolean;
            isDefault: boolean;
            changedAt: string;
        };
        AccountantSettlement: {
            id: string;
            reference: string;
            clientId: string;
            agencyId: string;
            agencyName?: string;
            settlementDate: string;
            /** @description Amount in øre (1 kr = 100 øre), an integer */
            bankAmount: number;
            lines: {
                caseNumber: string;
                invoiceId?: string;
                /** @enum {string} */
                type: "principal" | "interest" | "fee" | "cost" | "vat";
                /** @description Amount in øre (1 kr = 100 øre), an integer */
                amount: number;
            }[];
            /** @description The remittance statement (remisseoppstilling): its lines in the order the agency sent them (an object sent in the older form, in the order of its keys); null when none was sent */
            statement: components["schemas"]["StatementLine"][] | null;
            /** @enum {string} */
            status: "pending_approval" | "posted" | "rejected";
            voucherId: string | null;
            rejectReason: string | null;
            createdAt: string;
            decidedAt: string | null;
        };
        AccountantSettlementDetail: components["schemas"]["AccountantSettlement"] & {
            voucher: {
                id: string;
                /** @description Fiscal year and number, e.g. 2026-184 */
                number: string;
                postings: {
                    account: number;
                    /** @description Debit positive, credit negative */
                    amount: number;
                    description: string;
                    invoiceId: string | null;
                }[];
            } | null;
        };
        SettlementPreview: {
            date: string;
            description: string;
            postings: {
                account: number;
                /** @description Amount in øre (1 kr = 100 øre), an integer */
                amount: number;
                description: string;
                customerId: string | null;
            }[];
            /** @description What would stop it being posted now (e.g. more principal than is open) */
            problems: ({
                /** @description The problem code approving now would answer with (e.g. overpaid) */
                code: string;
                reason?: string;
                detail: string;
            } & {
                [key: string]: unknown;
            })[];
        };
        CompanyOverview: {
            today: string;
            agedReceivables: {
                buckets: {
                    count: number;
                    /** @description Open amount in øre */
                    openAmount: number;
                    /** @enum {string} */
                    key: "notDue" | "d0_14" | "d15_30" | "d31_60" | "d61_90" | "d90plus";
                    /** @description Days past due, from (null: not yet due) */
                    fromDays: number | null;
                    /** @description Days past due, to (null: no upper bound) */
                    toDays: number | null;
                }[];
                total: {
                    count: number;
                    /** @description Open amount in øre */
                    openAmount: number;
                };
            };
            funnel: {
                reminderList: {
                    count: number;
                    /** @description Open amount in øre */
                    openAmount: number;
                };
                drafts: {
                    count: number;
                    /** @description Open amount in øre */
                    openAmount: number;
                };
                approved: {
                    count: number;
                    /** @description Open amount in øre */
                    openAmount: number;
                };
                openCases: {
                    count: number;
                    /** @description Open amount in øre */
                    openAmount: number;
                    invoiceCount: number;
                };
                archivedCases: {
                    count: number;
                    /** @description Open amount in øre */
                    openAmount: number;
                    invoiceCount: number;
                };
            };
            recoveredByMonth: {
                /** @example 2026-11 */
                month: string;
                /** @description Settlement principal matched against receivables, øre */
                amount: number;
            }[];
        };
        Inbox: {
            items: components["schemas"]["InboxItem"][];
            counts: {
                dispute: number;
                agency_returned: number;
                settlement_approval: number;
                case_money: number;
                bank_entry: number;
                wait_ended: number;
            };
            total: number;
            /** @description A kind had more than 100 items; the first 100 are listed */
            truncated: boolean;
        };
        InboxItem: {
            kind: components["schemas"]["InboxKind"];
            /** @description Stable while the item stands: the kind and the id it is about */
            key: string;
            /** @description Since when it waits (timestamp, or the bank booking date) */
            since: string;
            /** @description Open amount (invoice), bank amount (settlement, bank entry), or reported minus ledger (case money) */
            amount: number | null;
            invoiceId: string | null;
            invoiceNumber: number | null;
            customerId: string | null;
            customerName: string | null;
            caseId: string | null;
            caseNumber: string | null;
            agencyName: string | null;
            settlementId: string | null;
            reference: string | null;
            bankEntryId: string | null;
            /**
             * @description What produced the decision: the handover rejected or recalled by the user, the agency giving an invoice or its case back, a case withdrawn, closed or paid with something still open, the handover itself, the agency reporting a dispute or its end; null for a choice made by hand
             * @enum {string|null}
             */
            cause: "handover_rejected" | "handover_recalled" | "agency_rejected_invoice" | "agency_rejected_case" | "case_withdrawn" | "case_closed" | "case_paid" | "sent_to_collection" | "case_disputed" | "case_dispute_ended" | null;
            reason: string | null;
            waitUntil: string | null;
            /** @description Amount in øre (1 kr = 100 øre), an integer */
            agencyBalance: number | null;
            /** @description Amount in øre (1 kr = 100 øre), an integer */
            toCollect: number | null;
        };
        /**
         * @description dispute: a case the agency reports disputed · agency_returned: an invoice an agency gave back («Vent») · settlement_approval: a settlement waiting for approval · case_money: a case whose reported balance differs from the ledger · bank_entry: an unmatched bank entry · wait_ended: a «Vent» whose date has come
         * @enum {string}
         */
        InboxKind: "dispute" | "agency_returned" | "settlement_approval" | "case_money" | "bank_entry" | "wait_ended";
        CustomerStatement: {
            customerId: string;
            from: string;
            to: string;
            /** @description Amount in øre (1 kr = 100 øre), an integer */
            openingBalance: number;
            lines: {
                entryId: number;
                date: string;
                voucherNumber: string;
                voucherType: string;
                description: string;
                invoiceNumber: number | null;
                dueDate: string | null;
                /** @description Signed: owed (debit) positive, paid or credited negative */
                amount: number;
                /** @description Amount in øre (1 kr = 100 øre), an integer */
                balance: number;
            }[];
            /** @description Amount in øre (1 kr = 100 øre), an integer */
            closingBalance: number;
        };
        PeriodLockState: {
            lock: components["schemas"]["PeriodLock"];
        };
        PeriodLock: {
            /**
             * Format: date
             * @description The last locked date: no voucher dated on or before it can be posted
             * @example 2026-11-20
             */
            lockedTo: string;
            lockedBy: {
                /**
                 * Format: uuid
                 * @description The admin who set it; null: the command line
                 */
                id: string | null;
                name: string;
            };
            /** @description When it was set (ISO 8601, UTC) */
            lockedAt: string;
        } | null;
        AuditEvent: {
            id: number;
            /** @description When (ISO 8601, UTC) */
            at: string;
            /** Format: uuid */
            companyId: string | null;
            actor: {
                /** @enum {string} */
                type: "user" | "agency" | "system" | "cli";
                /**
                 * Format: uuid
                 * @description The user or agency id
                 */
                id: string | null;
                name: string;
            };
            requestId: string | null;
            peerAddress: string | null;
            /** @description What happened: auth.signed_in, auth.sign_in_failed, company.created, company.settings_changed, company.account_added, company.user_role_set, dunning.settings_changed, rates.added, letter.sent, handover.sent, handover.approved, handover.rejected, handover.recalled, voucher.posted, voucher.reversed, match.created, match.undone, invoice.written_off, settlement.received, settlement.approved, settlement.rejected, agency.activated, agency.deactivated, agency.secret_rotated, agency.tokens_revoked, agency.webhook_set, case.created, case.invoices_added, case.status_changed, case.rejected, case.merged, period.locked, period.unlocked, export.saf_t, export.list, mail.settings_changed, letter.email_queued */
            kind: string;
            subjectIds: string[];
            /** @description The state before, where the change has one */
            before?: unknown;
            /** @description The state after, where the change has one */
            after?: unknown;
        };
        BankImportResult: components["schemas"]["BankImport"] & {
            /** @description The same file was imported before: its import, nothing new */
            alreadyImported: boolean;
        };
        BankImport: {
            /** Format: uuid */
            id: string;
            fileName: string;
            /** @enum {string} */
            format: "camt.053.001.02" | "camt.053.001.08" | "camt.054.001.02" | "camt.054.001.08" | "ocr-giro";
            /**
             * @description `booking` while (or if interrupted while) its payments are booked; sending the same file again goes on
             * @enum {string}
             */
            status: "booking" | "done";
            createdAt: string;
            finishedAt: string | null;
            summary: {
                /** @description Every transaction in the file */
                transactions: number;
                /** @description Booked as payments, by the rule that matched; `settlement`: an agency's payment linked to its posted settlement (booked by the settlement's voucher, not again) */
                booked: {
                    kid: {
                        count: number;
                        /**
                         * @description Amount in øre, an integer ≥ 0
                         * @example 0
                         */
                        amount: number;
                    };
                    invoice_number: {
                        count: number;
                        /**
                         * @description Amount in øre, an integer ≥ 0
                         * @example 0
                         */
                        amount: number;
                    };
                    amount_account: {
                        count: number;
                        /**
                         * @description Amount in øre, an integer ≥ 0
                         * @example 0
                         */
                        amount: number;
                    };
                    amount_name: {
                        count: number;
                        /**
                         * @description Amount in øre, an integer ≥ 0
                         * @example 0
                         */
                        amount: number;
                    };
                    settlement: {
                        count: number;
                        /**
                         * @description Amount in øre, an integer ≥ 0
                         * @example 0
                         */
                        amount: number;
                    };
                };
                /** @description Waiting in the unmatched queue */
                unmatched: {
                    count: number;
                    /**
                     * @description Amount in øre, an integer ≥ 0
                     * @example 0
                     */
                    amount: number;
                };
                /** @description Unmatched once, decided by the accountant since */
                resolved: {
                    count: number;
                    /**
                     * @description Amount in øre, an integer ≥ 0
                     * @example 0
                     */
                    amount: number;
                };
                /** @description Reversals (`RvslInd`) of entries imported before: offered as a reversal voucher until the accountant accepts, and accepted */
                reversals: {
                    offered: {
                        count: number;
                        /**
                         * @description Amount in øre, an integer ≥ 0
                         * @example 0
                         */
                        amount: number;
                    };
                    reversed: {
                        count: number;
                        /**
                         * @description Amount in øre, an integer ≥ 0
                         * @example 0
                         */
                        amount: number;
                    };
                };
                skipped: {
                    count: number;
                    byReason: {
                        debit?: number;
                        reversal?: number;
                        other_account?: number;
                        not_booked?: number;
                        future_date?: number;
                        zero_amount?: number;
                    };
                };
                /** @description Recorded from an earlier file already: not booked again */
                duplicates: number;
                pending: number;
            };
        };
        BankFileUpload: {
            /**
             * Format: binary
             * @description camt.053, camt.054 (001.02 or 001.08) or OCR giro
             */
            file: string;
        };
        BankEntry: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            importId: string;
            /** @description Where the entry starts in its file */
            line: number;
            /** @enum {string} */
            state: "pending" | "booked" | "unmatched" | "resolved" | "skipped" | "duplicate" | "reversal_offered" | "reversed";
            /** @enum {string|null} */
            skipReason: "debit" | "reversal" | "other_account" | "not_booked" | "future_date" | "zero_amount" | null;
            /** @enum {string|null} */
            rule: "kid" | "invoice_number" | "amount_account" | "amount_name" | "settlement" | null;
            bookingDate: string | null;
            valueDate: string | null;
            /**
             * @description Amount in øre, an integer ≥ 0
             * @example 0
             */
            amount: number;
            currency: string;
            /** @enum {string} */
            direction: "credit" | "debit";
            reversal: boolean;
            account: string;
            bankReference: string | null;
            kid: string | null;
            text: string;
            debtorName: string | null;
            debtorAccount: string | null;
            /** Format: uuid */
            paymentId: string | null;
            /** Format: uuid */
            voucherId: string | null;
            /** Format: uuid */
            invoiceId: string | null;
            invoiceNumber: number | null;
            /** Format: uuid */
            customerId: string | null;
            customerName: string | null;
            /**
             * @description Amount in øre, an integer ≥ 0
             * @example 0
             */
            matchedAmount: number | null;
            /** Format: uuid */
            duplicateOf: string | null;
            /**
             * Format: uuid
             * @description A reversal: the entry imported before that it takes back
             */
            reversesEntryId: string | null;
            /**
             * Format: uuid
             * @description Rule `settlement`: the agency's settlement whose voucher holds this bank line
             */
            settlementId: string | null;
            decision: {
                /** @enum {string} */
                action: "invoice" | "customer" | "not_customer_payment" | "account" | "reversal";
                account: number | null;
                note: string;
                decidedAt: string;
            } | null;
        };
        /** @description Paid on an invoice or on a customer (a payment dated the bank date), posted to an account (Dr bank / Cr the account), or not a customer payment (a recorded decision, no voucher) */
        ResolveBankEntry: {
            /** @enum {string} */
            action: "invoice";
            /** Format: uuid */
            invoiceId: string;
            note?: string;
        } | {
            /** @enum {string} */
            action: "customer";
            /** Format: uuid */
            customerId: string;
            note?: string;
        } | {
            /** @enum {string} */
            action: "not_customer_payment";
            note: string;
        } | {
            /** @enum {string} */
            action: "account";
            /**
             * @description Account number in the chart (NS 4102)
             * @example 1920
             */
            account: number;
            note?: string;
        };
        CustomerLetter: {
            id: string;
            invoiceId: string;
            invoiceNumber: number;
            /** @enum {string} */
            type: "reminder" | "collection_notice";
            sequence: number;
            sentDate: string;
            dueDate: string;
            /** @description Amount in øre (1 kr = 100 øre), an integer */
            feeAmount: number;
            /**
             * @description How the letter was meant to go: e-mail or post
             * @enum {string}
             */
            channel: "email" | "letter";
            /** @description The letter's latest e-mail (null: never e-mailed; print/post is the PDF) */
            email: {
                messageId: string;
                to: string;
                /** @enum {string} */
                status: "queued" | "sent" | "failed";
                /** @enum {string|null} */
                failure: "rejected" | "gave_up" | null;
                attempts: number;
                lastCode: number | null;
                /** @description The server's last answer, or the error */
                lastResponse: string | null;
                createdAt: string;
                finishedAt: string | null;
            } | null;
        };
        MailSettingsState: {
            settings: components["schemas"]["MailSettings"];
        };
        MailSettings: {
            host: string;
            port: number;
            /**
             * @description starttls: plain connection upgraded with STARTTLS, required (port 587); tls: TLS from the start (port 465); none: no encryption (a relay on the local network only)
             * @enum {string}
             */
            tlsMode: "starttls" | "tls" | "none";
            username: string | null;
            /** @description Whether a password is stored (it is never answered) */
            passwordSet: boolean;
            fromAddress: string;
            fromName: string;
            /**
             * @description manual: a letter is e-mailed when someone sends it by e-mail; email: every letter recorded for e-mail is sent by the daily run (a collection notice only where the customer agreed to electronic notices)
             * @enum {string}
             */
            delivery: "manual" | "email";
            /** @description Since when letters are e-mailed by the daily run (ISO 8601); null: manual */
            emailDeliverySince: string | null;
            updatedAt: string;
        } | null;
        MailSettingsInput: {
            host: string;
            port: number;
            /**
             * @description starttls: plain connection upgraded with STARTTLS, required (port 587); tls: TLS from the start (port 465); none: no encryption (a relay on the local network only)
             * @enum {string}
             */
            tlsMode: "starttls" | "tls" | "none";
            username?: string | null;
            /** @description Left out: the stored password is kept; null or empty: removed. Stored sealed (AES-256-GCM under INNFRI_SECRET_KEY), never answered */
            password?: string | null;
            /** Format: email */
            fromAddress: string;
            fromName?: string;
            /**
             * @description manual: a letter is e-mailed when someone sends it by e-mail; email: every letter recorded for e-mail is sent by the daily run (a collection notice only where the customer agreed to electronic notices)
             * @enum {string}
             */
            delivery?: "manual" | "email";
        };
        MailMessage: {
            id: string;
            letterId: string;
            invoiceId: string;
            to: string;
            subject: string;
            /** @enum {string} */
            status: "queued" | "sent" | "failed";
            /**
             * @description Why it failed: rejected (the server refused it, 5xx), gave_up (temporary errors until the last attempt)
             * @enum {string|null}
             */
            failure: "rejected" | "gave_up" | null;
            attempts: number;
            nextAttemptAt: string | null;
            lastCode: number | null;
            lastResponse: string | null;
            /** @enum {string} */
            requestedBy: "user" | "daily_run";
            createdAt: string;
            finishedAt: string | null;
            history: {
                at: string;
                /**
                 * @description sent: the server took it; temporary: a 4xx answer (retried); rejected: a 5xx answer (refused by the server, not retried); error: no answer (connection, timeout; retried)
                 * @enum {string}
                 */
                outcome: "sent" | "temporary" | "rejected" | "error";
                smtpCode: number | null;
                /** @description The server's answer, or the error */
                response: string | null;
            }[];
        };
        InvoiceEmails: {
            data: components["schemas"]["MailMessage"][];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    exportReminderList: {
        parameters: {
            query?: {
                /** @description csv: UTF-8 with BOM, `;`, decimal comma (Norwegian Excel); xlsx: a workbook */
                format?: "csv" | "xlsx";
                /** @description The language of the column headings */
                lang?: "nb" | "en";
                /** @description The order of the list; a leading - is descending. dueDate (the default): oldest due date first, so most days overdue first. openAmount: the amount still open. customerName: case-insensitive, æ, ø, å after z. invoiceNumber. Ties are broken by the entry, so paging never skips or repeats a row. A cursor belongs to the sort it was made for: given with another sort, it is 400 validation_failed. */
                sort?: "dueDate" | "-dueDate" | "openAmount" | "-openAmount" | "customerName" | "-customerName" | "invoiceNumber" | "-invoiceNumber";
                customerId?: string;
                /** @description Purring / Inkassovarsel / Inkasso / Vent */
                nextAction?: "reminder" | "collection_notice" | "collection" | "wait";
                /** @description Search: invoice number, customer name or number, KID, case number, or amount (kr) */
                q?: string;
            };
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The whole list as a file (an attachment), streamed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    exportHandovers: {
        parameters: {
            query: {
                /** @description csv: UTF-8 with BOM, `;`, decimal comma (Norwegian Excel); xlsx: a workbook */
                format?: "csv" | "xlsx";
                /** @description The language of the column headings */
                lang?: "nb" | "en";
                list: "draft" | "approved" | "in_case" | "ended";
                agencyId?: string;
                /** @description Search: invoice number, customer name or number, KID, case number, or amount (kr) */
                q?: string;
            };
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The whole list as a file (an attachment), streamed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    exportCases: {
        parameters: {
            query?: {
                /** @description csv: UTF-8 with BOM, `;`, decimal comma (Norwegian Excel); xlsx: a workbook */
                format?: "csv" | "xlsx";
                /** @description The language of the column headings */
                lang?: "nb" | "en";
                state?: "open" | "archived";
                agencyId?: string;
                customerId?: string;
                /** @description Search: invoice number, customer name or number, KID, case number, or amount (kr) */
                q?: string;
            };
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The whole list as a file (an attachment), streamed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    exportSettlements: {
        parameters: {
            query?: {
                /** @description csv: UTF-8 with BOM, `;`, decimal comma (Norwegian Excel); xlsx: a workbook */
                format?: "csv" | "xlsx";
                /** @description The language of the column headings */
                lang?: "nb" | "en";
                status?: "pending_approval" | "posted" | "rejected";
            };
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The whole list as a file (an attachment), streamed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    exportOpenItems: {
        parameters: {
            query?: {
                /** @description csv: UTF-8 with BOM, `;`, decimal comma (Norwegian Excel); xlsx: a workbook */
                format?: "csv" | "xlsx";
                /** @description The language of the column headings */
                lang?: "nb" | "en";
                customerId?: string;
                includeClosed?: "true" | "false";
                /** @description Search: invoice number, customer name or number, KID, case number, or amount (kr) */
                q?: string;
            };
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The whole list as a file (an attachment), streamed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    exportPayments: {
        parameters: {
            query?: {
                /** @description csv: UTF-8 with BOM, `;`, decimal comma (Norwegian Excel); xlsx: a workbook */
                format?: "csv" | "xlsx";
                /** @description The language of the column headings */
                lang?: "nb" | "en";
                customerId?: string;
                invoiceId?: string;
                /** @description Search: invoice number, customer name or number, KID, case number, or amount (kr) */
                q?: string;
            };
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The whole list as a file (an attachment), streamed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description Signed in */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many failed sign-ins: wait the seconds in Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The session */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSessionState: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The session, or null */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        session: components["schemas"]["Session"] | null;
                    };
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed out */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listCompanies: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Memberships */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Membership"][];
                    };
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createCompany: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewCompany"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Company"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCompany: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The company */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Company"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateCompany: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CompanyChanges"];
            };
        };
        responses: {
            /** @description Changed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Company"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAccounts: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accounts */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Account"][];
                    };
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    number: number;
                    name: string;
                };
            };
        };
        responses: {
            /** @description Added */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Account"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAccountGroupings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accounts with their grouping */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["AccountGrouping"][];
                    };
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listGroupingCodes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every code, in the published order */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            category: string;
                            code: string;
                            description: string;
                        }[];
                    };
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setAccountGrouping: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
                number: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    grouping: {
                        category: string;
                        code: string;
                    } | null;
                };
            };
        };
        responses: {
            /** @description Set */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountGrouping"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listUsers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Users */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["CompanyUser"][];
                    };
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setUserRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    name: string;
                    /** @enum {string} */
                    role: "admin" | "accountant" | "viewer";
                    password?: string;
                };
            };
        };
        responses: {
            /** @description The user with its role */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CompanyUser"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listCustomers: {
        parameters: {
            query?: {
                /** @description Page size (max 1000) */
                limit?: number;
                /** @description The nextCursor of the previous page */
                cursor?: string;
                search?: string;
            };
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of customers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Customer"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createCustomer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewCustomer"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Customer"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCustomer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
                customerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The customer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Customer"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateCustomer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
                customerId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CustomerChanges"];
            };
        };
        responses: {
            /** @description Changed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Customer"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listInvoices: {
        parameters: {
            query?: {
                /** @description Page size (max 1000) */
                limit?: number;
                /** @description The nextCursor of the previous page */
                cursor?: string;
                customerId?: string;
                status?: "open" | "overdue" | "closed";
                /** @description Search: invoice number, customer name or number, KID, case number, or amount (kr) */
                q?: string;
            };
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of invoices */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["InvoiceSummary"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createInvoice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewInvoice"];
            };
        };
        responses: {
            /** @description Issued */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvoiceSummary"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createCreditNote: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
                invoiceId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewCreditNote"];
            };
        };
        responses: {
            /** @description Credited */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreditNote"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCreditNote: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
                creditNoteId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The credit note */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreditNote"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    writeOffInvoice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
                invoiceId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WriteOffInput"];
            };
        };
        responses: {
            /** @description Written off */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WriteOff"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listPayments: {
        parameters: {
            query?: {
                /** @description Page size (max 1000) */
                limit?: number;
                /** @description The nextCursor of the previous page */
                cursor?: string;
                /** @description Only this customer’s payments (404 when the customer is not the company’s) */
                customerId?: string;
                /** @description Only payments of this invoice */
                invoiceId?: string;
                /** @description Search: invoice number, customer name or number, KID, case number, or amount (kr) */
                q?: string;
            };
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of payments */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["PaymentListItem"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    registerPayment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewPayment"];
            };
        };
        responses: {
            /** @description Registered */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPayment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
                paymentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The payment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentListItem"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getInvoice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
                invoiceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The invoice */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvoiceDetail"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listVouchers: {
        parameters: {
            query?: {
                /** @description Page size (max 1000) */
                limit?: number;
                /** @description The nextCursor of the previous page */
                cursor?: string;
                type?: "invoice" | "credit_note" | "payment" | "manual" | "write_off" | "settlement" | "reminder_fee";
            };
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of vouchers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["VoucherListItem"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createManualVoucher: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ManualVoucher"];
            };
        };
        responses: {
            /** @description Posted */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Voucher"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getVoucher: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
                voucherId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The voucher */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Voucher"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    reverseVoucher: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
                voucherId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date
                     * @description A date: a calendar date YYYY-MM-DD from 2000-01-01 to 2099-12-31
                     * @example 2026-11-20
                     */
                    date: string;
                };
            };
        };
        responses: {
            /** @description The reversal */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Voucher"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listOpenItems: {
        parameters: {
            query?: {
                /** @description Page size (max 1000) */
                limit?: number;
                /** @description The nextCursor of the previous page */
                cursor?: string;
                customerId?: string;
                includeClosed?: "true" | "false";
                /** @description Search: invoice number, customer name or number, KID, case number, or amount (kr) */
                q?: string;
            };
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of open items */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["OpenItem"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listEntryMatches: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
                entryId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Matches */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["EntryMatch"][];
                    };
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    unmatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
                matchId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Undone */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MatchResult"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAccountBalances: {
        parameters: {
            query?: {
                /** @description A date: a calendar date YYYY-MM-DD from 2000-01-01 to 2099-12-31 */
                toDate?: string;
            };
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Balances */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            account: number;
                            name: string;
                            balance: number;
                        }[];
                    };
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listInvoiceEvents: {
        parameters: {
            query?: {
                /** @description Page size (max 1000) */
                limit?: number;
                after?: number | null;
            };
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Events; nextCursor is the last position */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["InvoiceEvent"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createMatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewMatch"];
            };
        };
        responses: {
            /** @description Matched */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MatchResult"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    previewMatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MatchPreviewRequest"];
            };
        };
        responses: {
            /** @description What the match would warn about */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MatchPreview"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getDunningSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Settings */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DunningSettings"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateDunningSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DunningSettingsChanges"];
            };
        };
        responses: {
            /** @description Changed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DunningSettings"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReminderList: {
        parameters: {
            query?: {
                /** @description Page size (max 1000) */
                limit?: number;
                /** @description The nextCursor of the previous page, with the same sort */
                cursor?: string;
                /** @description The order of the list; a leading - is descending. dueDate (the default): oldest due date first, so most days overdue first. openAmount: the amount still open. customerName: case-insensitive, æ, ø, å after z. invoiceNumber. Ties are broken by the entry, so paging never skips or repeats a row. A cursor belongs to the sort it was made for: given with another sort, it is 400 validation_failed. */
                sort?: "dueDate" | "-dueDate" | "openAmount" | "-openAmount" | "customerName" | "-customerName" | "invoiceNumber" | "-invoiceNumber";
                customerId?: string;
                /** @description Purring / Inkassovarsel / Inkasso / Vent */
                nextAction?: "reminder" | "collection_notice" | "collection" | "wait";
                /** @description Search: invoice number, customer name or number, KID, case number, or amount (kr) */
                q?: string;
            };
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the list */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ReminderListItem"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getInvoiceDunning: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
                invoiceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Its dunning state */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvoiceDunning"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setNextAction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
                invoiceId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DecisionInput"];
            };
        };
        responses: {
            /** @description Recorded */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Decision"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setDispute: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
                invoiceId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DisputeInput"];
            };
        };
        responses: {
            /** @description Recorded */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Decision"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    sendLetter: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
                invoiceId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SendLetter"];
            };
        };
        responses: {
            /** @description Sent */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SentLetter"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listLegalRates: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Rates */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["LegalRate"][];
                        /** @description half-years and years up to today without a figure of their own: an earlier one is reused */
                        warnings: components["schemas"]["RateWarning"][];
                    };
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    applyReminderListActions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BulkAction"];
            };
        };
        responses: {
            /** @description One result per invoice */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BulkResult"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    runDailyRun: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DailyRun"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listHandovers: {
        parameters: {
            query: {
                list: "draft" | "approved" | "in_case" | "ended";
                agencyId?: string;
                /** @description Page size (max 1000) */
                limit?: number;
                /** @description The nextCursor of the previous page */
                cursor?: string;
                /** @description Search: invoice number, customer name or number, KID, case number, or amount (kr) */
                q?: string;
            };
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the list */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Handover"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listCases: {
        parameters: {
            query?: {
                state?: "open" | "archived";
                agencyId?: string;
                /** @description Only this customer’s cases (404 when the customer is not the company’s) */
                customerId?: string;
                /** @description Page size (max 1000) */
                limit?: number;
                /** @description The nextCursor of the previous page */
                cursor?: string;
                /** @description Search: invoice number, customer name or number, KID, case number, or amount (kr) */
                q?: string;
            };
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of cases */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["CollectionCase"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCase: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
                caseId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The case */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CollectionCaseDetail"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getHandoverCounts: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Counts */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: {
                            count: number;
                            /** @description Amount in øre (1 kr = 100 øre), an integer */
                            openAmount: number;
                        };
                    };
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    sendToCollection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
                invoiceId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    agencyId?: string;
                };
            };
        };
        responses: {
            /** @description On the list */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Handover"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    approveHandover: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
                handoverId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Approved */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Handover"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rejectHandover: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
                handoverId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Back on the reminder list */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Handover"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    decideHandovers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HandoverDecision"];
            };
        };
        responses: {
            /** @description One result per handover */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HandoverDecisionResult"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAgencies: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Agencies */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["CompanyAgency"][];
                    };
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setAgencyActivation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
                agencyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    active: boolean;
                    isDefault?: boolean;
                };
            };
        };
        responses: {
            /** @description Changed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CompanyAgency"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getInvoicePdf: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
                invoiceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The PDF */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getLetterPdf: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
                letterId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The PDF */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listSettlements: {
        parameters: {
            query?: {
                status?: "pending_approval" | "posted" | "rejected";
                caseId?: string;
                /** @description Page size (max 1000) */
                limit?: number;
                /** @description The nextCursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Settlements */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["AccountantSettlement"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSettlement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
                settlementId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The settlement */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountantSettlementDetail"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    previewSettlement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
                settlementId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The preview */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SettlementPreview"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    approveSettlement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
                settlementId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Posted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountantSettlement"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rejectSettlement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
                settlementId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Rejected */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountantSettlement"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCaseMoney: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
                caseId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The money */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseMoney"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOverview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The overview */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CompanyOverview"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getInbox: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The inbox */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Inbox"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCustomerStatement: {
        parameters: {
            query: {
                /** @description First day of the period */
                from: string;
                /** @description Last day of the period (not after today) */
                to: string;
            };
            header?: never;
            path: {
                companyId: string;
                customerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The statement */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerStatement"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCustomerStatementPdf: {
        parameters: {
            query: {
                /** @description First day of the period */
                from: string;
                /** @description Last day of the period (not after today) */
                to: string;
            };
            header?: never;
            path: {
                companyId: string;
                customerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The PDF */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPeriodLock: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The lock */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PeriodLockState"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    lockPeriod: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date
                     * @description A date: a calendar date YYYY-MM-DD from 2000-01-01 to 2099-12-31
                     * @example 2026-11-20
                     */
                    lockedTo: string;
                };
            };
        };
        responses: {
            /** @description Locked */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PeriodLockState"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    unlockPeriod: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date
                     * @description A date: a calendar date YYYY-MM-DD from 2000-01-01 to 2099-12-31
                     * @example 2026-11-20
                     */
                    lockedTo: string | null;
                };
            };
        };
        responses: {
            /** @description Unlocked */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PeriodLockState"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAuditEvents: {
        parameters: {
            query?: {
                /** @description From this date (Europe/Oslo), inclusive */
                from?: string;
                /** @description To this date (Europe/Oslo), inclusive */
                to?: string;
                /** @description An exact kind (handover.approved) or its group (handover) */
                kind?: string;
                actorType?: "user" | "agency" | "system" | "cli";
                /** @description Only events about this id */
                subjectId?: string;
                /** @description Page size (max 1000) */
                limit?: number;
                /** @description The nextCursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of audit events */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["AuditEvent"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listBankImports: {
        parameters: {
            query?: {
                /** @description Page size (max 1000) */
                limit?: number;
                /** @description The nextCursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of imports */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["BankImport"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    importBankFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["BankFileUpload"];
            };
        };
        responses: {
            /** @description Imported before: the same import */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BankImportResult"];
                };
            };
            /** @description Imported */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BankImportResult"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The file is larger than 128 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getBankImport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
                importId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The import */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BankImport"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listBankImportEntries: {
        parameters: {
            query?: {
                /** @description Page size (max 1000) */
                limit?: number;
                /** @description The nextCursor of the previous page */
                cursor?: string;
                state?: "pending" | "booked" | "unmatched" | "resolved" | "skipped" | "duplicate" | "reversal_offered" | "reversed";
                /** @description Search: amount (kr), KID, invoice number, payer or customer name, reference or the payment text */
                q?: string;
            };
            header?: never;
            path: {
                companyId: string;
                importId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of entries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["BankEntry"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listBankEntries: {
        parameters: {
            query?: {
                /** @description Page size (max 1000) */
                limit?: number;
                /** @description The nextCursor of the previous page */
                cursor?: string;
                state?: "pending" | "booked" | "unmatched" | "resolved" | "skipped" | "duplicate" | "reversal_offered" | "reversed";
                /** @description Search: amount (kr), KID, invoice number, payer or customer name, reference or the payment text */
                q?: string;
            };
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of entries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["BankEntry"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    acceptBankReversal: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
                entryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Reversed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BankEntry"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    resolveBankEntry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
                entryId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResolveBankEntry"];
            };
        };
        responses: {
            /** @description Decided */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BankEntry"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    exportSaft: {
        parameters: {
            query: {
                /** @description A date: a calendar date YYYY-MM-DD from 2000-01-01 to 2099-12-31 */
                from: string;
                /** @description A date: a calendar date YYYY-MM-DD from 2000-01-01 to 2099-12-31 */
                to: string;
            };
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The SAF-T file (application/xml), as an attachment */
            200: {
                headers: {
                    /** @description How many voucher lines the file holds */
                    "X-Saft-Lines": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/xml": string;
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listCustomerLetters: {
        parameters: {
            query?: {
                /** @description Page size (max 1000) */
                limit?: number;
                /** @description The nextCursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                companyId: string;
                customerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of letters */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["CustomerLetter"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMailSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The settings */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MailSettingsState"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putMailSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MailSettingsInput"];
            };
        };
        responses: {
            /** @description Stored */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MailSettingsState"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    emailLetter: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
                letterId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Queued */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MailMessage"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listInvoiceEmails: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                companyId: string;
                invoiceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The e-mails */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvoiceEmails"];
                };
            };
            /** @description Bad input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Role or CSRF token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
