/** The service's own secrets (the admin token, the alert webhook URL) never reach a log line. */
import { redactText } from '../../src/log/redact.js';
import { alertWebhook, apiToken } from '../../src/server/access.js';

describe('service secrets', () => {
  it('masks SCORESYNC_API_TOKEN and SCORESYNC_ALERT_WEBHOOK in any later log text', () => {
    const token = 'admin-token-never-logged-0123456789';
    const webhook = 'https://hooks.slack.com/services/T000/B000/never-logged';
    expect(apiToken({ SCORESYNC_API_TOKEN: token }, '127.0.0.1', false)).toBe(token);
    expect(alertWebhook({ SCORESYNC_ALERT_WEBHOOK: webhook })).toBe(webhook);
    const line = redactText(`request failed: token ${token} posting to ${webhook}`);
    expect(line).not.toContain(token);
    expect(line).not.toContain(webhook);
  });
});
