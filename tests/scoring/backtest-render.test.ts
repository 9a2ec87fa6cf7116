import { ScoringConfigSchema } from '../../src/config/scoring-schema.js';
import { buildIcpReport } from '../../src/scoring/icp-report.js';
import { backtestJson, BACKTEST_JSON_SCHEMA } from '../../src/scoring/backtest/report-json.js';
import { renderBacktestHtml } from '../../src/scoring/backtest/report-html.js';
import { renderBacktestText } from '../../src/scoring/backtest/report-text.js';
import { runBacktest } from '../../src/scoring/backtest/run-backtest.js';
import { fakeScoringApi } from './backtest-fake-api.js';
import { account, activity, bundle, opportunity, won } from './backtest-fixtures.js';

const asOf = new Date('2026-06-01T00:00:00.000Z');
const now = new Date('2026-11-01T00:00:00.000Z');
const config = ScoringConfigSchema.parse({ fit: { mode: 'auto' } });

// An industry name with markup proves every piece of data text is escaped.
const hostile = '<script>alert("x")</script> & Co';
const bundles = [
  bundle(account('h1', { industry: 'Software', employees: 100 }), { opportunities: [won('h1o', 'h1', '2026-01-10T00:00:00Z', '2026-03-01T00:00:00Z')] }),
  bundle(account('h2', { industry: 'Software', employees: 200 }), { opportunities: [won('h2o', 'h2', '2026-01-10T00:00:00Z', '2026-04-01T00:00:00Z')] }),
  bundle(account('p1', { industry: 'Software', employees: 50 }), {
    activities: [activity('p1a', 'p1', '2026-05-15T00:00:00Z')],
    opportunities: [won('p1o', 'p1', '2026-07-01T00:00:00Z', '2026-08-01T00:00:00Z')],
  }),
  bundle(account('n1', { industry: hostile, employees: 800 })),
  bundle(account('n2', { industry: hostile, employees: 600 }), { opportunities: [opportunity('n2o', 'n2', { createdAt: '2026-07-10T00:00:00Z' })] }),
];
const report = runBacktest(bundles, fakeScoringApi, config, { asOf, horizonDays: 90, now });
const icp = buildIcpReport(bundles, { minCount: 1 });

describe('backtest renderers', () => {
  it('renders a terminal table with the numbers', () => {
    const text = renderBacktestText(report, icp);
    expect(text).toContain('Backtest as of 2026-06-01, horizon 90 days (to 2026-08-30)');
    expect(text).toContain('Fit model in force as of 2026-06-01: learned (learned-v1)');
    expect(text).toMatch(/Verdicts:\n {2}opened: too few outcomes to tell/);
    expect(text).toContain('Opened an opportunity: 2 of 5 accounts (40.0%)');
    // Learned fit: Software 2/3 → 67 for h1, h2, p1; the other industry 0. Opened p1 (67) and n2 (0) vs h1, h2 (67), n1 (0):
    // p1 ties h1, h2 and beats n1 (2), n2 ties n1 (0.5) → 2.5/6. Employees: p1 50 beats none, n2 600 beats 100, 200 → 2/6.
    expect(text).toMatch(/Fit \(learned, in force\)\s+0\.417/);
    expect(text).toMatch(/Baseline: employee count\s+0\.333/);
    expect(text).toMatch(/Moderate\s+3\s+1\s+33\.3%\s+0\.83× \[/);
    expect(text).toContain('ICP report: 5 accounts, 3 won');
    expect(text.includes('\u001b[')).toBe(false);
  });

  it('writes a JSON object with a schema tag, the report and the ICP section', () => {
    const json = backtestJson(report, icp);
    expect(json.schema).toBe(BACKTEST_JSON_SCHEMA);
    expect(json.counts).toEqual(report.counts);
    expect(json.icp?.wonAccounts).toBe(3);
    const fit = json.outcomes.opened.rankers.find((r) => r.key === 'fit')!;
    expect(fit.auc.value).toBe(0.416667);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(backtestJson(report).icp).toBeNull();
  });

  it('renders self-contained, escaped HTML with charts', () => {
    const html = renderBacktestHtml(report, icp);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:/i);
    expect(html).not.toMatch(/<link|<img|@import|url\(/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(html).toContain('<svg role="img" class="chart"');
    expect(html).toContain('<polyline class="line-fit"');
    expect(html).toContain('<polyline class="line-baseline"');
    expect(html).toContain('Cumulative gain: opened an opportunity');
    expect(html).toContain('ICP report: what won accounts have in common');
    expect(html).toContain('Read with care');
    expect(html.match(/<svg/g)!.length).toBe(html.match(/<\/svg>/g)!.length);
    expect(html.match(/<table>/g)!.length).toBe(html.match(/<\/table>/g)!.length);
  });

  it('draws each gain curve from 0% to 100% of outcomes captured', () => {
    const html = renderBacktestHtml(report);
    const fitLine = /<polyline class="line-fit" fill="none" points="([^"]+)"/.exec(html)![1]!.split(' ');
    expect(fitLine).toHaveLength(21);
    expect(fitLine[0]).toBe('40,264');
    expect(fitLine[20]).toBe('280,24');
  });
});
