// Runs the official @kubernetes/client-node (an ES module, so outside Jest)
// informer against a server, and prints each informer event as one JSON line.
// Usage: node informer-probe.mjs KUBECONFIG NAMESPACE
import * as k8s from '@kubernetes/client-node';

const [kubeconfig, namespace] = process.argv.slice(2);
const kc = new k8s.KubeConfig();
kc.loadFromFile(kubeconfig);
const api = kc.makeApiClient(k8s.CoreV1Api);
const informer = k8s.makeInformer(kc, `/api/v1/namespaces/${namespace}/configmaps`, () => api.listNamespacedConfigMap({ namespace }));
const print = (type) => (obj) => process.stdout.write(JSON.stringify({ type, name: obj.metadata.name, data: obj.data ?? {}, rv: obj.metadata.resourceVersion }) + '\n');
informer.on('add', print('add'));
informer.on('update', print('update'));
informer.on('delete', print('delete'));
informer.on('error', (err) => {
  process.stderr.write(`informer error: ${err?.message ?? err}\n`);
  process.exit(3);
});
await informer.start();
process.stdout.write(JSON.stringify({ type: 'started' }) + '\n');
process.on('SIGTERM', () => {
  informer.stop();
  process.exit(0);
});
