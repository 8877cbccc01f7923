import type { Pod } from '@chronokube/core';
import { ContainerConfigError, containerCreateOptions, expandVars, needsPodIP, pullPolicy, resolveEnv } from './container-spec';

const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'prod', uid: 'u1' }, spec: { nodeName: 'n1', containers: [] } };
const sources = { configMap: (name: string) => (name === 'conf' ? { A: '1', B: '2' } : undefined), podIP: '172.17.0.5', hostIP: '127.0.0.1' };

describe('container spec', () => {
  it('resolves envFrom, literals with $(VAR), the downward API and ConfigMap keys, in order', () => {
    const env = resolveEnv(pod, {
      name: 'c',
      envFrom: [{ configMapRef: { name: 'conf' }, prefix: 'CM_' }],
      env: [
        { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
        { name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
        { name: 'B', valueFrom: { configMapKeyRef: { name: 'conf', key: 'B' } } },
        { name: 'MSG', value: '$(CM_A)-$(NODE)-$(NOPE)-$$(B)' },
      ],
    }, sources);
    expect(env).toEqual(['CM_A=1', 'CM_B=2', 'NODE=n1', 'IP=172.17.0.5', 'B=2', 'MSG=1-n1-$(NOPE)-$(B)']);
  });

  it('refuses a missing ConfigMap or key unless optional', () => {
    expect(() => resolveEnv(pod, { name: 'c', env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'gone', key: 'k' } } }] }, sources)).toThrow(ContainerConfigError);
    expect(() => resolveEnv(pod, { name: 'c', env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'conf', key: 'zz' } } }] }, sources)).toThrow(/couldn't find key zz in ConfigMap prod\/conf/);
    expect(resolveEnv(pod, { name: 'c', env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'gone', key: 'k', optional: true } } }] }, sources)).toEqual([]);
  });

  it('knows which containers wait for the pod IP (created only once the sandbox runs)', () => {
    expect(needsPodIP({ name: 'c', env: [{ name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }] })).toBe(true);
    expect(needsPodIP({ name: 'c', env: [{ name: 'N', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }, { name: 'X', value: '1' }] })).toBe(false);
    expect(needsPodIP({ name: 'c' })).toBe(false);
  });

  it('expands only known variables', () => {
    expect(expandVars('$(A) $(B) $$ $(', new Map([['A', 'x']]))).toBe('x $(B) $ $(');
  });

  it("picks kube's default pull policy from the tag", () => {
    expect(pullPolicy({ name: 'c', image: 'busybox' })).toBe('Always');
    expect(pullPolicy({ name: 'c', image: 'busybox:latest' })).toBe('Always');
    expect(pullPolicy({ name: 'c', image: 'registry:5000/busybox' })).toBe('Always');
    expect(pullPolicy({ name: 'c', image: 'busybox:1.36' })).toBe('IfNotPresent');
    expect(pullPolicy({ name: 'c', image: 'busybox:1.36', imagePullPolicy: 'Never' })).toBe('Never');
  });

  it('maps command/args to entrypoint/cmd, limits to Docker limits, and labels the container with its pod', () => {
    const o = containerCreateOptions(pod, { name: 'app', image: 'img:1', command: ['sh'], args: ['-c', 'x'], workingDir: '/w', resources: { limits: { cpu: '250m', memory: '128Mi' } } }, 'n1', 'sbx', 2, ['A=1']);
    expect(o).toMatchObject({
      name: 'k8s_app_web_prod_u1_2', Image: 'img:1', Entrypoint: ['sh'], Cmd: ['-c', 'x'], WorkingDir: '/w', Env: ['A=1'],
      Labels: { 'io.kubernetes.pod.uid': 'u1', 'io.kubernetes.container.name': 'app', 'chronokube.node': 'n1', 'chronokube.attempt': '2' },
      HostConfig: { NetworkMode: 'container:sbx', Memory: 128 * 1024 * 1024, NanoCpus: 250_000_000 },
    });
  });
});
