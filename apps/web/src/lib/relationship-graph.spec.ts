import { groupByKind } from '../state/cluster-fold';
import { obj } from '../state/test-objects.spec-helper';
import { layoutGraph, BOX } from './map-layout';
import { buildRelationshipGraph, neighborhood } from './relationship-graph';

const owner = (kind: string, name: string) => ({ ownerReferences: [{ apiVersion: 'apps/v1', kind, name, uid: `${name}-uid`, controller: true }] });

function cluster() {
  return groupByKind([
    obj('Node', undefined, 'node-1', { status: { conditions: [{ type: 'Ready', status: 'True' }] } }),
    obj('Node', undefined, 'node-2', { status: { conditions: [{ type: 'Ready', status: 'False' }] } }),
    obj('Deployment', 'default', 'web', { spec: { replicas: 2 }, status: { readyReplicas: 1 } }),
    obj('ReplicaSet', 'default', 'web-abc', { spec: { replicas: 2 } }, owner('Deployment', 'web')),
    obj('Pod', 'default', 'web-abc-1', { spec: { nodeName: 'node-1' }, status: { phase: 'Running' } }, { ...owner('ReplicaSet', 'web-abc'), labels: { app: 'web' } }),
    obj('Pod', 'default', 'web-abc-2', { spec: {}, status: { phase: 'Pending' } }, { ...owner('ReplicaSet', 'web-abc'), labels: { app: 'web' } }),
    obj('Service', 'default', 'web', { spec: { selector: { app: 'web' } } }),
    obj('Endpoints', 'default', 'web', { subsets: [{ addresses: [{ ip: '10.0.0.1', targetRef: { kind: 'Pod', name: 'web-abc-1', namespace: 'default' } }] }] }),
    obj('Service', 'default', 'api', { spec: { selector: { app: 'web' } } }),
    obj('Pod', 'other', 'lonely', { spec: { nodeName: 'node-2' } }),
  ]);
}

describe('relationship graph', () => {
  it('links owners to owned objects, pods to nodes, services through endpoints to pods', () => {
    const g = buildRelationshipGraph(cluster());
    const edges = g.edges.map((e) => `${e.kind} ${e.source} ${e.target}`).sort();
    expect(edges).toEqual([
      'exposes Service/default/web Endpoints/default/web',
      'owns Deployment/default/web ReplicaSet/default/web-abc',
      'owns ReplicaSet/default/web-abc Pod/default/web-abc-1',
      'owns ReplicaSet/default/web-abc Pod/default/web-abc-2',
      'runs-on Pod/default/web-abc-1 Node//node-1',
      'runs-on Pod/other/lonely Node//node-2',
      // no Endpoints object for api: its selector picks the pods
      'selects Service/default/api Pod/default/web-abc-1',
      'selects Service/default/api Pod/default/web-abc-2',
      'targets Endpoints/default/web Pod/default/web-abc-1',
    ].sort());
    expect(g.nodes.find((n) => n.id === 'Deployment/default/web')).toMatchObject({ detail: '1/2 ready ⟳', tone: 'warn' });
    expect(g.nodes.find((n) => n.id === 'Node//node-2')).toMatchObject({ detail: 'NotReady', tone: 'bad' });
  });

  it('marks a Deployment whose rollout is not complete even when every replica is ready, and a Running pod that is not ready', () => {
    const g = buildRelationshipGraph(groupByKind([
      obj('Deployment', 'd', 'stuck', { spec: { replicas: 2 }, status: { replicas: 3, readyReplicas: 2, updatedReplicas: 1, availableReplicas: 2 } }),
      obj('Deployment', 'd', 'done', { spec: { replicas: 2 }, status: { replicas: 2, readyReplicas: 2, updatedReplicas: 2, availableReplicas: 2 } }),
      obj('Pod', 'd', 'lost', { spec: {}, status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }] } }),
    ]));
    const byId = (id: string) => g.nodes.find((n) => n.id === id);
    expect(byId('Deployment/d/stuck')).toMatchObject({ detail: '2/2 ready ⟳', tone: 'warn' });
    expect(byId('Deployment/d/done')).toMatchObject({ detail: '2/2 ready', tone: 'ok' });
    expect(byId('Pod/d/lost')).toMatchObject({ detail: 'Running, not ready', tone: 'warn' });
  });

  it('filtered to a namespace keeps only the nodes its pods run on', () => {
    const g = buildRelationshipGraph(cluster(), { namespace: 'other' });
    expect(g.nodes.map((n) => n.id).sort()).toEqual(['Node//node-2', 'Pod/other/lonely']);
    expect(g.edges).toHaveLength(1);
  });

  it('leaves out edges to objects the store does not hold (an owner already deleted)', () => {
    const g = buildRelationshipGraph(groupByKind([obj('Pod', 'd', 'orphan', { spec: {} }, owner('ReplicaSet', 'gone'))]));
    expect(g.nodes).toHaveLength(1);
    expect(g.edges).toEqual([]);
  });

  it('a pod\'s neighbourhood holds its owners, its service and node, not its siblings on the node', () => {
    const g = buildRelationshipGraph(cluster());
    const n = neighborhood(g, 'Pod/default/web-abc-1');
    expect(n.nodes.map((x) => x.id).sort()).toEqual([
      'Deployment/default/web', 'Endpoints/default/web', 'Node//node-1', 'Pod/default/web-abc-1',
      'ReplicaSet/default/web-abc', 'Service/default/api', 'Service/default/web',
    ]);
  });

  it('lays boxes out left to right along the arrows without overlaps', () => {
    const g = buildRelationshipGraph(cluster());
    const pos = layoutGraph(g);
    expect(pos.size).toBe(g.nodes.length);
    const x = (id: string) => pos.get(id)!.x;
    expect(x('Deployment/default/web')).toBeLessThan(x('ReplicaSet/default/web-abc'));
    expect(x('ReplicaSet/default/web-abc')).toBeLessThan(x('Pod/default/web-abc-1'));
    expect(x('Pod/default/web-abc-1')).toBeLessThan(x('Node//node-1'));
    const boxes = [...pos.values()];
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      const overlap = Math.abs(a.x - b.x) < BOX.width && Math.abs(a.y - b.y) < BOX.height;
      expect(overlap).toBe(false);
    }
  });
});
