import type { FieldDescriptor } from './descriptor';
import { KUBE_MESSAGES, kubeProtobufKinds, messageForKind } from './schema';
import { WELL_KNOWN } from './well-known';

function referenced(f: FieldDescriptor): string | undefined {
  if (f.type.kind === 'message') return f.type.message;
  if (f.type.kind === 'map' && typeof f.type.value === 'object') return f.type.value.message;
  return undefined;
}

describe('the schema tables', () => {
  const entries = Object.entries(KUBE_MESSAGES);

  it('define every message they refer to', () => {
    const missing = entries.flatMap(([name, m]) =>
      Object.values(m)
        .map(referenced)
        .filter((r): r is string => r !== undefined && !KUBE_MESSAGES[r])
        .map((r) => `${name} -> ${r}`),
    );
    expect(missing).toEqual([]);
  });

  it('define every well-known message', () => {
    expect(Object.keys(WELL_KNOWN).filter((n) => !KUBE_MESSAGES[n])).toEqual([]);
  });

  it('use each JSON name once per message', () => {
    const dupes = entries.flatMap(([name, m]) => {
      const names = Object.values(m).filter((f) => !f.inline).map((f) => f.name);
      return names.filter((n, i) => names.indexOf(n) !== i).map((n) => `${name}.${n}`);
    });
    expect(dupes).toEqual([]);
  });

  it('only inline messages', () => {
    const bad = entries.flatMap(([name, m]) => Object.values(m).filter((f) => f.inline && f.type.kind !== 'message').map((f) => `${name}.${f.name}`));
    expect(bad).toEqual([]);
  });

  it('use positive field numbers', () => {
    expect(entries.flatMap(([, m]) => Object.keys(m).map(Number)).every((n) => Number.isInteger(n) && n > 0)).toBe(true);
  });
});

describe('kubeProtobufKinds', () => {
  it('lists the kinds chronokube serves, and DeleteOptions', () => {
    const kinds = kubeProtobufKinds();
    expect(kinds).toEqual(expect.arrayContaining([
      'v1/ConfigMap', 'v1/Namespace', 'v1/Pod', 'v1/Service', 'v1/Endpoints', 'v1/Event', 'v1/Node', 'v1/Binding',
      'apps/v1/Deployment', 'apps/v1/ReplicaSet', 'coordination.k8s.io/v1/Lease', 'autoscaling/v1/Scale',
      'v1/DeleteOptions', 'meta.k8s.io/v1/DeleteOptions',
    ]));
    expect([...kinds].sort()).toEqual(kinds);
  });

  it('names only kinds messageForKind resolves', () => {
    for (const k of kubeProtobufKinds()) {
      const i = k.lastIndexOf('/');
      expect(messageForKind(k.slice(0, i), k.slice(i + 1))).toBeDefined();
    }
  });

  it('does not resolve unknown kinds', () => {
    expect(messageForKind('v1', 'Secret')).toBeUndefined();
    expect(messageForKind('batch/v1', 'DeleteOptions')).toBeUndefined();
  });
});
