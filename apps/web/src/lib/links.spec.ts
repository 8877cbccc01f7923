import { objectHref, pointHref, pointOf } from './links';

describe('links that carry the point', () => {
  it('adds, replaces and removes `at`, keeping the rest of the query and the fragment', () => {
    expect(pointHref('/', '123')).toBe('/?at=123');
    expect(pointHref('/workloads/?tab=pods', '123')).toBe('/workloads/?tab=pods&at=123');
    expect(pointHref('/workloads/?tab=pods&at=9', '123')).toBe('/workloads/?tab=pods&at=123');
    expect(pointHref('/workloads/?at=9&tab=pods', null)).toBe('/workloads/?tab=pods');
    expect(pointHref('/map/', null)).toBe('/map/');
    expect(pointHref('/object/', '2026-12-05T03:12:00Z', { kind: 'Pod', name: 'x' })).toBe('/object/?kind=Pod&name=x&at=2026-12-05T03%3A12%3A00Z');
    expect(pointHref('/x/?a=1#frag', '5')).toBe('/x/?a=1&at=5#frag');
    expect(pointHref(pointHref(objectHref('Pod', 'default', 'web'), '7'), '7')).toBe('/object/?kind=Pod&namespace=default&name=web&at=7');
  });

  it('reads the point of a query: none, empty and `now` are live', () => {
    expect(pointOf('?at=42')).toBe('42');
    expect(pointOf('tab=pods&at=2026-12-05T03%3A12%3A00Z')).toBe('2026-12-05T03:12:00Z');
    expect(pointOf('')).toBeNull();
    expect(pointOf('?at=')).toBeNull();
    expect(pointOf(new URLSearchParams('at=now'))).toBeNull();
  });
});
