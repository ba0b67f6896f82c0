/**
 * One server instance for the concurrency benchmark (bench/payments-concurrency.bench.ts): serves
 * the app on a free port against the PostgreSQL schema it is given and prints `{"port": …}` on
 * its first line. Started as a child process, so two instances are two processes (two event loops).
 */
import { startServer } from '../src/server.js';

const url = process.env.BENCH_INSTANCE_URL;
const schema = process.env.BENCH_INSTANCE_SCHEMA;
if (!url || !schema) throw new Error('BENCH_INSTANCE_URL and BENCH_INSTANCE_SCHEMA are needed');
const server = await startServer({
  target: { kind: 'postgres', url, schema, poolSize: Number(process.env.BENCH_INSTANCE_POOL ?? 8) },
  port: 0,
  webhooks: false,
});
process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
const stop = () => void server.close().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
