/**
 * The reproduction, with the real kubectl against `chronokube
 * server`: a pod whose nodeSelectorTerms is a string is refused with
 * kube-apiserver's decoding error and appends nothing, and the cluster
 * still takes writes; a ConfigMap patched into a Secret is refused.
 */
import { useTestCluster } from '../testing/test-cluster';

const clusterOf = useTestCluster();

const BAD_POD = `apiVersion: v1
kind: Pod
metadata:
  name: bad-affinity
spec:
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms: "x"
  containers:
  - name: main
    image: busybox:1.36
`;

it('kubectl create of a wrongly-typed pod is 400 BadRequest and appends nothing', async () => {
  const before = await clusterOf().eventCount();
  const r = await clusterOf().kubectl(['create', '-f', '-'], { input: BAD_POD });
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('Error from server (BadRequest)');
  expect(r.stderr).toContain(
    'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field NodeSelector.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms of type []v1.NodeSelectorTerm',
  );
  const selector = await clusterOf().kubectl(['create', '-f', '-'], { input: BAD_POD.replace(/affinity:[\s\S]*nodeSelectorTerms: "x"\n/, 'nodeSelector: "a=b"\n').replace('bad-affinity', 'bad-selector') });
  expect(selector.code).toBe(1);
  expect(selector.stderr).toContain('json: cannot unmarshal string into Go struct field PodSpec.spec.nodeSelector of type map[string]string');
  expect(await clusterOf().eventCount()).toBe(before);
  const ok = await clusterOf().kubectl(['create', 'configmap', 'after-bad-pod', '--from-literal=a=b']);
  expect(ok.code).toBe(0);
});

it('kubectl patch may not turn a ConfigMap into a Secret (422)', async () => {
  expect((await clusterOf().kubectl(['create', 'configmap', 'not-a-secret', '--from-literal=a=b'])).code).toBe(0);
  const before = await clusterOf().eventCount();
  const r = await clusterOf().kubectl(['patch', 'configmap', 'not-a-secret', '--type=json', '-p', '[{"op":"replace","path":"/kind","value":"Secret"}]']);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('is invalid: patch: Invalid value');
  expect(r.stderr).toContain('converting (v1.Secret) to (core.ConfigMap)');
  expect(await clusterOf().eventCount()).toBe(before);
  const kind = await clusterOf().kubectl(['get', 'configmap', 'not-a-secret', '-o', 'jsonpath={.kind}']);
  expect(kind.stdout).toBe('ConfigMap');
});
