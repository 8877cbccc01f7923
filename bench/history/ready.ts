/**
 * Waits until a restarted server's history API answers: it does once the
 * event index has read the log back (requests wait, or 503 while the
 * projection catches up); a wait longer than the client's timeout (status
 * 0) is asked again. Probes are not counted as the bench's problems.
 */
import { ApiClient } from '../api/client';
import { Problems } from '../api/problems';
import type { ApiServer } from '../api/server';

export async function waitForHistoryApi(server: ApiServer, t0: number, timeoutMs: number, pollMs: number): Promise<void> {
  const probing = new ApiClient(server.endpoint, new Problems(), 1);
  try {
    for (;;) {
      const probe = await probing.send('GET', '/apis/history.chronokube.io/v1/events?limit=1', { scenario: 'ready' });
      if (probe.ok) return;
      if (probe.status !== 503 && probe.status !== 0) throw new Error(`history API: ${probe.status} ${probe.body.toString('utf8').slice(0, 300)}`);
      if (performance.now() - t0 > timeoutMs) throw new Error(`history API not answering ${timeoutMs / 1000} s after the restart`);
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  } finally {
    probing.close();
  }
}
