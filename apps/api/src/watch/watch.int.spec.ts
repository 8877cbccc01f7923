/**
 * Watch edge cases over real HTTP against an in-process server with small
 * limits: bookmarks arrive when asked for, a start older than the change
 * log is 410 Expired, and timeoutSeconds ends the stream.
 */
import { ADMIN_TOKEN, startInProcess, type InProcess } from '../testing/in-process';

let h: InProcess;

beforeAll(async () => {
  h = await startInProcess({ changeLogCapacity: 5, bookmarkIntervalMs: 100 });
});

afterAll(async () => {
  await h?.stop();
});

async function watchLines(query: string): Promise<{ status: number; events: any[] }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(`${h.api.url}/api/v1/namespaces/default/configmaps?watch=1&${query}`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
  const text = await res.text();
  if (res.status !== 200) return { status: res.status, events: [JSON.parse(text)] };
  return { status: res.status, events: text.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) };
}

it('sends bookmarks with the current resourceVersion when asked, and none otherwise', async () => {
  const list = await h.call('GET', '/api/v1/namespaces/default/configmaps');
  const withMarks = await watchLines(`resourceVersion=${list.body.metadata.resourceVersion}&allowWatchBookmarks=true&timeoutSeconds=1`);
  const marks = withMarks.events.filter((e) => e.type === 'BOOKMARK');
  expect(marks.length).toBeGreaterThanOrEqual(2);
  expect(marks[0].object).toEqual({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { resourceVersion: String(h.api.context.projection.state.position) } });
  const without = await watchLines(`resourceVersion=${list.body.metadata.resourceVersion}&timeoutSeconds=1`);
  expect(without.events.filter((e) => e.type === 'BOOKMARK')).toEqual([]);
});

it('answers 410 Expired for a start older than the change log holds, and serves recent ones', async () => {
  const first = await h.call('POST', '/api/v1/namespaces/default/configmaps', { metadata: { name: 'old-0' } });
  const startRv = first.body.metadata.resourceVersion;
  for (let i = 1; i <= 8; i++) expect((await h.call('POST', '/api/v1/namespaces/default/configmaps', { metadata: { name: `old-${i}` } })).status).toBe(201);
  const expired = await watchLines(`resourceVersion=${startRv}&timeoutSeconds=1`);
  expect(expired.status).toBe(410);
  expect(expired.events[0]).toMatchObject({ kind: 'Status', reason: 'Expired', code: 410 });
  expect(expired.events[0].message).toMatch(/^too old resource version: \d+ \(\d+\)$/);
  const recent = await h.call('GET', '/api/v1/namespaces/default/configmaps/old-6');
  const fresh = await watchLines(`resourceVersion=${recent.body.metadata.resourceVersion}&timeoutSeconds=1`);
  expect(fresh.status).toBe(200);
  expect(fresh.events.map((e) => e.object.metadata.name)).toEqual(['old-7', 'old-8']);
});

it('starts with the current objects when no resourceVersion is given', async () => {
  const all = await watchLines('timeoutSeconds=1');
  expect(all.events.every((e) => e.type === 'ADDED')).toBe(true);
  expect(all.events.map((e) => e.object.metadata.name)).toContain('old-8');
});
