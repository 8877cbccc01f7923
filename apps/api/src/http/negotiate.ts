/**
 * Accept-header negotiation: plain JSON, or meta.k8s.io/v1 Table for
 * server-side printing (what kubectl get asks for).
 */
import { notAcceptable } from '@chronokube/core';

export interface Representation {
  table: boolean;
}

/** Picks the first Accept entry we can serve, in the client's order. */
export function negotiate(accept: string | undefined): Representation {
  if (!accept) return { table: false };
  const entries = accept.split(',').map((s) => s.trim()).filter(Boolean);
  for (const entry of entries) {
    const [type, ...paramList] = entry.split(';').map((s) => s.trim());
    const params = new Map(paramList.map((p) => p.split('=').map((s) => s.trim()) as [string, string]));
    const json = type === 'application/json' || type === '*/*' || type === 'application/*';
    if (!json) continue;
    const as = params.get('as');
    if (!as) return { table: false };
    if (as === 'Table' && params.get('g') === 'meta.k8s.io' && params.get('v') === 'v1') return { table: true };
  }
  throw notAcceptable(`only the following media types are accepted: application/json, application/json;as=Table;v=v1;g=meta.k8s.io`);
}
