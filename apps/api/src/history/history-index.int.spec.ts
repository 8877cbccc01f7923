/**
 * The derived event index is rebuilt from the log: after a restart from the
 * projection's snapshot file (so the subscription starts late), the index
 * backfills what came before and answers exactly as before the restart.
 */
import { startInProcess, type InProcess } from '../testing/in-process';

let h: InProcess;

beforeAll(async () => {
  h = await startInProcess({ apiOnly: true });
});

afterAll(async () => {
  await h?.stop();
});

const H = '/apis/history.chronokube.io/v1';

it('answers /events, time points and /audit identically after a restart from a snapshot', async () => {
  for (let i = 0; i < 12; i++) {
    expect((await h.call('POST', '/api/v1/namespaces/default/configmaps', { metadata: { name: `c${i}` }, data: { i: String(i) } })).status).toBe(201);
  }
  const before = await h.call('GET', `${H}/events?order=asc&limit=5000`);
  expect(before.status).toBe(200);
  expect(before.body.items.length).toBeGreaterThanOrEqual(16);
  const mid = before.body.items[8];
  const atTime = await h.call('GET', `${H}/state?at=${encodeURIComponent(mid.time)}&kinds=ConfigMap`);
  const audit = await h.call('GET', `${H}/audit?result=allowed&limit=5000`);

  await h.restartApi();
  expect(h.api.context.projection.restoredFrom).toBeGreaterThan(Number(mid.resourceVersion));
  const after = await h.call('GET', `${H}/events?order=asc&limit=5000`);
  expect(after.body.items).toEqual(before.body.items);
  expect(after.body.metadata.caughtUpTo).toBe(before.body.metadata.caughtUpTo);
  expect((await h.call('GET', `${H}/state?at=${encodeURIComponent(mid.time)}&kinds=ConfigMap`)).body).toEqual(atTime.body);
  expect((await h.call('GET', `${H}/audit?result=allowed&limit=5000`)).body).toEqual(audit.body);
  // And it keeps up with what happens next.
  expect((await h.call('POST', '/api/v1/namespaces/default/configmaps', { metadata: { name: 'late' } })).status).toBe(201);
  const latest = await h.call('GET', `${H}/events?limit=1`);
  expect(latest.body.items[0]).toMatchObject({ type: 'ConfigMapCreated', object: { name: 'late' } });
});
