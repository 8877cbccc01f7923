import { ApiError } from '@chronokube/core';
import { isStoreUnavailable, StoreHealth } from './store-health';
import { waitForStore } from './store-wait';

const unavailable = (): Error => Object.assign(new Error('14 UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED 127.0.0.1:1'), { code: 14 });

describe('isStoreUnavailable', () => {
  it('knows gRPC UNAVAILABLE and refused connections, and nothing else', () => {
    expect(isStoreUnavailable(unavailable())).toBe(true);
    expect(isStoreUnavailable(Object.assign(new Error('x'), { type: 'unavailable' }))).toBe(true);
    expect(isStoreUnavailable(new Error('boom'))).toBe(false);
    expect(isStoreUnavailable(new ApiError(409, 'Conflict', 'ECONNREFUSED in a message'))).toBe(false);
    expect(isStoreUnavailable(undefined)).toBe(false);
  });
});

describe('StoreHealth', () => {
  it('answers an outage with 503 + retryAfterSeconds, logging its start once and its end once', async () => {
    const lines: string[] = [];
    let up = false;
    const health = new StoreHealth({ ping: async () => { if (!up) throw unavailable(); }, log: (l) => lines.push(l), cacheMs: 0, recheckMs: 60_000 });
    for (let i = 0; i < 3; i++) {
      const err = health.translate(unavailable()) as ApiError;
      expect([err.code, err.reason, err.details?.retryAfterSeconds]).toEqual([503, 'ServiceUnavailable', 1]);
    }
    const other = new Error('not the store');
    expect(health.translate(other)).toBe(other);
    expect(await health.ready()).toBe(false);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/the event store is unavailable \(14 UNAVAILABLE/);
    up = true;
    expect(await health.ready()).toBe(true);
    expect(await health.ready()).toBe(true);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('the event store is back');
    health.stop();
  });

  it('probes at most once per cache period', async () => {
    let pings = 0;
    const health = new StoreHealth({ ping: async () => void pings++, cacheMs: 60_000 });
    await Promise.all([health.ready(), health.ready()]);
    await health.ready();
    expect(pings).toBe(1);
  });
});

describe('waitForStore', () => {
  it('retries an unreachable store with doubling delays up to 5 s, saying so once', async () => {
    const lines: string[] = [];
    const delays: number[] = [];
    let failures = 8;
    await waitForStore(async () => { if (failures-- > 0) throw unavailable(); }, 'esdb://127.0.0.1:1', (l) => lines.push(l), async (ms) => void delays.push(ms));
    expect(delays).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000, 5000]);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^chronokube api: waiting for the event store at esdb:\/\/127\.0\.0\.1:1 \(14 UNAVAILABLE/);
    expect(lines[1]).toContain('answers; starting');
  });

  it('gives up at once on anything but unavailability', async () => {
    const denied = Object.assign(new Error('access denied'), { code: 7 });
    await expect(waitForStore(async () => { throw denied; }, 'x', () => undefined, async () => undefined)).rejects.toBe(denied);
  });
});
