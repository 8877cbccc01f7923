import type { KubeObject } from '@chronokube/core';
import { apiError } from '../testing/api-error';
import { applyPatch } from './apply-patch';

function pod(): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' }, resourceVersion: '7' },
    spec: {
      containers: [
        { name: 'app', image: 'busybox:1.36', ports: [{ containerPort: 80 }] },
        { name: 'sidecar', image: 'busybox:1.35' },
      ],
    },
  };
}


const containers = (o: KubeObject) => (o.spec as { containers: { name: string; image: string }[] }).containers;

describe('applyPatch', () => {
  it('applies a JSON patch', () => {
    const out = applyPatch('json', 'Pod', pod(), [
      { op: 'replace', path: '/spec/containers/0/image', value: 'busybox:1.37' },
      { op: 'add', path: '/metadata/labels/tier', value: 'front' },
      { op: 'remove', path: '/spec/containers/1' },
    ]);
    expect(containers(out)).toEqual([{ name: 'app', image: 'busybox:1.37', ports: [{ containerPort: 80 }] }]);
    expect(out.metadata.labels).toEqual({ app: 'web', tier: 'front' });
  });

  it('applies a merge patch, where null deletes and lists are replaced whole', () => {
    const out = applyPatch('merge', 'Pod', pod(), {
      metadata: { labels: { app: null, tier: 'front' } },
      spec: { containers: [{ name: 'only', image: 'nginx' }] },
    });
    expect(out.metadata.labels).toEqual({ tier: 'front' });
    expect(containers(out)).toEqual([{ name: 'only', image: 'nginx' }]);
    expect(out.metadata.name).toBe('web');
  });

  it('applies a strategic merge patch, merging containers by name', () => {
    const out = applyPatch('strategic', 'Pod', pod(), {
      spec: { containers: [{ name: 'sidecar', image: 'busybox:1.37' }] },
    });
    expect(containers(out).map((c) => [c.name, c.image])).toEqual([
      ['app', 'busybox:1.36'],
      ['sidecar', 'busybox:1.37'],
    ]);
  });

  it('honours $patch: delete in a strategic merge patch list item', () => {
    const out = applyPatch('strategic', 'Pod', pod(), {
      spec: { containers: [{ name: 'app', $patch: 'delete' }] },
    });
    expect(containers(out).map((c) => c.name)).toEqual(['sidecar']);
  });

  it('leaves the current object untouched', () => {
    const current = pod();
    const snapshot = JSON.parse(JSON.stringify(current)) as KubeObject;
    applyPatch('json', 'Pod', current, [{ op: 'replace', path: '/metadata/name', value: 'x' }]);
    applyPatch('merge', 'Pod', current, { metadata: { labels: null } });
    applyPatch('strategic', 'Pod', current, { spec: { containers: [{ name: 'app', image: 'y' }] } });
    expect(current).toEqual(snapshot);
  });

  it('gives back an empty metadata when the patch removed it', () => {
    expect(applyPatch('json', 'Pod', pod(), [{ op: 'remove', path: '/metadata' }]).metadata).toEqual({});
    expect(applyPatch('merge', 'Pod', pod(), { metadata: null }).metadata).toEqual({});
  });

  it('is 422 on field patch when the patch leaves something that is not an object (it would not decode, as in kube)', () => {
    for (const [type, patch] of [
      ['json', [{ op: 'replace', path: '', value: 42 }]],
      ['json', [{ op: 'replace', path: '', value: ['a'] }]],
      ['merge', ['a']],
      ['merge', 'text'],
    ] as const) {
      const err = apiError(() => applyPatch(type, 'Pod', pod(), patch));
      expect(err.code).toBe(422);
      expect(err.message).toMatch(/^ "" is invalid: patch: Invalid value: .*: json: cannot unmarshal (number|array|string) into Go value of type map\[string\]interface \{\}$/);
    }
  });

  it('is 400 for a strategic merge patch that is not an object', () => {
    expect(apiError(() => applyPatch('strategic', 'Pod', pod(), [1])).code).toBe(400);
  });

  it('passes on the 422 of a JSON patch that does not apply', () => {
    const err = apiError(() => applyPatch('json', 'Pod', pod(), [{ op: 'test', path: '/metadata/name', value: 'other' }]));
    expect(err.code).toBe(422);
  });

  it('refuses apply patches, which server-side apply handles', () => {
    const err = apiError(() => applyPatch('apply', 'Pod', pod(), { metadata: { name: 'web' } }));
    expect(err.code).toBe(400);
    expect(err.message).toBe('apply patches are handled by server-side apply');
  });
});
