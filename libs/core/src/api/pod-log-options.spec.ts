import type { Pod } from './types';
import { ApiError } from './errors';
import { kubeletLogQuery, logContainer, parsePodLogOptions } from './pod-log-options';

const q = (s: string) => new URLSearchParams(s);
const pod = (containers: string[], inits: string[] = []): Pod => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' },
  spec: { containers: containers.map((name) => ({ name })), initContainers: inits.map((name) => ({ name })) },
});

function error(f: () => unknown): ApiError {
  try {
    f();
  } catch (err) {
    return err as ApiError;
  }
  throw new Error('no error');
}

describe('pod log options', () => {
  it('reads the flags as the Python client sends them (True) and as kube reads them', () => {
    const o = parsePodLogOptions(q('follow=True&previous=T&timestamps=FALSE'), 'web');
    expect([o.follow, o.previous, o.timestamps]).toEqual([true, true, false]);
    expect(kubeletLogQuery(o)).toBe('follow=true&previous=true');
  });

  it('parses kubectl logs flags and passes them on to the kubelet unchanged', () => {
    const o = parsePodLogOptions(q('container=c&follow=true&previous=true&timestamps=true&tailLines=5&sinceSeconds=60&limitBytes=100'), 'web');
    expect(o).toEqual({ container: 'c', follow: true, previous: true, timestamps: true, tailLines: 5, sinceSeconds: 60, limitBytes: 100 });
    expect(kubeletLogQuery(o)).toBe('follow=true&previous=true&timestamps=true&sinceSeconds=60&tailLines=5&limitBytes=100');
    expect(kubeletLogQuery(parsePodLogOptions(q(''), 'web'))).toBe('');
  });

  it("rejects what kube's ValidatePodLogOptions rejects, as 422 naming the fields", () => {
    const e = error(() => parsePodLogOptions(q('tailLines=-1&limitBytes=0&sinceSeconds=0'), 'web'));
    expect(e.code).toBe(422);
    expect(e.message).toBe('PodLogOptions "web" is invalid: [tailLines: Invalid value: -1: must be greater than or equal to 0, limitBytes: Invalid value: 0: must be greater than 0, sinceSeconds: Invalid value: 0: must be greater than 0]');
    expect(error(() => parsePodLogOptions(q('sinceSeconds=5&sinceTime=2026-01-01T00:00:00Z'), 'web')).message).toContain('at most one of `sinceTime` or `sinceSeconds` may be specified');
    expect(error(() => parsePodLogOptions(q('tailLines=ten'), 'web')).message).toContain('tailLines: Invalid value: "ten"');
  });

  it("picks the container as kube's LogLocation does, with its messages", () => {
    expect(logContainer(pod(['a']), undefined)).toBe('a');
    expect(logContainer(pod(['a', 'b'], ['init']), 'init')).toBe('init');
    expect(error(() => logContainer(pod(['a', 'b']), undefined)).message).toBe('a container name must be specified for pod web, choose one of: [a b]');
    expect(error(() => logContainer(pod(['a', 'b'], ['i']), undefined)).message).toBe('a container name must be specified for pod web, choose one of: [a b] or one of the init containers: [i]');
    const bad = error(() => logContainer(pod(['a']), 'zz'));
    expect([bad.code, bad.message]).toEqual([400, 'container zz is not valid for pod web']);
  });
});
