/**
 * A real SMTP receiver for the tests (the `smtp-server` package) on a free port of 127.0.0.1: it
 * keeps every message it accepts, parsed with `mailparser`, and answers a recipient as the test
 * says (accept, a 4xx to try later, a 5xx refusal). Plain SMTP with AUTH PLAIN/LOGIN allowed
 * without TLS (loopback only), so the tests see the user name and password the worker logged in with.
 */
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpAnswer {
  code: number;
  message: string;
}

export interface TestSmtp {
  port: number;
  received: ParsedMail[];
  /** The raw envelope recipients of each accepted message, in order. */
  envelopes: string[][];
  logins: Array<{ username: string; password: string }>;
  /** Per recipient address: what to answer at RCPT TO (undefined: accept). */
  answer: (address: string) => SmtpAnswer | undefined;
  close(): Promise<void>;
}

export async function startTestSmtp(
  options: { username?: string; password?: string; answer?: (address: string) => SmtpAnswer | undefined } = {},
): Promise<TestSmtp> {
  const state: TestSmtp = {
    port: 0,
    received: [],
    envelopes: [],
    logins: [],
    answer: options.answer ?? (() => undefined),
    close: async () => {},
  };
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: options.username === undefined,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      const username = auth.username ?? '';
      const password = auth.password ?? '';
      state.logins.push({ username, password });
      if (username === options.username && password === options.password) return callback(null, { user: username });
      const error = Object.assign(new Error('Invalid username or password'), { responseCode: 535 });
      return callback(error);
    },
    onRcptTo(address, _session, callback) {
      const a = state.answer(address.address);
      if (!a) return callback();
      return callback(Object.assign(new Error(a.message), { responseCode: a.code }));
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          state.received.push(mail);
          state.envelopes.push(session.envelope.rcptTo.map((r) => r.address));
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  state.port = (server.server.address() as AddressInfo).port;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}
