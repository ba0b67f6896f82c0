// generated — do not edit.
// The Innfri agency API v1, as served at GET /agency/v1/openapi.json, turned into types by openapi-typescript.
// Regenerate with `npm run generate:agency-client` (packages/agency-client/scripts/generate.ts);
// test/e2e/agency-client-package.test.ts fails while this file differs from the served document.

export interface paths {
    "/agency/v1/clients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Companies that have activated this agency */
        get: operations["listClients"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/agency/v1/clients/{clientId}/available-invoices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Invoices on the approved list for this agency, not yet in a case */
        get: operations["listAvailableInvoices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/agency/v1/clients/{clientId}/invoices/{invoiceId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One invoice handed to this agency, wherever it now is */
        get: operations["getInvoice"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/agency/v1/clients/{clientId}/invoices/{invoiceId}/matched-items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every ledger entry matched to the invoice */
        get: operations["listMatchedItems"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/agency/v1/clients/{clientId}/invoices/{invoiceId}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Decline the invoice: back to the reminder list with next action wait */
        post: operations["rejectInvoice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/agency/v1/clients/{clientId}/cases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Cases of this agency for this client */
        get: operations["listCases"];
        put?: never;
        /** Open a case with invoices of one customer */
        post: operations["createCase"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/agency/v1/clients/{clientId}/cases/{caseNumber}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One case */
        get: operations["getCase"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/agency/v1/clients/{clientId}/cases/{caseNumber}/invoices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** More invoices of the same customer into the case */
        post: operations["addInvoicesToCase"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/agency/v1/clients/{clientId}/cases/{caseNumber}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Report a status (paid, withdrawn and closed archive the case) */
        post: operations["reportCaseStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/agency/v1/clients/{clientId}/cases/{caseNumber}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Give the case back: its invoices go to the reminder list; the case is archived as rejected */
        post: operations["rejectCase"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/agency/v1/clients/{clientId}/cases/merge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Several cases of one customer become one */
        post: operations["mergeCases"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/agency/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The event feed, across clients, in commit order */
        get: operations["listEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/agency/v1/webhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The webhook subscription and its delivery state */
        get: operations["getWebhook"];
        /** Subscribe to the same events by webhook (Standard Webhooks signatures) */
        put: operations["setWebhook"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/agency/v1/clients/{clientId}/settlements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Post a settlement (oppgjør): one balanced voucher, principal matched per invoice */
        post: operations["postSettlement"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/agency/v1/clients/{clientId}/settlements/{reference}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A settlement and its voucher */
        get: operations["getSettlement"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oauth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** OAuth2 client credentials: an access token (Bearer) for the agency API */
        post: operations["requestAccessToken"];
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
        /** @description A company (creditor) that has activated this agency */
        Client: {
            id: string;
            name: string;
            organizationNumber: string;
            vatRegistered: boolean;
        };
        Problem: {
            type: string;
            title: string;
            status: number;
            detail: string;
            code: string;
        } & {
            [key: string]: unknown;
        };
        Invoice: {
            id: string;
            invoiceNumber: number;
            customer: {
                id: string;
                customerNumber: number;
                name: string;
                /** @enum {string} */
                type: "person" | "company";
                organizationNumber?: string;
                email?: string;
                address: {
                    line: string | null;
                    postalCode: string | null;
                    city: string | null;
                    country: string;
                };
            };
            /** Format: date */
            issueDate: string;
            /** Format: date */
            dueDate: string;
            currency: string;
            /** @description øre (1 kr = 100 øre) */
            originalAmount: number;
            /** @description What is open now, in øre */
            remainingAmount: number;
            kid: string;
            reminders: {
                /** @enum {string} */
                type: "reminder" | "collection_notice";
                sentDate: string;
                dueDate: string;
                /** @description øre (1 kr = 100 øre) */
                feeAmount: number;
            }[];
            /** @enum {string} */
            collectionStatus: "approved" | "in_case" | "archived" | "rejected";
            caseNumber: string | null;
            /**
             * @description Who sends the inkassovarsel (collection notice, inkassoloven § 9): `creditor` — the creditor sent it before the handover and its deadline has run out (it is in `reminders`); `agency` — the creditor left it to you: send it before any further step. Absent for handovers made before this was recorded.
             * @enum {string}
             */
            collectionNoticeBy?: "creditor" | "agency";
        };
        MatchedItem: {
            matchId: number;
            voucherId: string;
            /** @enum {string} */
            voucherType: "invoice" | "credit_note" | "payment" | "manual" | "write_off" | "settlement" | "reminder_fee";
            voucherNumber: string;
            date: string;
            /** @description øre (1 kr = 100 øre) */
            amount: number;
            /** @description A write-off («Avskriv»): the creditor took a loss; the claim is not paid */
            isWriteOff: boolean;
            /** @description Matched from a manual voucher: look closer before treating it as paid */
            isManual: boolean;
            matchedAt: string;
            /** @description The match was undone later (an unmatch) */
            undone: boolean;
        };
        Reject: {
            reason: string;
        };
        Case: {
            caseNumber: string;
            url: string | null;
            status: ("registered" | "collection_notice" | "payment_demand" | "payment_plan" | "disputed" | "legal" | "surveillance" | "paid" | "withdrawn" | "closed") | "rejected";
            statusText: string | null;
            /** @enum {string} */
            state: "open" | "archived";
            /** @description øre (1 kr = 100 øre) */
            agencyBalance: number | null;
            customer: {
                id: string;
                customerNumber: number;
                name: string;
                /** @enum {string} */
                type: "person" | "company";
                organizationNumber: string | null;
            };
            invoices: {
                id: string;
                invoiceNumber: number;
                /** @description øre (1 kr = 100 øre) */
                originalAmount: number;
                /** @description øre (1 kr = 100 øre) */
                remainingAmount: number;
            }[];
            createdAt: string;
            updatedAt: string;
            archivedAt: string | null;
            history: {
                status: string | null;
                statusText: string | null;
                at: string;
            }[];
        };
        NewCase: {
            caseNumber: string;
            invoiceIds: string[];
            /** Format: uri */
            url?: string;
            /** @enum {string} */
            status?: "registered" | "collection_notice" | "payment_demand" | "payment_plan" | "disputed" | "legal" | "surveillance" | "paid" | "withdrawn" | "closed";
            statusText?: string;
        };
        AddInvoices: {
            invoiceIds: string[];
        };
        StatusUpdate: {
            /** @enum {string} */
            status: "registered" | "collection_notice" | "payment_demand" | "payment_plan" | "disputed" | "legal" | "surveillance" | "paid" | "withdrawn" | "closed";
            statusText?: string | null;
            /**
             * @description Amount in øre, an integer ≥ 0
             * @example 0
             */
            agencyBalance?: number | null;
            /** Format: uri */
            url?: string | null;
        };
        Merge: {
            caseNumbers: string[];
            into: string;
            /** Format: uri */
            url?: string;
        };
        Event: {
            /** @description The event’s position: the cursor for ?after= */
            id: string;
            /** @enum {string} */
            type: "invoice.available" | "invoice.payment" | "invoice.credit_note" | "invoice.write_off" | "invoice.manual_match" | "invoice.unmatched" | "invoice.settlement" | "invoice.recalled";
            occurredAt: string;
            clientId: string;
            invoiceId: string;
            invoiceNumber: number;
            caseNumber: string | null;
            voucherId: string | null;
            /** @enum {string|null} */
            voucherType: "invoice" | "credit_note" | "payment" | "manual" | "write_off" | "settlement" | "reminder_fee" | null;
            /** @description øre (1 kr = 100 øre) */
            amount: number;
            /** @description The invoice’s open amount after the event */
            remainingAmount: number;
            kid: string | null;
            isWriteOff: boolean;
            isManual: boolean;
        };
        WebhookSubscription: {
            /** Format: uri */
            url: string;
            /** @description Your signing secret (Standard Webhooks, e.g. whsec_<base64>) */
            secret: string;
        };
        Settlement: {
            reference: string;
            clientId: string;
            settlementDate: string;
            /** @description øre (1 kr = 100 øre) */
            bankAmount: number;
            lines: {
                caseNumber: string;
                /**
                 * Format: uuid
                 * @description Required on principal lines, refused on the others
                 */
                invoiceId?: string;
                /**
                 * @description principal: closes that much of the invoice; interest: interest income; fee: the creditor’s reminder fees recovered; cost: collection cost the creditor pays; vat: input VAT on the agency’s fee
                 * @enum {string}
                 */
                type: "principal" | "interest" | "fee" | "cost" | "vat";
                /**
                 * @description øre, 1 to 10000000000000 (100 billion kr); the lines of one type together at most that too
                 * @example 125000
                 */
                amount: number;
            }[];
            /** @description The remittance statement (remisseoppstilling): its lines in the order the agency sent them (an object sent in the older form, in the order of its keys); null when none was sent */
            statement: components["schemas"]["StatementLine"][] | null;
            /** @enum {string} */
            status: "pending_approval" | "posted" | "rejected";
            voucherId: string | null;
            voucher: {
                id: string;
                number: string;
                postings: {
                    account: number;
                    /** @description Debit positive, credit negative */
                    amount: number;
                    description: string;
                    invoiceId: string | null;
                }[];
            } | null;
            rejectReason: string | null;
            createdAt: string;
            decidedAt: string | null;
        };
        StatementLine: {
            /** @description The line’s label, in the agency’s words */
            label: string;
            /** @description A sum, in øre (negative for a deduction) */
            amount?: number;
            /** @description A text instead of a sum (a note, a count, a rate) */
            text?: string;
        };
        NewSettlement: {
            reference: string;
            /**
             * Format: date
             * @description A date: a calendar date YYYY-MM-DD from 2000-01-01 to 2099-12-31
             * @example 2026-11-20
             */
            settlementDate: string;
            /**
             * @description øre, 0 to 10000000000000 (100 billion kr)
             * @example 0
             */
            bankAmount: number;
            lines: {
                caseNumber: string;
                /**
                 * Format: uuid
                 * @description Required on principal lines, refused on the others
                 */
                invoiceId?: string;
                /**
                 * @description principal: closes that much of the invoice; interest: interest income; fee: the creditor’s reminder fees recovered; cost: collection cost the creditor pays; vat: input VAT on the agency’s fee
                 * @enum {string}
                 */
                type: "principal" | "interest" | "fee" | "cost" | "vat";
                /**
                 * @description øre, 1 to 10000000000000 (100 billion kr); the lines of one type together at most that too
                 * @example 125000
                 */
                amount: number;
            }[];
            /**
             * @description Optional: the remittance statement (remisseoppstilling), an ordered list of labelled lines (each an amount in øre or a text), kept in the order sent and shown on each case it names. The older object form ({"key": value, …}) is still accepted: each member becomes a line labelled with its key, in the order written, integers as øre.
             * @example [
             *       {
             *         "label": "Innbetalt fra skyldner",
             *         "amount": 1250000
             *       },
             *       {
             *         "label": "Salær",
             *         "amount": -70000
             *       },
             *       {
             *         "label": "Merknad",
             *         "text": "Delbetaling 2 av 3"
             *       }
             *     ]
             */
            statement?: components["schemas"]["StatementLine"][] | {
                [key: string]: unknown;
            };
        };
        Token: {
            access_token: string;
            /** @enum {string} */
            token_type: "Bearer";
            expires_in: number;
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
    listClients: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Clients */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Client"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad input: the `detail` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token (or, at /oauth/token, unknown client or wrong secret: code invalid_client) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found — or not granted to this agency, which looks the same */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: case_exists, case_archived, settlement_exists, idempotency_key_reused, invalid_transition */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 1 MiB (a settlement: 16 MiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Send application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule: customer_mismatch, invoice_not_available, overpaid, settlement_unbalanced, webhook_url_not_allowed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Past the rate limit: wait the seconds in Retry-After */
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
    listAvailableInvoices: {
        parameters: {
            query?: {
                /** @description Page size, at most 1000 */
                limit?: number;
                /** @description The nextCursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                clientId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Available invoices */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Invoice"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad input: the `detail` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token (or, at /oauth/token, unknown client or wrong secret: code invalid_client) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found — or not granted to this agency, which looks the same */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: case_exists, case_archived, settlement_exists, idempotency_key_reused, invalid_transition */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 1 MiB (a settlement: 16 MiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Send application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule: customer_mismatch, invoice_not_available, overpaid, settlement_unbalanced, webhook_url_not_allowed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Past the rate limit: wait the seconds in Retry-After */
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
    getInvoice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                clientId: string;
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
                    "application/json": components["schemas"]["Invoice"];
                };
            };
            /** @description Bad input: the `detail` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token (or, at /oauth/token, unknown client or wrong secret: code invalid_client) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found — or not granted to this agency, which looks the same */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: case_exists, case_archived, settlement_exists, idempotency_key_reused, invalid_transition */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 1 MiB (a settlement: 16 MiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Send application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule: customer_mismatch, invoice_not_available, overpaid, settlement_unbalanced, webhook_url_not_allowed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Past the rate limit: wait the seconds in Retry-After */
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
    listMatchedItems: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                clientId: string;
                invoiceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Matched items */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["MatchedItem"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad input: the `detail` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token (or, at /oauth/token, unknown client or wrong secret: code invalid_client) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found — or not granted to this agency, which looks the same */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: case_exists, case_archived, settlement_exists, idempotency_key_reused, invalid_transition */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 1 MiB (a settlement: 16 MiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Send application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule: customer_mismatch, invoice_not_available, overpaid, settlement_unbalanced, webhook_url_not_allowed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Past the rate limit: wait the seconds in Retry-After */
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
    rejectInvoice: {
        parameters: {
            query?: never;
            header?: {
                /** @description Idempotency-Key: the same key and body give the first answer again; another body is 409 */
                "idempotency-key"?: string;
            };
            path: {
                clientId: string;
                invoiceId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Reject"];
            };
        };
        responses: {
            /** @description Given back */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invoice"];
                };
            };
            /** @description Bad input: the `detail` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token (or, at /oauth/token, unknown client or wrong secret: code invalid_client) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found — or not granted to this agency, which looks the same */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: case_exists, case_archived, settlement_exists, idempotency_key_reused, invalid_transition */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 1 MiB (a settlement: 16 MiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Send application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule: customer_mismatch, invoice_not_available, overpaid, settlement_unbalanced, webhook_url_not_allowed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Past the rate limit: wait the seconds in Retry-After */
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
    listCases: {
        parameters: {
            query?: {
                state?: "open" | "archived";
                /** @description Page size, at most 1000 */
                limit?: number;
                /** @description The nextCursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                clientId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Cases */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Case"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad input: the `detail` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token (or, at /oauth/token, unknown client or wrong secret: code invalid_client) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found — or not granted to this agency, which looks the same */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: case_exists, case_archived, settlement_exists, idempotency_key_reused, invalid_transition */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 1 MiB (a settlement: 16 MiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Send application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule: customer_mismatch, invoice_not_available, overpaid, settlement_unbalanced, webhook_url_not_allowed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Past the rate limit: wait the seconds in Retry-After */
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
    createCase: {
        parameters: {
            query?: never;
            header?: {
                /** @description Idempotency-Key: the same key and body give the first answer again; another body is 409 */
                "idempotency-key"?: string;
            };
            path: {
                clientId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewCase"];
            };
        };
        responses: {
            /** @description The case */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Case"];
                };
            };
            /** @description Bad input: the `detail` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token (or, at /oauth/token, unknown client or wrong secret: code invalid_client) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found — or not granted to this agency, which looks the same */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: case_exists, case_archived, settlement_exists, idempotency_key_reused, invalid_transition */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 1 MiB (a settlement: 16 MiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Send application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule: customer_mismatch, invoice_not_available, overpaid, settlement_unbalanced, webhook_url_not_allowed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Past the rate limit: wait the seconds in Retry-After */
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
    getCase: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                clientId: string;
                caseNumber: string;
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
                    "application/json": components["schemas"]["Case"];
                };
            };
            /** @description Bad input: the `detail` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token (or, at /oauth/token, unknown client or wrong secret: code invalid_client) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found — or not granted to this agency, which looks the same */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: case_exists, case_archived, settlement_exists, idempotency_key_reused, invalid_transition */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 1 MiB (a settlement: 16 MiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Send application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule: customer_mismatch, invoice_not_available, overpaid, settlement_unbalanced, webhook_url_not_allowed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Past the rate limit: wait the seconds in Retry-After */
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
    addInvoicesToCase: {
        parameters: {
            query?: never;
            header?: {
                /** @description Idempotency-Key: the same key and body give the first answer again; another body is 409 */
                "idempotency-key"?: string;
            };
            path: {
                clientId: string;
                caseNumber: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AddInvoices"];
            };
        };
        responses: {
            /** @description The case */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Case"];
                };
            };
            /** @description Bad input: the `detail` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token (or, at /oauth/token, unknown client or wrong secret: code invalid_client) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found — or not granted to this agency, which looks the same */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: case_exists, case_archived, settlement_exists, idempotency_key_reused, invalid_transition */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 1 MiB (a settlement: 16 MiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Send application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule: customer_mismatch, invoice_not_available, overpaid, settlement_unbalanced, webhook_url_not_allowed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Past the rate limit: wait the seconds in Retry-After */
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
    reportCaseStatus: {
        parameters: {
            query?: never;
            header?: {
                /** @description Idempotency-Key: the same key and body give the first answer again; another body is 409 */
                "idempotency-key"?: string;
            };
            path: {
                clientId: string;
                caseNumber: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StatusUpdate"];
            };
        };
        responses: {
            /** @description The case */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Case"];
                };
            };
            /** @description Bad input: the `detail` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token (or, at /oauth/token, unknown client or wrong secret: code invalid_client) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found — or not granted to this agency, which looks the same */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: case_exists, case_archived, settlement_exists, idempotency_key_reused, invalid_transition */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 1 MiB (a settlement: 16 MiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Send application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule: customer_mismatch, invoice_not_available, overpaid, settlement_unbalanced, webhook_url_not_allowed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Past the rate limit: wait the seconds in Retry-After */
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
    rejectCase: {
        parameters: {
            query?: never;
            header?: {
                /** @description Idempotency-Key: the same key and body give the first answer again; another body is 409 */
                "idempotency-key"?: string;
            };
            path: {
                clientId: string;
                caseNumber: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Reject"];
            };
        };
        responses: {
            /** @description The case */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Case"];
                };
            };
            /** @description Bad input: the `detail` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token (or, at /oauth/token, unknown client or wrong secret: code invalid_client) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found — or not granted to this agency, which looks the same */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: case_exists, case_archived, settlement_exists, idempotency_key_reused, invalid_transition */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 1 MiB (a settlement: 16 MiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Send application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule: customer_mismatch, invoice_not_available, overpaid, settlement_unbalanced, webhook_url_not_allowed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Past the rate limit: wait the seconds in Retry-After */
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
    mergeCases: {
        parameters: {
            query?: never;
            header?: {
                /** @description Idempotency-Key: the same key and body give the first answer again; another body is 409 */
                "idempotency-key"?: string;
            };
            path: {
                clientId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Merge"];
            };
        };
        responses: {
            /** @description The merged case */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Case"];
                };
            };
            /** @description Bad input: the `detail` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token (or, at /oauth/token, unknown client or wrong secret: code invalid_client) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found — or not granted to this agency, which looks the same */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: case_exists, case_archived, settlement_exists, idempotency_key_reused, invalid_transition */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 1 MiB (a settlement: 16 MiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Send application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule: customer_mismatch, invoice_not_available, overpaid, settlement_unbalanced, webhook_url_not_allowed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Past the rate limit: wait the seconds in Retry-After */
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
    listEvents: {
        parameters: {
            query?: {
                after?: string;
                /** @description Page size, at most 1000 */
                limit?: number;
                clientId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Events */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Event"][];
                        /** @description Pass as ?after= next time (an empty page hands back the same cursor) */
                        nextCursor: string;
                    };
                };
            };
            /** @description Bad input: the `detail` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token (or, at /oauth/token, unknown client or wrong secret: code invalid_client) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found — or not granted to this agency, which looks the same */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: case_exists, case_archived, settlement_exists, idempotency_key_reused, invalid_transition */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 1 MiB (a settlement: 16 MiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Send application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule: customer_mismatch, invoice_not_available, overpaid, settlement_unbalanced, webhook_url_not_allowed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Past the rate limit: wait the seconds in Retry-After */
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
    getWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The subscription */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        url: string;
                        deliveredPosition: string;
                        failingSince: string | null;
                        attempts: number;
                        nextAttemptAt: string;
                        disabled: boolean;
                    };
                };
            };
            /** @description Bad input: the `detail` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token (or, at /oauth/token, unknown client or wrong secret: code invalid_client) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found — or not granted to this agency, which looks the same */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: case_exists, case_archived, settlement_exists, idempotency_key_reused, invalid_transition */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 1 MiB (a settlement: 16 MiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Send application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule: customer_mismatch, invoice_not_available, overpaid, settlement_unbalanced, webhook_url_not_allowed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Past the rate limit: wait the seconds in Retry-After */
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
    setWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookSubscription"];
            };
        };
        responses: {
            /** @description Subscribed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        url: string;
                        deliveredPosition: string;
                        createdAt: string;
                    };
                };
            };
            /** @description Bad input: the `detail` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token (or, at /oauth/token, unknown client or wrong secret: code invalid_client) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found — or not granted to this agency, which looks the same */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: case_exists, case_archived, settlement_exists, idempotency_key_reused, invalid_transition */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 1 MiB (a settlement: 16 MiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Send application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule: customer_mismatch, invoice_not_available, overpaid, settlement_unbalanced, webhook_url_not_allowed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Past the rate limit: wait the seconds in Retry-After */
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
    postSettlement: {
        parameters: {
            query?: never;
            header?: {
                /** @description Idempotency-Key: the same key and body give the first answer again; another body is 409 */
                "idempotency-key"?: string;
            };
            path: {
                clientId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewSettlement"];
            };
        };
        responses: {
            /** @description The same reference and body again: the same settlement */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Settlement"];
                };
            };
            /** @description Received (posted, or pending the creditor’s approval) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Settlement"];
                };
            };
            /** @description Bad input: the `detail` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token (or, at /oauth/token, unknown client or wrong secret: code invalid_client) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found — or not granted to this agency, which looks the same */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: case_exists, case_archived, settlement_exists, idempotency_key_reused, invalid_transition */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 1 MiB (a settlement: 16 MiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Send application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule: customer_mismatch, invoice_not_available, overpaid, settlement_unbalanced, webhook_url_not_allowed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Past the rate limit: wait the seconds in Retry-After */
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
    getSettlement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                clientId: string;
                reference: string;
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
                    "application/json": components["schemas"]["Settlement"];
                };
            };
            /** @description Bad input: the `detail` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token (or, at /oauth/token, unknown client or wrong secret: code invalid_client) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found — or not granted to this agency, which looks the same */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: case_exists, case_archived, settlement_exists, idempotency_key_reused, invalid_transition */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 1 MiB (a settlement: 16 MiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Send application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule: customer_mismatch, invoice_not_available, overpaid, settlement_unbalanced, webhook_url_not_allowed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Past the rate limit: wait the seconds in Retry-After */
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
    requestAccessToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    grant_type: string;
                    client_id?: string;
                    client_secret?: string;
                    scope?: string;
                };
            };
        };
        responses: {
            /** @description An access token */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Token"];
                };
            };
            /** @description Bad input: the `detail` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token (or, at /oauth/token, unknown client or wrong secret: code invalid_client) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found — or not granted to this agency, which looks the same */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: case_exists, case_archived, settlement_exists, idempotency_key_reused, invalid_transition */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 1 MiB (a settlement: 16 MiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Send application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Breaks a business rule: customer_mismatch, invoice_not_available, overpaid, settlement_unbalanced, webhook_url_not_allowed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Past the rate limit: wait the seconds in Retry-After */
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
}
