import type { Pod } from '@chronokube/core';
import type { KubeClient } from '../kube-client/kube-client';
import { containerEvents } from './container-events';
import { PodEventRecorder } from './pod-events';

const pod = {
  metadata: { name: 'web-1', namespace: 'shop', uid: 'u-1', resourceVersion: '42' },
  spec: { containers: [{ name: 'httpd', image: 'busybox' }] },
} as Pod;

function recorder() {
  const sent: { path: string; body: any; headers: Record<string, string> }[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
  const client = {
    request: async (_m: string, path: string, body: unknown, _ct: string, headers: Record<string, string>) => void sent.push({ path, body, headers }),
  } as unknown as KubeClient;
  let now = 0;
  const r = new PodEventRecorder(client, 'node-1', () => undefined, () => now);
  return { r, sent, advance: (ms: number) => (now += ms) };
}

describe('PodEventRecorder', () => {
  it('records an Event about the container from kubelet on this host, citing the pod version as its cause', () => {
    const { r, sent } = recorder();
    r.record(pod, containerEvents.started('httpd'), { name: 'httpd' });
    expect(sent).toHaveLength(1);
    expect(sent[0].path).toBe('/api/v1/namespaces/shop/events');
    expect(sent[0].headers).toEqual({ 'X-Chronokube-Cause-Resource-Version': '42' });
    expect(sent[0].body).toMatchObject({
      reason: 'Started', message: 'Started container httpd', type: 'Normal', source: { component: 'kubelet', host: 'node-1' },
      involvedObject: { kind: 'Pod', apiVersion: 'v1', name: 'web-1', namespace: 'shop', uid: 'u-1', fieldPath: 'spec.containers{httpd}' },
    });
  });

  it('drops the same event again within moments (a container failing at every sync), not after', () => {
    const { r, sent, advance } = recorder();
    r.record(pod, containerEvents.alreadyPresent('busybox'), { name: 'httpd' });
    advance(1000);
    r.record(pod, containerEvents.alreadyPresent('busybox'), { name: 'httpd' });
    r.record(pod, containerEvents.failed('boom'), { name: 'httpd' });
    expect(sent.map((s) => s.body.reason)).toEqual(['Pulled', 'Failed']);
    advance(5000);
    r.record(pod, containerEvents.alreadyPresent('busybox'), { name: 'httpd' });
    expect(sent).toHaveLength(3);
  });
});
