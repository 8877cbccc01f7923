'use client';
/** Overview: counts, node cards with their pods, latest warnings. */
import Link from 'next/link';
import { useMemo } from 'react';
import { useCluster, useTravelUi } from '../state/cluster-context';
import { objectsOf } from '../state/cluster-store';
import { countByPhase, nodeCards } from '../lib/node-capacity';
import { eventTime } from '../lib/workload-columns';
import { latestWarnings } from '../lib/warnings';
import { age } from '../lib/format';
import { objectHref } from '../lib/links';
import { NodeCardView, onChipClick } from '../components/node-card';
import { Empty, WhenLoaded } from '../components/state-views';
import { useNow } from '../components/use-now';
import { useThrottled } from '../components/use-throttled';

const PHASE_TONE: Record<string, string> = { Running: 'ok', Pending: 'warn', Failed: 'bad', Succeeded: '', Unknown: 'bad' };

/** Pods beyond which chips neither animate in nor fade (thousands of animations cost more than they show). */
const CALM_PODS = 1000;

function Overview() {
  const liveNodes = useCluster((s) => objectsOf(s, 'Node'));
  const livePods = useCluster((s) => objectsOf(s, 'Pod'));
  const rv = useCluster((s) => s.resourceVersion);
  const history = useCluster((s) => s.source.mode === 'history');
  const playing = useTravelUi((s) => s.playing);
  // Under a fast stream (live, or playing the past), four renders a second are plenty for a whole-cluster
  // view; a point the user moved to (a scrub, a step) renders in the same commit as the rest of the page.
  const snapshot = useMemo(() => ({ nodes: liveNodes, pods: livePods, rv }), [liveNodes, livePods, rv]);
  const { nodes, pods, rv: shownRv } = useThrottled(snapshot, history && !playing ? 0 : 250);
  const calm = history || pods.size > CALM_PODS;
  const deployments = useCluster((s) => objectsOf(s, 'Deployment'));
  const replicaSets = useCluster((s) => objectsOf(s, 'ReplicaSet'));
  const services = useCluster((s) => objectsOf(s, 'Service'));
  const events = useCluster((s) => objectsOf(s, 'Event'));
  const now = useNow(10000);
  const { cards, unscheduled } = useMemo(() => nodeCards(nodes.values(), pods.values()), [nodes, pods]);
  const phases = useMemo(() => countByPhase(pods.values()), [pods]);
  const warnings = useMemo(() => latestWarnings(events.values()), [events]);
  const readyNodes = cards.filter((c) => c.ready).length;
  return (
    <>
      <div className="stats">
        <Stat label="Nodes ready" value={`${readyNodes}/${cards.length}`} tone={readyNodes < cards.length ? 'bad' : ''} href="/map/" />
        <Stat label="Deployments" value={deployments.size} href="/workloads/?tab=deployments" />
        <Stat label="ReplicaSets" value={replicaSets.size} href="/workloads/?tab=replicasets" />
        <Stat label="Services" value={services.size} href="/workloads/?tab=services" />
        <Stat label="Pods" value={pods.size} href="/workloads/?tab=pods" />
        {Object.entries(phases).map(([phase, n]) => (
          <Stat key={phase} label={phase} value={n} tone={n > 0 ? PHASE_TONE[phase] : ''} testId={`count-pods-${phase}`} href={`/workloads/?tab=pods&q=${phase}`} />
        ))}
      </div>
      <div className={`overview${calm ? ' calm' : ''}`} data-testid="overview" data-rv={shownRv}>
        <section>
          {cards.length === 0 ? (
            history ? (
              <Empty>No node had registered at this point.</Empty>
            ) : (
              <Empty>No nodes have registered yet. Start simulated nodes with <code>chronokube sim</code> or an agent with <code>chronokube agent</code>.</Empty>
            )
          ) : (
            <div className="nodes">
              {cards.map((c) => <NodeCardView key={c.node.metadata.name} card={c} />)}
            </div>
          )}
          {unscheduled.length > 0 && (
            <div className="panel" style={{ marginTop: 8 }}>
              <h2>Not on a node ({unscheduled.length})</h2>
              <div className="chips" style={{ padding: 8 }} onClick={onChipClick}>
                {unscheduled.map((p) => (
                  <a key={`${p.metadata.namespace}/${p.metadata.name}`} href={objectHref('Pod', p.metadata.namespace, p.metadata.name ?? '')} className={`chip ${p.status?.phase ?? 'Pending'}`} data-testid="pod-chip" data-pod={`${p.metadata.namespace}/${p.metadata.name}`} data-phase={p.status?.phase ?? 'Pending'} title={`${p.metadata.namespace}/${p.metadata.name}`} />
                ))}
              </div>
            </div>
          )}
        </section>
        <aside className="panel">
          <h2>Latest warnings</h2>
          {warnings.length === 0 ? (
            <div data-testid="warnings-list"><div className="empty" data-testid="empty-state" style={{ border: 0 }}>No warnings.</div></div>
          ) : (
            <ul className="warnings" data-testid="warnings-list">
              {warnings.map(({ key, latest: e, count }) => (
                <li key={key}>
                  <div>
                    <span className="tag bad">{e.reason}</span>{' '}
                    <Link className="what" prefetch={false} href={objectHref(e.involvedObject?.kind ?? 'Pod', e.involvedObject?.namespace ?? e.metadata.namespace, e.involvedObject?.name ?? '')}>
                      {(e.involvedObject?.kind ?? '').toLowerCase()}/{e.involvedObject?.name}
                    </Link>
                    <span className="muted" style={{ float: 'right' }}>{age(eventTime(e), now)}{count > 1 ? ` ×${count}` : ''}</span>
                  </div>
                  <div className="muted clamp" title={e.message}>{e.message}</div>
                </li>
              ))}
            </ul>
          )}
        </aside>
      </div>
    </>
  );
}

function Stat({ label, value, tone = '', testId, href }: { label: string; value: number | string; tone?: string; testId?: string; href: string }) {
  return (
    <Link href={href} className={`stat ${tone}`} style={{ color: 'inherit', textDecoration: 'none' }}>
      <div className="n" data-testid={testId}>{value}</div>
      <div className="l">{label}</div>
    </Link>
  );
}

export default function OverviewPage() {
  return (
    <WhenLoaded>
      <Overview />
    </WhenLoaded>
  );
}
