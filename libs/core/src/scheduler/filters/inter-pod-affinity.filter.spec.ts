import type { Pod } from '../../api/types';
import type { PodAffinityTerm } from '../pod-affinity-terms';
import { cacheWith, ctxFor, makeNode, makePod } from '../testing.spec-helper';
import { interPodAffinityFilter } from './inter-pod-affinity.filter';

const HOST = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';
const term = (app: string, topologyKey = HOST, extra: Partial<PodAffinityTerm> = {}): PodAffinityTerm => ({
  labelSelector: { matchLabels: { app } }, topologyKey, ...extra,
});
const anti = (...terms: PodAffinityTerm[]) => ({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: terms } });
const aff = (...terms: PodAffinityTerm[]) => ({ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: terms } });

const nodes = [
  makeNode('n1', { labels: { [ZONE]: 'a' } }),
  makeNode('n2', { labels: { [ZONE]: 'a' } }),
  makeNode('n3', { labels: { [ZONE]: 'b' } }),
];

function verdicts(pod: Pod, existing: Pod[]): Record<string, string> {
  const cache = cacheWith(nodes, existing);
  const ctx = ctxFor(cache);
  const out: Record<string, string> = {};
  for (const n of cache.nodeInfos()) {
    const r = interPodAffinityFilter.filter(pod, n, ctx);
    out[n.name] = r.ok ? 'ok' : `${r.reasons.join()}${r.unresolvable ? ' (unresolvable)' : ''}`;
  }
  return out;
}

const ANTI = "node(s) didn't match pod anti-affinity rules";
const EXISTING = "node(s) didn't satisfy existing pods anti-affinity rules";
const AFF = "node(s) didn't match pod affinity rules (unresolvable)";

describe('InterPodAffinity filter', () => {
  const web1 = makePod('web-1', { nodeName: 'n1', labels: { app: 'web' } });

  it('passes every node when nobody has (anti-)affinity', () => {
    expect(verdicts(makePod('p', { labels: { app: 'web' } }), [web1])).toEqual({ n1: 'ok', n2: 'ok', n3: 'ok' });
  });

  it('required anti-affinity on hostname keeps replicas off nodes that run one', () => {
    const pod = makePod('web-2', { labels: { app: 'web' }, affinity: anti(term('web')) });
    expect(verdicts(pod, [web1])).toEqual({ n1: ANTI, n2: 'ok', n3: 'ok' });
  });

  it('required anti-affinity on zone keeps the whole zone off', () => {
    const pod = makePod('web-2', { labels: { app: 'web' }, affinity: anti(term('web', ZONE)) });
    expect(verdicts(pod, [web1])).toEqual({ n1: ANTI, n2: ANTI, n3: 'ok' });
  });

  it('anti-affinity only looks at the term\'s namespaces (default: the pod\'s own)', () => {
    const other = makePod('web-x', { nodeName: 'n2', namespace: 'other', labels: { app: 'web' } });
    const pod = makePod('web-2', { labels: { app: 'web' }, affinity: anti(term('web')) });
    expect(verdicts(pod, [other])).toEqual({ n1: 'ok', n2: 'ok', n3: 'ok' });
    const allNs = makePod('web-3', { labels: { app: 'web' }, affinity: anti(term('web', HOST, { namespaceSelector: {} })) });
    expect(verdicts(allNs, [other])).toEqual({ n1: 'ok', n2: ANTI, n3: 'ok' });
    const listed = makePod('web-4', { labels: { app: 'web' }, affinity: anti(term('web', HOST, { namespaces: ['other'] })) });
    expect(verdicts(listed, [other])).toEqual({ n1: 'ok', n2: ANTI, n3: 'ok' });
  });

  it('honours the anti-affinity of pods already running', () => {
    const loner = makePod('loner', { nodeName: 'n3', labels: { app: 'db' }, affinity: anti(term('web')) });
    expect(verdicts(makePod('p', { labels: { app: 'web' } }), [loner])).toEqual({ n1: 'ok', n2: 'ok', n3: EXISTING });
    expect(verdicts(makePod('q', { labels: { app: 'cache' } }), [loner])).toEqual({ n1: 'ok', n2: 'ok', n3: 'ok' });
  });

  it('required affinity needs a matching pod in the same domain', () => {
    const pod = makePod('client', { labels: { app: 'client' }, affinity: aff(term('web', ZONE)) });
    expect(verdicts(pod, [web1])).toEqual({ n1: 'ok', n2: 'ok', n3: AFF });
    const onHost = makePod('client', { labels: { app: 'client' }, affinity: aff(term('web')) });
    expect(verdicts(onHost, [web1])).toEqual({ n1: 'ok', n2: AFF, n3: AFF });
  });

  it('lets the first pod of a self-affine group start anywhere, but not a pod that cannot match itself', () => {
    const first = makePod('web-1', { labels: { app: 'web' }, affinity: aff(term('web')) });
    expect(verdicts(first, [])).toEqual({ n1: 'ok', n2: 'ok', n3: 'ok' });
    const stranger = makePod('client', { labels: { app: 'client' }, affinity: aff(term('web')) });
    expect(verdicts(stranger, [])).toEqual({ n1: AFF, n2: AFF, n3: AFF });
  });

  it('fails affinity on a node without the topology label', () => {
    const pod = makePod('client', { affinity: aff(term('web', 'rack')) });
    expect(verdicts(pod, [web1]).n1).toBe(AFF);
  });
});
