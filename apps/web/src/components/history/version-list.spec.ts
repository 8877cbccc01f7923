import type { TimelineEntry } from '@chronokube/core';
import { pointHref, objectAtHref } from './point-href';
import { typeTone, versionAtPoint, versionItems } from './version-list';

const entry = (rv: string, type: string, generation = 1): TimelineEntry => ({
  id: `e${rv}`, resourceVersion: rv, time: '2026-12-05T03:00:00.000Z', type, stream: 'pod-default.web', actor: 'alice', verb: 'create', correlationId: 'c', generation, deleted: type.endsWith('Deleted'), patch: [], fields: [],
});

describe('object history versions', () => {
  const entries = [entry('10', 'PodCreated'), entry('12', 'PodBound'), entry('15', 'PodDeleted'), entry('20', 'PodCreated', 2)];

  it('given a timeline, then newest first, each with the version before it and the re-create marked', () => {
    const items = versionItems(entries);
    expect(items.map((i) => [i.entry.resourceVersion, i.previous?.resourceVersion, i.recreated])).toEqual([['20', '15', true], ['15', '12', false], ['12', '10', false], ['10', undefined, false]]);
  });

  it('given a point, then the version in force then (none before the first, none for a time)', () => {
    expect(versionAtPoint(entries, '13')).toBe('12');
    expect(versionAtPoint(entries, '12')).toBe('12');
    expect(versionAtPoint(entries, '9')).toBeUndefined();
    expect(versionAtPoint(entries, '2026-12-05T03:00:00Z')).toBeUndefined();
    expect(versionAtPoint(entries, null)).toBeUndefined();
  });

  it('given event types, then creations ok, deletions bad, bindings and scales marked', () => {
    expect(['PodCreated', 'PodDeleted', 'PodDeletionRequested', 'PodBound', 'PodStatusChanged'].map(typeTone)).toEqual(['ok', 'bad', 'bad', 'warn', '']);
  });
});

describe('point links', () => {
  it('given a path, params and a point, then at is set last, replaced, or removed for live', () => {
    expect(pointHref('/object/', '123', { kind: 'Pod', name: 'x' })).toBe('/object/?kind=Pod&name=x&at=123');
    expect(pointHref('/?at=5&incident=i', '7')).toBe('/?incident=i&at=7');
    expect(pointHref('/?at=5', null)).toBe('/');
    expect(pointHref('/why/#top', '2026-12-05T03:12:00Z')).toBe('/why/?at=2026-12-05T03%3A12%3A00Z#top');
    expect(objectAtHref('Node', undefined, 'n1', '9', 'history')).toBe('/object/?kind=Node&name=n1&tab=history&at=9');
  });
});
