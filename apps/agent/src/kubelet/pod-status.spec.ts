import type { Pod } from '@chronokube/core';
import { podPhase, podStatus, type ContainerView, type PodView } from './pod-status';

const pod = (restartPolicy?: 'Always' | 'OnFailure' | 'Never'): Pod => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', uid: 'u' },
  spec: { restartPolicy, containers: [{ name: 'a' }, { name: 'b' }] },
});
const running = (name: string): ContainerView => ({ name, image: 'i', state: { running: { startedAt: 't0' } }, restartCount: 0, ready: true, started: true });
const exited = (name: string, exitCode: number): ContainerView => ({ name, image: 'i', state: { terminated: { exitCode } }, restartCount: 0, ready: false, started: false });
const waiting = (name: string, reason = 'ContainerCreating', restarted = false): ContainerView => ({
  name, image: 'i', state: { waiting: { reason } }, restartCount: restarted ? 1 : 0, ready: false, started: false,
  ...(restarted ? { lastState: { terminated: { exitCode: 1 } } } : {}),
});
const view = (containers: ContainerView[], initContainers: ContainerView[] = []): PodView => ({ sandboxReady: true, podIP: '172.17.0.9', hostIP: '127.0.0.1', containers, initContainers, now: 'T1' });

describe('podPhase (kube getPhase)', () => {
  it.each<[string, Pod, PodView, string]>([
    ['a container still being created', pod(), view([running('a'), waiting('b')]), 'Pending'],
    ['all running', pod(), view([running('a'), running('b')]), 'Running'],
    ['one backing off after a crash counts as running (Always)', pod(), view([running('a'), waiting('b', 'CrashLoopBackOff', true)]), 'Running'],
    ['all exited 0, Never', pod('Never'), view([exited('a', 0), exited('b', 0)]), 'Succeeded'],
    ['all exited 0, OnFailure', pod('OnFailure'), view([exited('a', 0), exited('b', 0)]), 'Succeeded'],
    ['all exited, one failed, Never', pod('Never'), view([exited('a', 0), exited('b', 2)]), 'Failed'],
    ['all exited, Always restarts them', pod('Always'), view([exited('a', 0), exited('b', 0)]), 'Running'],
    ['an init container still running', pod(), view([waiting('a'), waiting('b')], [{ ...running('i') }]), 'Pending'],
    ['an init container failed, Never', pod('Never'), view([waiting('a'), waiting('b')], [exited('i', 1)]), 'Failed'],
    ['an init container failed, OnFailure retries', pod('OnFailure'), view([waiting('a'), waiting('b')], [exited('i', 1)]), 'Pending'],
  ])('%s', (_, p, v, want) => {
    expect(podPhase(p, v)).toBe(want);
  });
});

describe('podStatus', () => {
  it('reports Ready only when every container is ready, with IPs and container statuses', () => {
    const s = podStatus(pod(), view([running('a'), waiting('b')]));
    expect(s.podIP).toBe('172.17.0.9');
    expect(s.conditions!.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady' });
    expect(s.containerStatuses!.map((c) => c.name)).toEqual(['a', 'b']);
    const all = podStatus(pod(), view([running('a'), running('b')]));
    expect(all.conditions!.find((c) => c.type === 'Ready')!.status).toBe('True');
  });

  it('keeps transition times while a condition keeps its value, so an unchanged pod reports the same status', () => {
    const first = podStatus(pod(), view([running('a'), running('b')]));
    const later = podStatus({ ...pod(), status: first }, { ...view([running('a'), running('b')]), now: 'T2' });
    expect(later).toEqual(first);
    const changed = podStatus({ ...pod(), status: first }, { ...view([running('a'), waiting('b')]), now: 'T3' });
    expect(changed.conditions!.find((c) => c.type === 'Ready')!.lastTransitionTime).toBe('T3');
    expect(changed.conditions!.find((c) => c.type === 'Initialized')!.lastTransitionTime).toBe('T1');
  });
});
