'use client';
/**
 * The relationship map: Deployments -> ReplicaSets -> Pods -> Nodes and
 * Services -> Endpoints -> Pods, laid out automatically. Large clusters are
 * shown one namespace at a time (a map of 10,000 boxes helps nobody).
 */
import { Suspense, useMemo } from 'react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCluster } from '../../state/cluster-context';
import { objectsOf } from '../../state/cluster-store';
import { buildRelationshipGraph } from '../../lib/relationship-graph';
import { namespacesOf } from '../../lib/list-query';
import { useThrottled } from '../../components/use-throttled';
import { GraphView } from '../../components/graph-view';
import { Empty, Loading, WhenLoaded } from '../../components/state-views';

/** More boxes than this and the map asks for a namespace instead of drawing. */
const MAX_BOXES = 1500;

function MapView() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  // Relaying out on every batch would burn the main thread under a fast stream: once a second is plenty.
  const byKind = useThrottled(useCluster((s) => s.byKind), 1000);
  const pods = useCluster((s) => objectsOf(s, 'Pod'));
  const namespaces = useMemo(() => namespacesOf(pods.values()), [pods]);
  const namespace = params.get('namespace') ?? (namespaces.includes('default') && pods.size > 300 ? 'default' : '');
  const graph = useMemo(() => buildRelationshipGraph(byKind, { namespace: namespace || undefined }), [byKind, namespace]);
  return (
    <>
      <div className="toolbar">
        <select data-testid="filter-namespace" value={namespace} onChange={(e) => router.replace(`${pathname}?namespace=${encodeURIComponent(e.target.value)}`)} aria-label="Namespace">
          <option value="">All namespaces</option>
          {namespaces.map((n) => <option key={n} value={n}>{n}</option>)}
        </select>
        <span className="legend">
          <span><b style={{ color: 'var(--muted)' }}>—</b> owns</span>
          <span><b style={{ color: 'var(--accent)' }}>- -</b> runs on</span>
          <span><b style={{ color: 'var(--ok)' }}>—</b> service / endpoints</span>
          <span><b style={{ color: 'var(--warn)' }}>··</b> selector</span>
        </span>
        <span className="spacer" />
        <span className="muted">{graph.nodes.length} objects, {graph.edges.length} links</span>
      </div>
      {graph.nodes.length === 0 ? (
        <Empty>Nothing to map{namespace ? ` in ${namespace}` : ''} yet.</Empty>
      ) : graph.nodes.length > MAX_BOXES ? (
        <Empty>{graph.nodes.length} objects are too many to draw at once: pick a namespace above.</Empty>
      ) : (
        <div className="map-wrap" data-testid="relationship-map">
          <GraphView graph={graph} testId="relationship-map-canvas" />
        </div>
      )}
    </>
  );
}

export default function MapPage() {
  return (
    <Suspense fallback={<Loading />}>
      <WhenLoaded>
        <MapView />
      </WhenLoaded>
    </Suspense>
  );
}
