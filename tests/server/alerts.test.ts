/**
 * Alerts to SCORESYNC_ALERT_WEBHOOK, against a loopback receiver: failed and partial runs and a budget under the
 * reserve post a short Slack-compatible message; a failing webhook is retried; an unreachable one never fails a run.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import request from 'supertest';
import { createLogger } from '../../src/log/logger.js';
import { emptyCounts, type RunRecord } from '../../src/model/sync.js';
import { AlertSender, runAlerts, type AlertMessage } from '../../src/server/alerts.js';
import { AUTH, serve, serviceProject, TOKEN, until } from './service-harness.js';

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterAll(() => nock.enableNetConnect());

interface Receiver {
  url: string;
  bodies: AlertMessage[];
  close(): Promise<void>;
}

/** A webhook that answers each request with the next status of `statuses` (then 200). */
async function receiver(statuses: number[] = []): Promise<Receiver> {
  const bodies: AlertMessage[] = [];
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      bodies.push(JSON.parse(text) as AlertMessage);
      res.statusCode = statuses.shift() ?? 200;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const run = (over: Partial<RunRecord>): RunRecord => ({ id: 'run-1', connector: 'salesforce', mode: 'run', status: 'succeeded', startedAt: '', finishedAt: '', counts: emptyCounts(), errors: [], ...over });
const noBudget = { limit: null, remaining: null };
const logger = createLogger({ silent: true });
const noWait = async () => undefined;

describe('which runs alert', () => {
  it('failed, partial, and under the reserve; a good run with budget left does not', () => {
    expect(runAlerts({ run: run({}), budget: { limit: 1000, remaining: 500 }, reservePercent: 10 })).toEqual([]);
    expect(runAlerts({ run: run({ status: 'failed', errors: ['login refused'] }), budget: noBudget, reservePercent: 10 })).toEqual([
      { kind: 'run_failed', runId: 'run-1', connector: 'salesforce', text: 'ScoreSync run run-1 (salesforce) failed: login refused' },
    ]);
    const partial = runAlerts({ run: run({ status: 'partial', counts: { ...emptyCounts(), writeFailures: 3, writesWaiting: 3 } }), budget: { limit: 1000, remaining: 50 }, reservePercent: 10 });
    expect(partial.map((a) => a.kind)).toEqual(['run_partial', 'budget_low']);
    expect(partial[1]!.text).toBe('ScoreSync (salesforce): the CRM API budget is under the 10% reserve after run run-1: 50 of 1000 calls left');
  });
});

describe('posting alerts', () => {
  it('retries a webhook that fails, with the same short JSON body', async () => {
    const hook = await receiver([503, 500]);
    try {
      const sender = new AlertSender({ url: hook.url, logger, sleep: noWait });
      const message: AlertMessage = { kind: 'run_failed', runId: 'r', connector: 'file', text: 'ScoreSync run r (file) failed' };
      sender.send(message);
      await sender.flush();
      expect(hook.bodies).toEqual([message, message, message]);
    } finally {
      await hook.close();
    }
  });

  it('gives up quietly on an unreachable webhook or a 4xx, without throwing', async () => {
    const hook = await receiver([404]);
    await hook.close();
    const warnings: string[] = [];
    const spy = { ...logger, warn: (m: string) => void warnings.push(m) };
    const sender = new AlertSender({ url: hook.url, logger: spy, sleep: noWait, attempts: 3 });
    sender.send({ kind: 'run_failed', runId: 'r', connector: 'file', text: 'x' });
    await expect(sender.flush()).resolves.toBeUndefined();
    expect(warnings).toEqual(['could not post an alert to SCORESYNC_ALERT_WEBHOOK; the run is not affected']);

    const gone = await receiver([404, 404]);
    try {
      const once = new AlertSender({ url: gone.url, logger, sleep: noWait });
      once.send({ kind: 'run_failed', runId: 'r', connector: 'file', text: 'x' });
      await once.flush();
      expect(gone.bodies).toHaveLength(1);
    } finally {
      await gone.close();
    }
  });
});

describe('a service run that fails', () => {
  it('posts an alert to SCORESYNC_ALERT_WEBHOOK and the service keeps serving', async () => {
    const hook = await receiver();
    const project = serviceProject(4);
    const service = await serve(project, { env: { SCORESYNC_API_TOKEN: TOKEN, SCORESYNC_ALERT_WEBHOOK: hook.url } });
    try {
      rmSync(join(project.data, 'accounts.csv'));
      const res = await request(service.url).post('/api/runs').set(AUTH).send({});
      expect(res.status).toBe(202);
      const alert = await until(async () => hook.bodies[0]);
      expect(alert).toMatchObject({ kind: 'run_failed', runId: res.body.runId, connector: 'file', text: expect.stringMatching(/^ScoreSync run \S+ \(file\) failed: the file mapping does not match/) });
      const stored = await request(service.url).get(`/api/runs/${res.body.runId}`).set(AUTH);
      expect(stored.body.status).toBe('failed');
      expect((await request(service.url).get('/healthz')).status).toBe(200);
      const metrics = await request(service.url).get('/metrics');
      expect(metrics.text).toMatch(/scoresync_runs_total\{connector="file",mode="run",status="failed"\} 1/);
    } finally {
      await service.close();
      await hook.close();
      project.cleanup();
    }
  });
});
