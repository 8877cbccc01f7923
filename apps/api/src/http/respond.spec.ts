import type { ServerResponse } from 'node:http';
import { ApiError } from '@chronokube/core';
import { acceptsGzip, sendError } from './respond';

/** Just enough of a ServerResponse to capture one answer. */
function capture() {
  const got: { code?: number; headers?: Record<string, unknown>; body?: string } = {};
  const res = {
    headersSent: false,
    destroyed: false,
    writeHead(code: number, headers: Record<string, unknown>) {
      got.code = code;
      got.headers = headers;
    },
    end(bytes: Buffer) {
      got.body = bytes.toString('utf8');
    },
  } as unknown as ServerResponse;
  return { res, got };
}

describe('sendError', () => {
  it('answers a store outage with 503, Retry-After and a Status, without logging a stack', () => {
    const { res, got } = capture();
    const logged: string[] = [];
    sendError(res, Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 }), (m) => logged.push(m));
    expect(got.code).toBe(503);
    expect(got.headers?.['Retry-After']).toBe('1');
    expect(JSON.parse(got.body!)).toMatchObject({ kind: 'Status', reason: 'ServiceUnavailable', details: { retryAfterSeconds: 1 } });
    expect(logged).toEqual([]);
  });

  it('still logs an unexpected error once and answers 500', () => {
    const { res, got } = capture();
    const logged: string[] = [];
    sendError(res, new Error('boom'), (m) => logged.push(m));
    expect(got.code).toBe(500);
    expect(got.headers?.['Retry-After']).toBeUndefined();
    expect(logged).toHaveLength(1);
  });

  it('sends Retry-After for any Status that names retryAfterSeconds', () => {
    const { res, got } = capture();
    sendError(res, new ApiError(504, 'Timeout', 'later', { retryAfterSeconds: 3 }));
    expect(got.headers?.['Retry-After']).toBe('3');
  });
});

describe('acceptsGzip', () => {
  it('reads Accept-Encoding as RFC 9110 says: listed or *, unless q=0', () => {
    expect(acceptsGzip('gzip')).toBe(true);
    expect(acceptsGzip('gzip, deflate, br, zstd')).toBe(true);
    expect(acceptsGzip('br;q=1.0, GZIP;q=0.5')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip(['identity', 'gzip'])).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip('')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});
