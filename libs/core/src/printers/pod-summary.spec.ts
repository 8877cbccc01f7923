import type { Container, ContainerState, ContainerStatus, Pod, PodStatus } from '../api/types';
import { podSummary } from './pod-summary';

const now = new Date('2024-05-01T12:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();

function cs(name: string, state: ContainerState, extra: Partial<ContainerStatus> = {}): ContainerStatus {
  return { name, ready: false, restartCount: 0, image: 'busybox', state, ...extra };
}

function pod(status: PodStatus, opts: { containers?: string[]; init?: Container[]; deleting?: boolean } = {}): Pod {
  return {
    metadata: {
      name: 'p',
      creationTimestamp: ago(600),
      ...(opts.deleting ? { deletionTimestamp: ago(5) } : {}),
    },
    spec: {
      containers: (opts.containers ?? ['app']).map((name) => ({ name })),
      ...(opts.init ? { initContainers: opts.init } : {}),
    },
    status,
  };
}

const running = { running: { startedAt: ago(60) } };

describe('podSummary STATUS', () => {
  it('is the phase when nothing more telling is known', () => {
    expect(podSummary(pod({ phase: 'Pending' }), now).status).toBe('Pending');
    expect(podSummary(pod({}), now).status).toBe('');
  });

  it('prefers status.reason over the phase', () => {
    expect(podSummary(pod({ phase: 'Failed', reason: 'Evicted' }), now).status).toBe('Evicted');
  });

  it('shows SchedulingGated from the PodScheduled condition', () => {
    const p = pod({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] });
    expect(podSummary(p, now).status).toBe('SchedulingGated');
  });

  it('shows a waiting reason such as ContainerCreating', () => {
    const p = pod({ phase: 'Pending', containerStatuses: [cs('app', { waiting: { reason: 'ContainerCreating' } })] });
    expect(podSummary(p, now)).toEqual({ ready: '0/1', status: 'ContainerCreating', restarts: '0' });
  });

  it('is Running with every container ready', () => {
    const p = pod({ phase: 'Running', containerStatuses: [cs('app', running, { ready: true })] });
    expect(podSummary(p, now)).toEqual({ ready: '1/1', status: 'Running', restarts: '0' });
  });

  it('shows CrashLoopBackOff and counts only ready running containers', () => {
    const p = pod(
      {
        phase: 'Running',
        containerStatuses: [
          cs('a', running, { ready: true }),
          cs('b', { waiting: { reason: 'CrashLoopBackOff' } }, { restartCount: 4 }),
        ],
      },
      { containers: ['a', 'b'] },
    );
    const s = podSummary(p, now);
    expect(s.status).toBe('CrashLoopBackOff');
    expect(s.ready).toBe('1/2');
  });

  it('lets the first container reason win over later ones', () => {
    const p = pod(
      {
        phase: 'Running',
        containerStatuses: [
          cs('a', { waiting: { reason: 'ImagePullBackOff' } }),
          cs('b', { waiting: { reason: 'CrashLoopBackOff' } }),
        ],
      },
      { containers: ['a', 'b'] },
    );
    expect(podSummary(p, now).status).toBe('ImagePullBackOff');
  });

  it('shows Completed and Error from terminated reasons', () => {
    const done = pod({ phase: 'Succeeded', containerStatuses: [cs('app', { terminated: { exitCode: 0, reason: 'Completed' } })] });
    const failed = pod({ phase: 'Failed', containerStatuses: [cs('app', { terminated: { exitCode: 1, reason: 'Error' } })] });
    expect(podSummary(done, now).status).toBe('Completed');
    expect(podSummary(failed, now).status).toBe('Error');
  });

  it('describes a reasonless termination by signal, else exit code', () => {
    const bySignal = pod({ phase: 'Failed', containerStatuses: [cs('app', { terminated: { exitCode: 137, signal: 9 } })] });
    const byCode = pod({ phase: 'Failed', containerStatuses: [cs('app', { terminated: { exitCode: 3 } })] });
    expect(podSummary(bySignal, now).status).toBe('Signal:9');
    expect(podSummary(byCode, now).status).toBe('ExitCode:3');
  });

  it('turns Completed back into Running (or NotReady) while another container runs', () => {
    const statuses = [cs('a', running, { ready: true }), cs('b', { terminated: { exitCode: 0, reason: 'Completed' } })];
    const ready = pod({ phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: statuses }, { containers: ['a', 'b'] });
    const notReady = pod({ phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }], containerStatuses: statuses }, { containers: ['a', 'b'] });
    expect(podSummary(ready, now).status).toBe('Running');
    expect(podSummary(notReady, now).status).toBe('NotReady');
  });

  it('is Terminating once deletion is requested, unless the pod already finished', () => {
    const live = pod({ phase: 'Running', containerStatuses: [cs('app', running, { ready: true })] }, { deleting: true });
    const finished = pod({ phase: 'Succeeded', containerStatuses: [cs('app', { terminated: { exitCode: 0, reason: 'Completed' } })] }, { deleting: true });
    const failed = pod({ phase: 'Failed', containerStatuses: [cs('app', { terminated: { exitCode: 1, reason: 'Error' } })] }, { deleting: true });
    expect(podSummary(live, now).status).toBe('Terminating');
    expect(podSummary(finished, now).status).toBe('Completed');
    expect(podSummary(failed, now).status).toBe('Error');
  });

  it('is Unknown for a deleted pod on a lost node, NodeLost before that', () => {
    expect(podSummary(pod({ phase: 'Running', reason: 'NodeLost' }, { deleting: true }), now).status).toBe('Unknown');
    expect(podSummary(pod({ phase: 'Running', reason: 'NodeLost' }), now).status).toBe('NodeLost');
  });
});

