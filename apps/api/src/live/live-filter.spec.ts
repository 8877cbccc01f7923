/** The subscribe payload's parsing and the event selection (pure). */
import type { HistoryEvent } from '@chronokube/core';
import { parseSelection, selects } from './live-filter';

const ADMIN = { name: 'admin', uid: 'a', groups: ['system:masters'] };
const NOBODY = { name: 'nobody', uid: 'n', groups: [] };

function event(kind: string, namespace?: string): HistoryEvent {
  return {
    id: 'x', resourceVersion: '7', time: '2026-12-05T00:00:00.000Z', type: `${kind}Created`, stream: 's',
    object: { kind, apiVersion: 'v1', name: 'n', ...(namespace ? { namespace } : {}) }, actor: 'a', verb: 'create', correlationId: 'c',
  };
}

describe('parseSelection', () => {
  it('defaults to now with no filters', () => {
    expect(parseSelection(undefined)).toEqual({ from: 'now' });
    expect(parseSelection({})).toEqual({ from: 'now' });
  });

  it('reads a resourceVersion and normalises kind aliases to Kind names', () => {
    const s = parseSelection({ from: '42', kinds: ['pods', 'po', 'Deployment', 'ns'], namespaces: ['a', ''] });
    expect(s.from).toBe(42);
    expect([...(s.kinds ?? [])]).toEqual(['Pod', 'Deployment', 'Namespace']);
    expect([...(s.namespaces ?? [])]).toEqual(['a', '']);
  });

  it.each([
    [[], 'must be an object'],
    ['now', 'must be an object'],
    [{ from: 42 }, 'from: must be'],
    [{ from: '-1' }, 'from: must be'],
    [{ from: '99999999999999999999' }, 'from: must be'],
    [{ kinds: 'Pod' }, 'kinds: must be an array of strings'],
    [{ namespaces: [null] }, 'namespaces: must be an array of strings'],
    [{ kinds: ['Gizmo'] }, 'unknown kind "Gizmo"'],
    [{ since: '1' }, 'unknown field "since"'],
  ])('refuses %j with a 400 naming the problem', (body, message) => {
    expect(() => parseSelection(body)).toThrow(expect.objectContaining({ code: 400, message: expect.stringContaining(message) }));
  });
});

describe('selects', () => {
  it('passes only the kinds and namespaces asked for, "" meaning cluster-scoped', () => {
    const s = parseSelection({ kinds: ['Pod', 'Node'], namespaces: ['a', ''] });
    expect(selects(s, ADMIN, event('Pod', 'a'))).toBe(true);
    expect(selects(s, ADMIN, event('Pod', 'b'))).toBe(false);
    expect(selects(s, ADMIN, event('Node'))).toBe(true);
    expect(selects(s, ADMIN, event('ConfigMap', 'a'))).toBe(false);
  });

  it('passes everything readable without filters, nothing to a user who may read no namespace', () => {
    const s = parseSelection({});
    expect(selects(s, ADMIN, event('Secret', 'kube-system'))).toBe(true);
    expect(selects(s, NOBODY, event('Pod', 'a'))).toBe(false);
  });
});
