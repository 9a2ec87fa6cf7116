/**
 * `scoresync serve` against the file connector and the example CRM (300 accounts), in this process on a loopback port:
 *  1. calls and time of an idle incremental run (nothing changed in the CRM), the cost of a 1-minute schedule;
 *  2. freshness: a CRM change until its new scores are written back by the next run;
 *  3. a bounded load test of POST /api/events: events/s, p50/p99 latency, and count in = count stored.
 * Usage: npm run build && node dist/bench/serve-bench.js [--idle 5] [--clients 8] [--requests 50] [--events 20]
 * With `--connector salesforce` [--accounts 1000] [--idle 5] [--interval 5] it measures 1 and 2 against the Salesforce
 * emulator instead (serve-bench-salesforce.ts).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { normalizeDomain } from '../src/model/domain.js';
import type { RunRecord } from '../src/model/sync.js';
import { startService } from '../src/server/service.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const TOKEN = 'bench-token-0123456789abcdef';
const headers = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };
const connectorAt = process.argv.indexOf('--connector');
const connectorName = connectorAt >= 0 ? process.argv[connectorAt + 1] : 'file';

if (connectorName === 'salesforce') {
  const { salesforceServeBench } = await import('./serve-bench-salesforce.js');
  await salesforceServeBench(process.argv.slice(2));
} else if (connectorName === 'file') {
  await fileServeBench();
} else {
  console.error(`--connector ${connectorName}: the serve bench measures "file" (the example CRM) or "salesforce" (its emulator)`);
  process.exitCode = 2;
}

async function fileServeBench(): Promise<void> {

  const dir = mkdtempSync(join(tmpdir(), 'scoresync-serve-bench-'));
  const data = join(dir, 'crm');
  cpSync(resolve('examples/crm'), data, { recursive: true });
  const service = await startService(
    { config: resolve('config/scoresync.yaml'), data, state: join(dir, 'state.db'), logLevel: 'error' },
    { host: '127.0.0.1', port: 0, insecureLocal: false, scheduler: false, env: { SCORESYNC_API_TOKEN: TOKEN } },
  );

  async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${service.url}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    return { status: res.status, body: (await res.json()) as T };
  }

  async function run(body: object = {}): Promise<RunRecord> {
    const started = await api<{ runId: string }>('POST', '/api/runs', body);
    if (started.status !== 202) throw new Error(`POST /api/runs: ${started.status} ${JSON.stringify(started.body)}`);
    for (;;) {
      const r = await api<RunRecord>('GET', `/api/runs/${started.body.runId}`);
      if (r.body.finishedAt) return r.body;
      await new Promise((done) => setTimeout(done, 20));
    }
  }
  const ms = (r: RunRecord) => Date.parse(r.finishedAt!) - Date.parse(r.startedAt);

  try {
    const first = await run();
    console.log(`first run: ${first.counts.scoredAccounts} accounts scored, ${first.counts.apiCalls} calls, ${ms(first)} ms`);

    // 1. Idle incremental runs.
    const idle: RunRecord[] = [];
    for (let i = 0; i < arg('idle', 5); i++) idle.push(await run());
    const calls = idle.map((r) => r.counts.apiCalls);
    const times = idle.map(ms).sort((a, b) => a - b);
    console.log(`idle incremental runs (${idle.length}): calls per run ${[...new Set(calls)].join('/')}, ` +
      `writes ${idle.reduce((s, r) => s + r.counts.recordsWritten, 0)}, scored ${idle.reduce((s, r) => s + r.counts.scoredAccounts, 0)}, ` +
      `median ${times[Math.floor(times.length / 2)]} ms, max ${times.at(-1)} ms`);

    // 2. Freshness: a rep changes an account in the CRM; the next run writes its new scores back.
    const file = join(data, 'accounts.csv');
    const rows = parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
    const row = rows.find((r) => r.industry !== 'Software' && r.fit_bucket !== 'Strong')!;
    const before = { fit: row.fit_score, bucket: row.fit_bucket };
    row.industry = 'Software';
    row.employees = '800';
    row.modified_at = new Date().toISOString();
    writeFileSync(file, stringify(rows, { header: true, columns: Object.keys(rows[0]!) }));
    const changedAt = Date.now();
    const fresh = await run();
    const after = (parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[]).find((r) => r.id === row.id)!;
    console.log(`freshness: account ${row.id} fit ${before.fit} (${before.bucket}) -> ${after.fit_score} (${after.fit_bucket}) written back ` +
      `${Date.now() - changedAt} ms after the change by a run of ${ms(fresh)} ms (${fresh.counts.scoredAccounts} scored, ${fresh.counts.recordsWritten} written, ${fresh.counts.apiCalls} calls)`);

    // 3. Events load: clients × requests × events, each event unique (its own id), keyed by a known domain.
    const domains = rows.map((r) => normalizeDomain(r.website)).filter((d): d is string => d !== null);
    const [clients, requests, perRequest] = [arg('clients', 8), arg('requests', 50), arg('events', 20)];
    const latencies: number[] = [];
    let sent = 0;
    let stored = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        for (let i = 0; i < requests; i++) {
          const events = Array.from({ length: perRequest }, (_, e) => ({
            id: `load-${c}-${i}-${e}`,
            type: 'web_visit',
            occurredAt: new Date(Date.now() - 60_000).toISOString(),
            domain: domains[(c * 7919 + i * 31 + e) % domains.length],
          }));
          const t = performance.now();
          const res = await api<{ stored: number }>('POST', '/api/events', { events });
          latencies.push(performance.now() - t);
          if (res.status !== 202) throw new Error(`POST /api/events: ${res.status} ${JSON.stringify(res.body)}`);
          sent += perRequest;
          stored += res.body.stored;
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1);
    const { store } = service.context;
    const inStore = (await store.loadBundles('file', await store.listAccountIds('file'))).reduce((n, b) => n + b.activities.filter((a) => a.id.startsWith('event:load-')).length, 0);
    console.log(`events: ${clients} clients × ${requests} requests × ${perRequest} events = ${sent} sent in ${seconds.toFixed(2)} s: ` +
      `${Math.round(sent / seconds)} events/s, ${Math.round(latencies.length / seconds)} requests/s, latency p50 ${pct(50)} ms, p99 ${pct(99)} ms; ` +
      `stored (reported) ${stored}, in the store ${inStore}`);
    const scored = await run();
    console.log(`next run after the events: ${scored.counts.scoredAccounts} accounts scored, ${ms(scored)} ms`);
  } finally {
    await service.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
