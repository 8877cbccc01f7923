'use client';
/**
 * Write controls, shown only when SelfSubjectAccessReview says the user may:
 * scale (Deployments, ReplicaSets), restart rollout (Deployments), delete.
 * Each goes through the standard API; a failure lands in the error banner.
 */
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import type { KubeObject } from '@chronokube/core';
import { remove, resourceOf, restartRollout, scale } from '../lib/write-actions';
import { reportError } from '../state/notices';
import { useAccess } from './use-access';
import { usePoint } from '../state/cluster-context';

/** The write controls, none of them while the UI shows the past (history is read-only). */
export function ObjectActions({ kind, obj }: { kind: string; obj: KubeObject }) {
  const point = usePoint();
  if (point) return <span data-testid="object-actions" data-access="done" data-readonly="true" className="muted" title="Go live to change the cluster">read-only: viewing rv {point.rv}</span>;
  return <WriteActions kind={kind} obj={obj} />;
}

function WriteActions({ kind, obj }: { kind: string; obj: KubeObject }) {
  const router = useRouter();
  const ns = obj.metadata.namespace ?? '';
  const name = obj.metadata.name ?? '';
  const { group, resource } = resourceOf(kind);
  const scalable = kind === 'Deployment' || kind === 'ReplicaSet';
  const canScale = useAccess(scalable ? { verb: 'patch', group, resource, subresource: 'scale', namespace: ns, name } : null);
  const canRestart = useAccess(kind === 'Deployment' ? { verb: 'patch', group, resource, namespace: ns, name } : null);
  const canDelete = useAccess(kind === 'Node' ? null : { verb: 'delete', group, resource, namespace: ns, name });
  const [dialog, setDialog] = useState<'scale' | 'delete' | null>(null);
  const [replicas, setReplicas] = useState(String((obj.spec as { replicas?: number } | undefined)?.replicas ?? 1));
  const [busy, setBusy] = useState(false);
  const [restarted, setRestarted] = useState(false);

  async function run(fn: () => Promise<unknown>, after?: () => void) {
    setBusy(true);
    try {
      await fn();
      setDialog(null);
      after?.();
    } catch (err) {
      reportError(new Error(`${kind} ${ns}/${name}: ${(err as Error).message}`));
    } finally {
      setBusy(false);
    }
  }

  return (
    // data-access says when every question is answered, so "no control shown" can be told from "still asking".
    <span data-testid="object-actions" data-access={[canScale, canRestart, canDelete].includes('checking') ? 'checking' : 'done'} style={{ display: 'inline-flex', gap: 6 }}>
      {canScale === 'allowed' && (
        <button data-testid="action-scale" onClick={() => { setReplicas(String((obj.spec as { replicas?: number } | undefined)?.replicas ?? 1)); setDialog('scale'); }}>Scale</button>
      )}
      {canRestart === 'allowed' && (
        <button data-testid="action-restart" disabled={busy} onClick={() => run(() => restartRollout(ns, name), () => { setRestarted(true); setTimeout(() => setRestarted(false), 3000); })}>
          {restarted ? 'Restarted ✓' : 'Restart rollout'}
        </button>
      )}
      {canDelete === 'allowed' && (
        <button className="danger" data-testid="action-delete" onClick={() => setDialog('delete')}>Delete</button>
      )}
      {dialog && (
        <div className="dialog-backdrop" onClick={() => !busy && setDialog(null)} onKeyDown={(e) => e.key === 'Escape' && setDialog(null)}>
          <div className="dialog" role="dialog" aria-modal onClick={(e) => e.stopPropagation()}>
            {dialog === 'scale' ? (
              <form onSubmit={(e) => { e.preventDefault(); run(() => scale(kind, ns, name, Number(replicas))); }}>
                <h3>Scale {kind.toLowerCase()} {ns}/{name}</h3>
                <label htmlFor="scale-replicas">Replicas </label>
                <input id="scale-replicas" data-testid="scale-replicas" type="number" min={0} autoFocus value={replicas} onChange={(e) => setReplicas(e.target.value)} style={{ width: 90 }} />
                <div className="row">
                  <button type="button" onClick={() => setDialog(null)}>Cancel</button>
                  <button className="primary" data-testid="scale-confirm" type="submit" disabled={busy}>Scale</button>
                </div>
              </form>
            ) : (
              <div>
                <h3>Delete {kind.toLowerCase()} {ns ? `${ns}/` : ''}{name}?</h3>
                <p className="muted">{kind === 'Deployment' ? 'Its ReplicaSets and Pods are deleted with it.' : kind === 'Pod' && obj.metadata.ownerReferences?.length ? 'Its controller will create a replacement.' : 'This cannot be undone.'}</p>
                <div className="row">
                  <button onClick={() => setDialog(null)} autoFocus>Cancel</button>
                  <button className="danger primary" data-testid="delete-confirm" disabled={busy} onClick={() => run(() => remove(kind, ns, name), () => router.push(kind === 'Pod' || kind === 'Deployment' || kind === 'ReplicaSet' ? `/workloads/?tab=${kind.toLowerCase()}s` : '/'))}>Delete</button>
                </div>
              </div>
            )}
          </div>
        </div>
      )}
    </span>
  );
}
