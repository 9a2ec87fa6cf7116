/** /api/accounts: search by name or domain, and one account's scores, reasons, contacts and history. */
import { Router } from 'express';
import { z } from 'zod';
import type { StateStore } from '../../store/store.js';
import { badRequest, HttpError } from '../http-errors.js';

const SearchSchema = z.object({ q: z.string().trim().min(1, 'give a part of a name or domain, e.g. ?q=acme').max(200), limit: z.coerce.number().int().min(1).max(100).default(20) });

export function accountRoutes(store: StateStore, connectors: () => string[]): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const query = SearchSchema.safeParse(req.query);
    if (!query.success) throw badRequest(query.error, 'bad search');
    const hits = await store.searchAccounts(query.data.q, query.data.limit);
    const accounts = await Promise.all(
      hits.map(async (hit) => {
        const score = await store.latestAccountScore(hit.source, hit.id);
        return {
          connector: hit.source,
          id: hit.id,
          name: hit.name,
          domain: hit.domain,
          score: score && { fit: score.fit.score, fitBucket: score.fit.bucket, stage: score.stage.stage, tier: score.tier.tier, qualified: score.qualified.qualified, scoredAt: score.scoredAt },
          url: `/api/accounts/${encodeURIComponent(hit.source)}/${encodeURIComponent(hit.id)}`,
        };
      }),
    );
    res.json({ accounts });
  });

  router.get('/:connector/:id', async (req, res) => {
    const { connector, id } = req.params;
    if (!connectors().includes(connector)) throw new HttpError(404, 'not_found', `connector "${connector}" is not served by this instance (served: ${connectors().join(', ')})`);
    const account = await store.getRecord(connector, 'account', id);
    if (!account) throw new HttpError(404, 'not_found', `no account ${id} from connector ${connector}`);
    const [score, contacts, stageHistory, scoreHistory] = await Promise.all([
      store.latestAccountScore(connector, id),
      store.latestContactScores(connector, id),
      store.stageHistory(connector, id),
      store.accountScoreHistory(connector, id, 100),
    ]);
    res.json({ connector, account, score, reasons: score?.reasons ?? null, contacts, stageHistory, scoreHistory });
  });
  return router;
}
