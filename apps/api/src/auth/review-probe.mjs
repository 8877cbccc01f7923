// Asks a server a SelfSubjectAccessReview through the official
// @kubernetes/client-node (an ES module, so outside Jest) and prints the
// answer's status as one JSON line.
// Usage: node review-probe.mjs KUBECONFIG VERB GROUP RESOURCE NAMESPACE
import * as k8s from '@kubernetes/client-node';

const [kubeconfig, verb, group, resource, namespace] = process.argv.slice(2);
const kc = new k8s.KubeConfig();
kc.loadFromFile(kubeconfig);
const api = kc.makeApiClient(k8s.AuthorizationV1Api);
const review = await api.createSelfSubjectAccessReview({
  body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { verb, group, resource, namespace } } },
});
process.stdout.write(JSON.stringify({ kind: review.kind, status: review.status }) + '\n');
