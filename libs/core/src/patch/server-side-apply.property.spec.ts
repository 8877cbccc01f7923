import type { KubeObject } from '../api/meta';
import { ApiError } from '../api/errors';
import { recordUpdateManager, serverSideApply } from './server-side-apply';
import { valueAt } from './apply-merge';
import { fieldPathsOf } from './field-ownership';
import { decodePath, fromFieldsV1 } from './field-set';
import { deepEqual } from './json-value';
import { rng } from './random-json.spec-helper';

/** A random Deployment configuration drawn from a small vocabulary, so managers collide often. */
function randomConfig(r: () => number): KubeObject {
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const some = <T>(xs: T[]): T[] => xs.filter(() => r() < 0.5);
  const labels: Record<string, string | null> = {};
  // A null asks for the label to go, even when another manager owns it.
  for (const k of ['a', 'b', 'c']) if (r() < 0.5) labels[k] = r() < 0.2 ? null : pick(['1', '2']);
  const containers = some(['x', 'y', 'z']).map((name) => {
    const c: Record<string, unknown> = { name };
    if (r() < 0.7) c.image = pick(['i1', 'i2']);
    if (r() < 0.4) c.env = some(['E1', 'E2']).map((n) => ({ name: n, value: pick(['v1', 'v2']) }));
    if (r() < 0.3) c.ports = some([80, 443]).map((p) => ({ containerPort: p }));
    return c;
  });
  const spec: Record<string, unknown> = { template: { spec: { containers } } };
  if (r() < 0.5) spec.replicas = pick([1, 2, 3]);
  const metadata: KubeObject['metadata'] = { name: 'd' };
  if (Object.keys(labels).length || r() < 0.5) metadata.labels = labels as Record<string, string>;
  if (r() < 0.3) metadata.finalizers = some(['f1', 'f2']);
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata, spec };
}

/** Every path any manager owns must exist in the object. */
function danglingOwnership(obj: KubeObject): string[] {
  const out: string[] = [];
  for (const e of obj.metadata.managedFields ?? []) {
    for (const k of fromFieldsV1(e.fieldsV1)) {
      if (valueAt('Deployment', obj, decodePath(k)) === undefined) out.push(`${e.manager}: ${k}`);
    }
  }
  return out;
}

describe('server-side apply properties', () => {
  it('keeps ownership consistent with the object across random applies and updates', () => {
    const problems: string[] = [];
    for (let seed = 1; seed <= 300; seed++) {
      const r = rng(seed);
      let obj: KubeObject | undefined;
      for (let step = 0; step < 6; step++) {
        const config = randomConfig(r);
        const now = `2024-01-01T00:00:0${step}Z`;
        if (obj && r() < 0.3) {
          obj = recordUpdateManager({ kind: 'Deployment', before: obj, after: { ...config, metadata: { ...config.metadata } }, manager: 'editor', now });
        } else {
          const manager = r() < 0.5 ? 'a' : 'b';
          let result;
          try {
            result = serverSideApply({ kind: 'Deployment', live: obj, applied: config, manager, force: false, now });
          } catch (e) {
            if (!(e instanceof ApiError) || e.code !== 409) throw e;
            result = serverSideApply({ kind: 'Deployment', live: obj, applied: config, manager, force: true, now });
          }
          obj = result.object;
          // What was applied is what the object now says.
          for (const [k, v] of Object.entries(config.metadata.labels ?? {})) {
            if (v === null && obj.metadata.labels?.[k] !== undefined) problems.push(`seed ${seed} step ${step}: label ${k} not removed`);
          }
          for (const k of fieldPathsOf('Deployment', config)) {
            const p = decodePath(k);
            const want = valueAt('Deployment', config, p);
            // Scalars only: applied maps and lists merge with what others own there.
            if ((p[0] === 'f:metadata' && p[1] === 'f:name') || typeof want === 'object') continue;
            if (!deepEqual(valueAt('Deployment', obj, p), valueAt('Deployment', config, p))) problems.push(`seed ${seed} step ${step}: ${k} not applied`);
          }
          // Re-applying the same configuration is a conflict-free no-op.
          const again = serverSideApply({ kind: 'Deployment', live: obj, applied: config, manager, force: false, now });
          if (!deepEqual(again.object, obj)) problems.push(`seed ${seed} step ${step}: re-apply changed the object`);
        }
        problems.push(...danglingOwnership(obj).map((d) => `seed ${seed} step ${step}: dangling ${d}`));
      }
    }
    expect(problems).toEqual([]);
  });
});
