import type { Pod } from '@chronokube/core';
import { containerEvents, containerFieldPath, goDuration } from './container-events';

const pod = {
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name: 'web-1', namespace: 'shop', uid: 'u-1' },
  spec: { initContainers: [{ name: 'setup', image: 'busybox' }], containers: [{ name: 'httpd', image: 'busybox' }] },
} as Pod;

describe('container lifecycle events, worded as kubelet words them', () => {
  it('names the container in the field path kubectl describe shows', () => {
    expect(containerFieldPath(pod, { name: 'httpd' })).toBe('spec.containers{httpd}');
    expect(containerFieldPath(pod, { name: 'setup' })).toBe('spec.initContainers{setup}');
  });

  it('words image, create, start and back-off events', () => {
    expect(containerEvents.pulling('busybox:1.36')).toEqual({ type: 'Normal', reason: 'Pulling', message: 'Pulling image "busybox:1.36"' });
    expect(containerEvents.pulled('busybox:1.36', 1250, 4_300_000).message).toBe('Successfully pulled image "busybox:1.36" in 1.25s (1.25s including waiting). Image size: 4300000 bytes.');
    expect(containerEvents.alreadyPresent('busybox')).toEqual({ type: 'Normal', reason: 'Pulled', message: 'Container image "busybox" already present on machine' });
    expect(containerEvents.created('httpd')).toEqual({ type: 'Normal', reason: 'Created', message: 'Created container: httpd' });
    expect(containerEvents.started('httpd')).toEqual({ type: 'Normal', reason: 'Started', message: 'Started container httpd' });
    expect(containerEvents.backOff('httpd', pod)).toEqual({ type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container httpd in pod web-1_shop(u-1)' });
    expect(containerEvents.failed('boom')).toEqual({ type: 'Warning', reason: 'Failed', message: 'Error: boom' });
  });

  it('gives an image pull failure and its back-off kube\'s pair of events', () => {
    expect(containerEvents.pullFailed('nope', 'not found').map((e) => [e.type, e.reason, e.message])).toEqual([
      ['Warning', 'Failed', 'Failed to pull image "nope": not found'],
      ['Warning', 'Failed', 'Error: ErrImagePull'],
    ]);
    expect(containerEvents.pullBackOff('nope').map((e) => [e.type, e.reason, e.message])).toEqual([
      ['Normal', 'BackOff', 'Back-off pulling image "nope"'],
      ['Warning', 'Failed', 'Error: ImagePullBackOff'],
    ]);
    expect(containerEvents.neverPull('x').map((e) => e.reason)).toEqual(['ErrImageNeverPull', 'Failed']);
  });

  it('prints durations as Go does', () => {
    expect(goDuration(512)).toBe('512ms');
    expect(goDuration(1000)).toBe('1s');
    expect(goDuration(2345.6)).toBe('2.346s');
    expect(goDuration(123_500)).toBe('2m3.5s');
  });
});
