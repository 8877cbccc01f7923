/**
 * metadata.managedFields in memory: one field set per manager, keyed the way
 * kube-apiserver keys managers (name, operation, subresource, and for
 * Update the apiVersion; never the time), and back to the sorted list of
 * entries objects carry.
 */
import type { ManagedFieldsEntry } from '../api/meta';
import { fromFieldsV1, toFieldsV1 } from './field-set';

export interface ManagerState {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion?: string;
  subresource?: string;
  time?: string;
  fields: Set<string>;
}

/**
 * The identity of a manager. Appliers are one manager whatever apiVersion
 * they applied with; updaters at different apiVersions are distinct.
 */
export function managerKey(m: Pick<ManagerState, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string {
  return JSON.stringify({
    manager: m.manager,
    operation: m.operation,
    apiVersion: m.operation === 'Apply' ? undefined : m.apiVersion,
    subresource: m.subresource || undefined,
  });
}

/** Decode managedFields entries; entries with the same identity are merged, unknown formats hold no fields. */
export function decodeManagedFields(entries: readonly ManagedFieldsEntry[] | undefined): Map<string, ManagerState> {
  const out = new Map<string, ManagerState>();
  for (const e of entries ?? []) {
    const state: ManagerState = {
      manager: e.manager ?? '',
      operation: e.operation === 'Apply' ? 'Apply' : 'Update',
      apiVersion: e.apiVersion,
      subresource: e.subresource || undefined,
      time: e.time,
      fields: e.fieldsType === undefined || e.fieldsType === 'FieldsV1' ? fromFieldsV1(e.fieldsV1) : new Set(),
    };
    const key = managerKey(state);
    const prev = out.get(key);
    if (prev) for (const f of state.fields) prev.fields.add(f);
    else out.set(key, state);
  }
  return out;
}

/**
 * Encode managers as managedFields entries, dropping managers that own
 * nothing, in kube's order: Apply before Update, then oldest first, then by
 * manager name, apiVersion and subresource.
 */
export function encodeManagedFields(managers: Iterable<ManagerState>): ManagedFieldsEntry[] {
  const live = [...managers].filter((m) => m.fields.size > 0);
  live.sort((a, b) => {
    if (a.operation !== b.operation) return a.operation < b.operation ? -1 : 1;
    const ta = a.time ? Math.floor(Date.parse(a.time) / 1000) : 0;
    const tb = b.time ? Math.floor(Date.parse(b.time) / 1000) : 0;
    if (ta !== tb) return ta - tb;
    for (const k of ['manager', 'apiVersion', 'subresource'] as const) {
      const x = a[k] ?? '';
      const y = b[k] ?? '';
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });
  return live.map((m) => {
    const e: ManagedFieldsEntry = { manager: m.manager, operation: m.operation };
    if (m.apiVersion !== undefined) e.apiVersion = m.apiVersion;
    if (m.time !== undefined) e.time = m.time;
    e.fieldsType = 'FieldsV1';
    e.fieldsV1 = toFieldsV1(m.fields);
    if (m.subresource) e.subresource = m.subresource;
    return e;
  });
}

/**
 * A manager as kube names it in conflict messages: `"kubectl"` for an
 * applier, `"kube-controller-manager" using apps/v1` for an updater.
 */
export function describeManager(m: Pick<ManagerState, 'manager' | 'operation' | 'apiVersion'>): string {
  const name = JSON.stringify(m.manager);
  return m.operation === 'Update' ? `${name} using ${m.apiVersion ?? ''}` : name;
}
