import { causalityReport, causeChain, causeTree, rootKind, why } from './why';
import type { CauseNode, HistoryEvent } from './types';

let pos = 0;
function ev(id: string, type: string, actor: string, causationId: string | undefined, correlationId = 'c1'): HistoryEvent {
  pos += 1;
  return {
    id, resourceVersion: String(pos * 10), time: '2026-12-05T03:00:00.000Z', type, stream: 'x', object: { kind: 'Pod', apiVersion: 'v1', name: id },
    actor, verb: 'update', correlationId, ...(causationId ? { causationId } : {}),
  };
}

// Given the story of `kubectl scale`: a user request and everything it caused.
const scaled = ev('scaled', 'DeploymentScaled', 'alice', 'request-1');
const rs = ev('rs', 'ReplicaSetScaled', 'system:controller:deployment', 'scaled');
const p1 = ev('p1', 'PodCreated', 'system:controller:replicaset', 'rs');
const p2 = ev('p2', 'PodCreated', 'system:controller:replicaset', 'rs');
const bound = ev('bound', 'PodBound', 'system:controller:default-scheduler', 'p1');
const running = ev('running', 'PodStatusChanged', 'system:node:n1', 'bound');
const p3 = ev('p3', 'PodCreated', 'system:controller:replicaset', 'rs');
// ... a heartbeat, a controller reacting to time, a broken link, and a cycle.
const heartbeat = ev('hb', 'NodeStatusChanged', 'system:node:n1', 'c-hb', 'c-hb');
const silent = ev('silent', 'NodeReadinessChanged', 'system:controller:node-lifecycle', undefined, 'c-nl');
const orphan = ev('orphan', 'PodBound', 'system:controller:default-scheduler', 'missing-event', 'c9');
const loopA = ev('loopA', 'PodUpdated', 'system:controller:x', 'loopB', 'c8');
const loopB = ev('loopB', 'PodUpdated', 'system:controller:x', 'loopA', 'c8');
const all = [scaled, rs, p1, p2, bound, running, p3, heartbeat, silent, orphan, loopA, loopB];
const byId = new Map(all.map((e) => [e.id, e]));
const lookup = (id: string): HistoryEvent | undefined => byId.get(id);

function shape(n: CauseNode): unknown {
  return n.children.length ? { [n.event.id]: n.children.map(shape) } : n.event.id;
}

describe('causeChain', () => {
  it('given the kubelet status change, then the chain reaches the user request, subject first', () => {
    expect(causeChain(running, lookup).map((e) => e.id)).toEqual(['running', 'bound', 'p1', 'rs', 'scaled']);
  });

  it('given a cycle, then the walk stops', () => {
    expect(causeChain(loopA, lookup).map((e) => e.id)).toEqual(['loopA', 'loopB']);
  });
});

describe('rootKind', () => {
  it.each([
    [scaled, 'request'], [heartbeat, 'observation'], [silent, 'observation'], [orphan, 'unknown'],
    [ev('sa', 'PodCreated', 'system:serviceaccount:ci:deployer', 'r'), 'request'],
    [ev('x', 'PodCreated', '', undefined), 'unknown'],
  ])('given %j, then %s', (root, kind) => {
    expect(rootKind(root)).toBe(kind);
  });
});

describe('causeTree', () => {
  it('given the events of one correlation, then nested by causationId in position order', () => {
    expect(shape(causeTree([p3, running, bound, p2, p1, rs, scaled])!)).toEqual({ scaled: [{ rs: [{ p1: [{ bound: ['running'] }] }, 'p2', 'p3'] }] });
  });

  it('given a root id, then its subtree; an unknown id gives nothing', () => {
    expect(shape(causeTree([scaled, rs, p1, bound], 'p1')!)).toEqual({ p1: ['bound'] });
    expect(causeTree([scaled], 'nope')).toBeUndefined();
  });
});

describe('why', () => {
  it('given a pod binding, then chain, request root and the whole tree of the request', () => {
    const w = why(bound, lookup, [scaled, rs, p1, p2, bound, running, p3]);
    expect(w.kind).toBe('Why');
    expect(w.chain.map((e) => e.id)).toEqual(['bound', 'p1', 'rs', 'scaled']);
    expect(w.root.id).toBe('scaled');
    expect(w.rootKind).toBe('request');
    expect(shape(w.tree)).toEqual({ scaled: [{ rs: [{ p1: [{ bound: ['running'] }] }, 'p2', 'p3'] }] });
  });

  it('given a cycle, then the root kind is unknown', () => {
    expect(why(loopA, lookup, [loopA, loopB]).rootKind).toBe('unknown');
  });
});

describe('causalityReport', () => {
  it('given the log, then linked counts unbroken chains and broken lists the rest', () => {
    const r = causalityReport(all, lookup);
    expect(r).toMatchObject({ kind: 'CausalityReport', total: 12, linked: 9 });
    expect(r.share).toBeCloseTo(9 / 12);
    expect(r.broken.map((e) => e.id)).toEqual(['orphan', 'loopA', 'loopB']);
  });

  it('given a range whose causes lie before it, then the lookup over the whole log links them', () => {
    expect(causalityReport([running, p3], lookup)).toMatchObject({ total: 2, linked: 2, share: 1, broken: [] });
  });

  it('given no events, then share 1', () => {
    expect(causalityReport([], lookup)).toEqual({ kind: 'CausalityReport', total: 0, linked: 0, share: 1, broken: [] });
  });

  it('given more than 20 broken events, then only the first 20 are listed', () => {
    const many = Array.from({ length: 25 }, (_, i) => ev(`b${i}`, 'PodBound', 'system:controller:s', `gone-${i}`, `k${i}`));
    const r = causalityReport(many, () => undefined);
    expect(r.linked).toBe(0);
    expect(r.broken.map((e) => e.id)).toEqual(many.slice(0, 20).map((e) => e.id));
  });
});
