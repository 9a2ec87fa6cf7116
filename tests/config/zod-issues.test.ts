import { z } from 'zod';
import { ConfigError } from '../../src/config/errors.js';
import { parseWithSchema } from '../../src/config/zod-issues.js';
import { thrown } from './fixtures.js';

describe('parseWithSchema', () => {
  it('splits a refinement message that carries its own fix', () => {
    const schema = z.strictObject({ id: z.string() }).superRefine((_value, ctx) => {
      ctx.addIssue({ code: 'custom', path: ['id'], message: "duplicate playbook id 'a'. Fix: give each playbook its own id." });
    });
    const error = thrown(() => parseWithSchema(schema, { id: 'a' }, 'config/scoring.yaml')) as ConfigError;
    expect(error.message).toBe("config/scoring.yaml: id: duplicate playbook id 'a'. Fix: give each playbook its own id.");
  });

  it('lists the accepted types when a union matches none', () => {
    const schema = z.strictObject({ limit: z.union([z.number(), z.boolean()]) });
    const error = thrown(() => parseWithSchema(schema, { limit: 'lots' }, 'f.yaml'));
    expect(error.message).toContain('f.yaml: limit: expected a number or true or false, got "lots"');
  });

  it('reports the problems of the branch whose type matched', () => {
    const schema = z.strictObject({ window: z.union([z.number(), z.strictObject({ days: z.number() })]) });
    const error = thrown(() => parseWithSchema(schema, { window: { dayz: 3 } }, 'f.yaml')) as ConfigError;
    expect(error.problems.map((p) => p.path).sort()).toEqual(['window.days', 'window.dayz']);
  });

  it('returns the parsed value with defaults when valid', () => {
    expect(parseWithSchema(z.strictObject({ n: z.number().default(3) }), {}, 'f.yaml')).toEqual({ n: 3 });
  });
});
