/**
 * kubectl 1.32 moving an object from client-side to server-side apply, as
 * on Kubernetes: no conflict with "kubectl-client-side-apply", kubectl's
 * managedFields patch is kept (the client-side manager is gone afterwards),
 * and a server-side apply that changes no value still records its manager.
 */
import { kubectlOk, useTestCluster } from './testing/test-cluster';

const clusterOf = useTestCluster();

const configMap = (name: string, a: string): string => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
data:
  a: "${a}"
  b: "x"
`;

interface Entry {
  manager: string;
  operation: string;
  fieldsV1: Record<string, unknown>;
}

async function managers(name: string): Promise<{ rv: string; data: Record<string, string>; entries: Entry[] }> {
  const obj = JSON.parse(await kubectlOk(clusterOf(), ['get', 'configmap', name, '-o', 'json', '--show-managed-fields']));
  return { rv: obj.metadata.resourceVersion, data: obj.data, entries: obj.metadata.managedFields ?? [] };
}

it('kubectl apply, then apply --server-side with a changed value: no conflict, ownership moves to kubectl', async () => {
  expect(await kubectlOk(clusterOf(), ['apply', '-f', '-'], configMap('csa', '1'))).toContain('configmap/csa created');
  const before = await managers('csa');
  expect(before.entries.map((e) => `${e.manager}/${e.operation}`)).toEqual(['kubectl-client-side-apply/Update']);

  const out = await kubectlOk(clusterOf(), ['apply', '--server-side', '-f', '-'], configMap('csa', '2'));
  expect(out).toContain('configmap/csa serverside-applied');
  const after = await managers('csa');
  expect(after.data).toEqual({ a: '2', b: 'x' });
  // The migration patch was kept: nothing is left to the client-side manager, and kubectl's Apply entry owns the data.
  expect(after.entries.map((e) => e.manager)).not.toContain('kubectl-client-side-apply');
  const apply = after.entries.find((e) => e.manager === 'kubectl' && e.operation === 'Apply');
  expect(apply?.fieldsV1['f:data']).toMatchObject({ 'f:a': {}, 'f:b': {} });

  // Removing a key from the configuration now removes it from the object: kubectl owns it by Apply.
  const dropped = (await kubectlOk(clusterOf(), ['apply', '--server-side', '-f', '-'], configMap('csa', '2').replace('  b: "x"\n', '')));
  expect(dropped).toContain('serverside-applied');
  expect((await managers('csa')).data).toEqual({ a: '2' });
});

it('a conflict with a field the client-side apply never set still blocks', async () => {
  await kubectlOk(clusterOf(), ['apply', '-f', '-'], configMap('mixed', '1'));
  // Another writer (kubectl patch, manager "kubectl-patch") sets a key the last-applied configuration does not hold.
  await kubectlOk(clusterOf(), ['patch', 'configmap', 'mixed', '--type=merge', '-p', '{"data":{"c":"patched"}}']);
  const r = await clusterOf().kubectl(['apply', '--server-side', '-f', '-'], { input: `${configMap('mixed', '2')}  c: "mine"\n` });
  expect(r.code).not.toBe(0);
  expect(r.stderr).toContain('Apply failed with 1 conflict: conflict with "kubectl-patch" using v1: .data.c');
  expect((await managers('mixed')).data).toEqual({ a: '1', b: 'x', c: 'patched' });
});

it('a server-side apply that changes no value records its manager once, and a repeat changes nothing', async () => {
  await kubectlOk(clusterOf(), ['apply', '--server-side', '-f', '-'], configMap('shared', '1'));
  const first = await managers('shared');
  await kubectlOk(clusterOf(), ['apply', '--server-side', '--field-manager=second', '-f', '-'], configMap('shared', '1'));
  const second = await managers('shared');
  expect(second.entries.map((e) => `${e.manager}/${e.operation}`).sort()).toEqual(['kubectl/Apply', 'second/Apply']);
  expect(Number(second.rv)).toBeGreaterThan(Number(first.rv));
  await kubectlOk(clusterOf(), ['apply', '--server-side', '--field-manager=second', '-f', '-'], configMap('shared', '1'));
  expect((await managers('shared')).rv).toBe(second.rv);
});