describe('podSummary with init containers', () => {
  const init = [{ name: 'i1' }, { name: 'i2' }, { name: 'i3' }];

  it('shows Init:x/y for the first unfinished init container', () => {
    const p = pod(
      {
        phase: 'Pending',
        initContainerStatuses: [
          cs('i1', { terminated: { exitCode: 0, reason: 'Completed' } }),
          cs('i2', running),
          cs('i3', { waiting: { reason: 'PodInitializing' } }),
        ],
        containerStatuses: [cs('app', { waiting: { reason: 'PodInitializing' } })],
      },
      { init },
    );
    expect(podSummary(p, now)).toEqual({ ready: '0/1', status: 'Init:1/3', restarts: '0' });
  });

  it('shows Init:<reason> for a waiting or failed init container', () => {
    const waiting = pod({ phase: 'Pending', initContainerStatuses: [cs('i1', { waiting: { reason: 'CrashLoopBackOff' } })] }, { init });
    const failed = pod({ phase: 'Pending', initContainerStatuses: [cs('i1', { terminated: { exitCode: 1, reason: 'Error' } })] }, { init });
    const coded = pod({ phase: 'Pending', initContainerStatuses: [cs('i1', { terminated: { exitCode: 2 } })] }, { init });
    const signalled = pod({ phase: 'Pending', initContainerStatuses: [cs('i1', { terminated: { exitCode: 143, signal: 15 } })] }, { init });
    expect(podSummary(waiting, now).status).toBe('Init:CrashLoopBackOff');
    expect(podSummary(failed, now).status).toBe('Init:Error');
    expect(podSummary(coded, now).status).toBe('Init:ExitCode:2');
    expect(podSummary(signalled, now).status).toBe('Init:Signal:15');
  });

  it('counts init-container restarts while initializing', () => {
    const p = pod(
      {
        phase: 'Pending',
        initContainerStatuses: [
          cs('i1', { waiting: { reason: 'CrashLoopBackOff' } }, { restartCount: 3, lastState: { terminated: { exitCode: 1, finishedAt: ago(30) } } }),
        ],
      },
      { init },
    );
    expect(podSummary(p, now).restarts).toBe('3 (30s ago)');
  });

  it('counts sidecars in READY and keeps their restarts after initialization', () => {
    const p = pod(
      {
        phase: 'Running',
        conditions: [{ type: 'Initialized', status: 'True' }],
        initContainerStatuses: [
          cs('init', { terminated: { exitCode: 0, reason: 'Completed' } }, { restartCount: 9 }),
          cs('proxy', running, { ready: true, started: true, restartCount: 2, lastState: { terminated: { exitCode: 1, finishedAt: ago(700) } } }),
        ],
        containerStatuses: [cs('app', running, { ready: true, restartCount: 1, lastState: { terminated: { exitCode: 1, finishedAt: ago(3000) } } })],
      },
      { init: [{ name: 'init' }, { name: 'proxy', restartPolicy: 'Always' }] },
    );
    // init's 9 restarts drop out; proxy 2 + app 1; the most recent is proxy's.
    expect(podSummary(p, now)).toEqual({ ready: '2/2', status: 'Running', restarts: '3 (11m ago)' });
  });
});

describe('podSummary RESTARTS', () => {
  it('is a bare count without a last termination time', () => {
    const p = pod({ phase: 'Running', containerStatuses: [cs('app', running, { ready: true, restartCount: 2 })] });
    expect(podSummary(p, now).restarts).toBe('2');
  });

  it('appends how long ago the most recent container terminated', () => {
    const p = pod(
      {
        phase: 'Running',
        containerStatuses: [
          cs('a', running, { ready: true, restartCount: 1, lastState: { terminated: { exitCode: 1, finishedAt: ago(7200) } } }),
          cs('b', running, { ready: true, restartCount: 4, lastState: { terminated: { exitCode: 1, finishedAt: ago(302) } } }),
        ],
      },
      { containers: ['a', 'b'] },
    );
    expect(podSummary(p, now).restarts).toBe('5 (5m2s ago)');
  });

  it('has no suffix for zero restarts even with a termination time', () => {
    const p = pod({
      phase: 'Running',
      containerStatuses: [cs('app', running, { ready: true, lastState: { terminated: { exitCode: 0, finishedAt: ago(10) } } })],
    });
    expect(podSummary(p, now).restarts).toBe('0');
  });
});
