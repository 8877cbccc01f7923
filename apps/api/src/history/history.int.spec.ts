/**
 * Time travel is exact: the state rebuilt for any past resourceVersion is
 * the state the API showed at that moment, across snapshot boundaries,
 * history pages and a restart from the snapshot file.
 */
import { startInProcess, type InProcess } from '../testing/in-process';

let h: InProcess;

beforeAll(async () => {
  // Tiny snapshot spacing so rebuilding crosses several snapshots.
  h = await startInProcess({ snapshotEvery: 7 });
});

afterAll(async () => {
  await h?.stop();
});

it('rebuilds every past version exactly, before and after a restart', async () => {
  const seen: { rv: string; data: Record<string, string> | undefined; names: string[] }[] = [];
  const snapshot = async (): Promise<void> => {
    const list = await h.call('GET', '/api/v1/namespaces/default/configmaps');
    const one = list.body.items.find((i: { metadata: { name: string } }) => i.metadata.name === 'tt');
    seen.push({ rv: list.body.metadata.resourceVersion, data: one?.data, names: list.body.items.map((i: { metadata: { name: string } }) => i.metadata.name) });
  };
  expect((await h.call('POST', '/api/v1/namespaces/default/configmaps', { metadata: { name: 'tt' }, data: { v: '0' } })).status).toBe(201);
  await snapshot();
  for (let i = 1; i <= 25; i++) {
    const r = await h.call('PATCH', '/api/v1/namespaces/default/configmaps/tt', { data: { v: String(i) } }, 'application/merge-patch+json');
    expect(r.status).toBe(200);
    if (i % 5 === 0) expect((await h.call('POST', '/api/v1/namespaces/default/configmaps', { metadata: { name: `side-${i}` } })).status).toBe(201);
    await snapshot();
  }
  expect((await h.call('DELETE', '/api/v1/namespaces/default/configmaps/tt')).status).toBe(200);
  await snapshot();

  const check = async (): Promise<void> => {
    for (const past of seen) {
      const list = await h.call('GET', `/api/v1/namespaces/default/configmaps?resourceVersion=${past.rv}&resourceVersionMatch=Exact`);
      expect(list.status).toBe(200);
      expect(list.body.metadata.resourceVersion).toBe(past.rv);
      expect(list.body.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(past.names);
      const one = list.body.items.find((i: { metadata: { name: string } }) => i.metadata.name === 'tt');
      expect(one?.data).toEqual(past.data);
    }
  };
  await check();
  await h.restartApi();
  expect(h.api.context.projection.restoredFrom).toBeGreaterThan(0);
  await check();
  const future = await h.call('GET', `/api/v1/namespaces/default/configmaps?resourceVersion=${Number(seen[seen.length - 1].rv) + 1000}&resourceVersionMatch=Exact`);
  expect(future.status).toBe(504);
  expect(future.body.message).toContain('Too large resource version');
});
