import type { CommandBus } from '@nestjs/cqrs';
import type { KubeObject } from '@chronokube/core';
import { CreateObjectCommand } from './commands/create-object.command';
import type { RequestContext } from './commands/request-context';
import { EventRecorder, type EventRecord } from './kube-events';

/** A command bus whose creates complete when the test says so (the recorder's only collaborator). */
function manualBus() {
  const calls: { command: CreateObjectCommand; finish: (err?: Error) => void }[] = [];
  const bus = {
    execute(command: CreateObjectCommand) {
      return new Promise<void>((resolve, reject) => calls.push({ command, finish: (err) => (err ? reject(err) : resolve()) }));
    },
  } as unknown as CommandBus;
  return { bus, calls };
}

const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'ns', uid: 'u1', resourceVersion: '7' } };
const ctx = { actor: 'system:controller:test', now: new Date('2026-01-02T03:04:05Z') } as unknown as RequestContext;
const event = (reason: string): EventRecord => ({ regarding: pod, type: 'Normal', reason, message: `m-${reason}`, component: 'default-scheduler' });
const tick = () => new Promise((r) => setImmediate(r));

describe('EventRecorder', () => {
  it('writes kube-shaped Event objects without making the caller wait', async () => {
    const { bus, calls } = manualBus();
    const recorder = new EventRecorder(bus);
    recorder.record(event('Scheduled'), ctx);
    expect(calls).toHaveLength(1);
    const body = calls[0].command.body as KubeObject & Record<string, any>;
    expect(body.metadata.name).toMatch(/^p\.[0-9a-f]+$/);
    expect(body.metadata.namespace).toBe('ns');
    expect(body.involvedObject).toEqual({ kind: 'Pod', namespace: 'ns', name: 'p', uid: 'u1', apiVersion: 'v1', resourceVersion: '7' });
    expect(body).toMatchObject({ reason: 'Scheduled', message: 'm-Scheduled', type: 'Normal', count: 1, source: { component: 'default-scheduler' } });
    expect(body.firstTimestamp).toBe('2026-01-02T03:04:05Z');
    calls[0].finish();
    await recorder.idle();
    expect(recorder.written).toBe(1);
  });

  it('gives two events of one instant different names', () => {
    const { bus, calls } = manualBus();
    const recorder = new EventRecorder(bus);
    recorder.record(event('A'), ctx);
    recorder.record(event('B'), ctx);
    expect(calls[0].command.body.metadata.name).not.toBe(calls[1].command.body.metadata.name);
  });

  it('limits writes in flight while the owner is busy, and catches up at full width once it is not', async () => {
    const { bus, calls } = manualBus();
    let busy = true;
    const recorder = new EventRecorder(bus, () => busy, 5, 2);
    for (let i = 0; i < 10; i++) recorder.record(event(`e${i}`), ctx);
    expect(calls).toHaveLength(2);
    busy = false;
    recorder.resume();
    expect(calls).toHaveLength(5);
    expect(recorder.pending).toBe(10);
    // In order: the queue is FIFO.
    expect(calls.map((c) => c.command.body.reason)).toEqual(['e0', 'e1', 'e2', 'e3', 'e4']);
  });

  it('keeps going after a failed write (events are best effort) and settles idle()', async () => {
    const { bus, calls } = manualBus();
    const recorder = new EventRecorder(bus, () => false, 1);
    recorder.record(event('a'), ctx);
    recorder.record(event('b'), ctx);
    let idle = false;
    void recorder.idle().then(() => (idle = true));
    calls[0].finish(new Error('conflict'));
    await tick();
    expect(calls).toHaveLength(2);
    expect(idle).toBe(false);
    calls[1].finish();
    await tick();
    await tick();
    expect(idle).toBe(true);
    expect(recorder.written).toBe(1);
  });

  it('drops the oldest queued events beyond its bound, and everything queued at stop()', async () => {
    const { bus, calls } = manualBus();
    const recorder = new EventRecorder(bus, () => false, 1, 1, 2);
    for (const r of ['a', 'b', 'c', 'd']) recorder.record(event(r), ctx);
    // 'a' is in flight; of b, c, d only two fit: b was dropped.
    expect(recorder.dropped).toBe(1);
    calls[0].finish();
    await tick();
    expect(calls.map((c) => c.command.body.reason)).toEqual(['a', 'c']);
    recorder.stop();
    calls[1].finish();
    await tick();
    expect(calls).toHaveLength(2);
    recorder.record(event('late'), ctx);
    expect(calls).toHaveLength(2);
  });
});
