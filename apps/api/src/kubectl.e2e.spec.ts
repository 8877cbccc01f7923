/**
 * The real kubectl v1.32 against a real `chronokube server`: every command
 * here is what an operator types, and the assertions are on what kubectl
 * prints and its exit code.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { kubectlOk, useTestCluster } from './testing/test-cluster';

const MANIFEST = `
apiVersion: v1
kind: Namespace
metadata:
  name: demo
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: demo
  labels:
    app: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: busybox:1.36
        command: ["httpd", "-f", "-p", "8080"]
        ports:
        - containerPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: demo
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 8080
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
  namespace: demo
data:
  greeting: hello
`;

function pod(name: string, labels: Record<string, string> = { app: 'solo' }, extra = ''): string {
  const labelLines = Object.entries(labels).map(([k, v]) => `    ${k}: ${v}`).join('\n');
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
${labelLines}
spec:
  containers:
  - name: main
    image: busybox:1.36
    command: ["sleep", "3600"]
${extra}`;
}

const clusterOf = useTestCluster();

const ok = (args: string[], input?: string): Promise<string> => kubectlOk(clusterOf(), args, input);

describe('kubectl against chronokube', () => {
  it('applies a multi-document manifest and reads it back', async () => {
    const out = await ok(['apply', '-f', '-'], MANIFEST);
    expect(out).toContain('namespace/demo created');
    expect(out).toContain('deployment.apps/web created');
    expect(out).toContain('service/web created');
    expect(out).toContain('configmap/web-config created');

    const deploy = await ok(['get', 'deployment', 'web', '-n', 'demo']);
    expect(deploy.split('\n')[0]).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/);
    expect(deploy).toMatch(/^web\s+0\/2\s+\d+\s+0\s+\d+s/m);

    const svc = await ok(['get', 'svc', 'web', '-n', 'demo', '-o', 'wide']);
    expect(svc.split('\n')[0]).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\s+SELECTOR$/);
    expect(svc).toMatch(/^web\s+ClusterIP\s+127\.96\.\d+\.\d+\s+<none>\s+80\/TCP\s+\S+\s+app=web$/m);

    const cm = JSON.parse(await ok(['get', 'configmap', 'web-config', '-n', 'demo', '-o', 'json']));
    expect(cm.data).toEqual({ greeting: 'hello' });
    expect(cm.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number(cm.metadata.resourceVersion)).toBeGreaterThan(0);

    const yaml = await ok(['get', 'deployment', 'web', '-n', 'demo', '-o', 'yaml']);
    expect(yaml).toContain('kind: Deployment');
    expect(yaml).toContain('revisionHistoryLimit: 10');
    expect(yaml).toContain('imagePullPolicy: IfNotPresent');
  });

  it('records who did what in every event\'s metadata', async () => {
    const events = await clusterOf().readStream('deployment-demo.web');
    expect(events[0].type).toBe('DeploymentCreated');
    expect(events[0].data.object.spec.replicas).toBe(2);
    expect(events[0].metadata).toMatchObject({ actor: 'alice', actorUid: 'uid-alice', verb: 'create' });
    expect(events[0].metadata.userAgent).toMatch(/^kubectl\/v1\.32/);
    expect(events[0].metadata.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(events[0].metadata.causationId).toBeTruthy();
  });

  it('takes correlation, causation and reason from a client\'s headers', async () => {
    const r = await clusterOf().request('POST', '/api/v1/namespaces/demo/configmaps', {
      body: JSON.stringify({ metadata: { name: 'traced' } }), contentType: 'application/json',
      headers: { 'X-Chronokube-Correlation-Id': 'incident-42', 'X-Chronokube-Causation-Id': 'event-7', 'X-Chronokube-Reason': 'runbook step 3' },
    });
    expect(r.status).toBe(201);
    const [created] = await clusterOf().readStream('configmap-demo.traced');
    expect(created.metadata).toMatchObject({ correlationId: 'incident-42', causationId: 'event-7', reason: 'runbook step 3', actor: 'alice' });
  });

  it('applying the same manifest again appends no event to its objects', async () => {
    // Only the applied objects' own streams: controllers may be busy elsewhere in the log.
    const streams = ['namespace-demo', 'deployment-demo.web', 'service-demo.web', 'configmap-demo.web-config'];
    const count = async () => (await Promise.all(streams.map((s) => clusterOf().readStream(s)))).map((e) => e.length);
    const before = await count();
    expect(before.every((n) => n >= 1)).toBe(true);
    const out = await ok(['apply', '-f', '-'], MANIFEST);
    expect(out).toContain('deployment.apps/web unchanged');
    expect(out).toContain('configmap/web-config unchanged');
    expect(await count()).toEqual(before);
  });

  it('lists with label and field selectors, across namespaces', async () => {
    await ok(['apply', '-f', '-'], pod('p-red', { app: 'solo', color: 'red' }));
    await ok(['apply', '-f', '-'], pod('p-blue', { app: 'solo', color: 'blue' }));
    const red = await ok(['get', 'pods', '-l', 'color=red', '-o', 'name']);
    expect(red.trim()).toBe('pod/p-red');
    const notRed = await ok(['get', 'pods', '-l', 'color!=red,app in (solo)', '-o', 'name']);
    expect(notRed.trim()).toBe('pod/p-blue');
    const byName = await ok(['get', 'pods', '--field-selector', 'metadata.name=p-blue', '-o', 'name']);
    expect(byName.trim()).toBe('pod/p-blue');
    const pending = await ok(['get', 'pods', '--field-selector', 'status.phase=Pending', '-o', 'name']);
    expect(pending.split('\n').filter(Boolean).sort()).toEqual(['pod/p-blue', 'pod/p-red']);
    const all = await ok(['get', 'configmaps,services', '-A']);
    expect(all).toMatch(/^demo\s+configmap\/web-config\s+1\s+/m);
    expect(all).toMatch(/^demo\s+service\/web\s+ClusterIP/m);
    const pods = await ok(['get', 'pods', '-o', 'wide']);
    expect(pods.split('\n')[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/);
    expect(pods).toMatch(/^p-red\s+0\/1\s+Pending\s+0\s+\S+\s+<none>\s+<none>\s+<none>\s+<none>$/m);
    const bad = await clusterOf().kubectl(['get', 'pods', '--field-selector', 'spec.bogus=1']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('field label not supported: spec.bogus');
  });

  it('describes a deployment and a pod', async () => {
    const d = await ok(['describe', 'deployment', 'web', '-n', 'demo']);
    expect(d).toMatch(/^Name:\s+web$/m);
    expect(d).toMatch(/^Namespace:\s+demo$/m);
    expect(d).toMatch(/^Replicas:\s+2 desired/m);
    expect(d).toMatch(/^StrategyType:\s+RollingUpdate$/m);
    const p = await ok(['describe', 'pod', 'p-red']);
    expect(p).toMatch(/^Status:\s+Pending$/m);
    expect(p).toMatch(/^\s+Image:\s+busybox:1\.36$/m);
  });

  it('labels, annotates and scales', async () => {
    expect(await ok(['label', 'pod', 'p-red', 'tier=front'])).toContain('pod/p-red labeled');
    expect(await ok(['annotate', 'pod', 'p-red', 'owner=team-a'])).toContain('pod/p-red annotated');
    const labels = JSON.parse(await ok(['get', 'pod', 'p-red', '-o', 'json'])).metadata;
    expect(labels.labels.tier).toBe('front');
    expect(labels.annotations.owner).toBe('team-a');
    expect(await ok(['label', 'pod', 'p-red', 'tier-'])).toContain('pod/p-red unlabeled');
    expect(await ok(['scale', 'deployment', 'web', '-n', 'demo', '--replicas=5'])).toContain('deployment.apps/web scaled');
    expect(await ok(['get', 'deployment', 'web', '-n', 'demo', '-o', 'jsonpath={.spec.replicas}'])).toBe('5');
    const conflict = await clusterOf().kubectl(['label', 'pod', 'p-red', 'color=green']);
    expect(conflict.code).not.toBe(0);
    expect(conflict.stderr).toContain("'color' already has a value (red)");
  });

  it('patches with strategic, merge and json patches', async () => {
    await ok(['patch', 'deployment', 'web', '-n', 'demo', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"busybox:1.37"}]}}}}']);
    const c = JSON.parse(await ok(['get', 'deployment', 'web', '-n', 'demo', '-o', 'json'])).spec.template.spec.containers;
    expect(c).toHaveLength(1);
    expect(c[0].image).toBe('busybox:1.37');
    expect(c[0].command).toEqual(['httpd', '-f', '-p', '8080']);
    await ok(['patch', 'configmap', 'web-config', '-n', 'demo', '--type=merge', '-p', '{"data":{"greeting":null,"color":"blue"}}']);
    expect(JSON.parse(await ok(['get', 'cm', 'web-config', '-n', 'demo', '-o', 'json'])).data).toEqual({ color: 'blue' });
    await ok(['patch', 'configmap', 'web-config', '-n', 'demo', '--type=json', '-p', '[{"op":"add","path":"/data/size","value":"L"}]']);
    expect(JSON.parse(await ok(['get', 'cm', 'web-config', '-n', 'demo', '-o', 'json'])).data).toEqual({ color: 'blue', size: 'L' });
    const failed = await clusterOf().kubectl(['patch', 'configmap', 'web-config', '-n', 'demo', '--type=json', '-p', '[{"op":"test","path":"/data/size","value":"XL"}]']);
    expect(failed.code).not.toBe(0);
  });

  it('edits through KUBE_EDITOR and replaces', async () => {
    const editor = path.join(clusterOf().dir, 'editor.sh');
    fs.writeFileSync(editor, '#!/bin/sh\nsed -i "s/color: blue/color: green/" "$1"\n', { mode: 0o755 });
    const r = await clusterOf().kubectl(['edit', 'configmap', 'web-config', '-n', 'demo'], { env: { KUBE_EDITOR: editor } });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('configmap/web-config edited');
    const cm = JSON.parse(await ok(['get', 'cm', 'web-config', '-n', 'demo', '-o', 'json']));
    expect(cm.data.color).toBe('green');
    cm.data = { replaced: 'yes' };
    expect(await ok(['replace', '-f', '-'], JSON.stringify(cm))).toContain('configmap/web-config replaced');
    expect(JSON.parse(await ok(['get', 'cm', 'web-config', '-n', 'demo', '-o', 'json'])).data).toEqual({ replaced: 'yes' });
    // The same body again carries a stale resourceVersion now: 409.
    const stale = await clusterOf().kubectl(['replace', '-f', '-'], { input: JSON.stringify(cm) });
    expect(stale.code).not.toBe(0);
    expect(stale.stderr).toContain('the object has been modified; please apply your changes to the latest version and try again');
  });

  it('watches changes made by another kubectl', async () => {
    const child = spawn('/usr/bin/kubectl', ['get', 'configmaps', '-n', 'demo', '-w', '--output-watch-events'], {
      env: { PATH: process.env.PATH ?? '', HOME: clusterOf().dir, KUBECONFIG: clusterOf().kubeconfigFor('admin') },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const until = async (re: RegExp): Promise<void> => {
      for (let i = 0; i < 200 && !re.test(out); i++) await new Promise((r) => setTimeout(r, 50));
      expect(out).toMatch(re);
    };
    try {
      await until(/ADDED\s+web-config/);
      await ok(['create', 'configmap', 'watched', '-n', 'demo', '--from-literal=a=1']);
      await until(/ADDED\s+watched/);
      await ok(['label', 'configmap', 'watched', '-n', 'demo', 'x=y']);
      await until(/MODIFIED\s+watched/);
      await ok(['delete', 'configmap', 'watched', '-n', 'demo']);
      await until(/DELETED\s+watched/);
      expect(out.split('\n')[0]).toMatch(/^EVENT\s+NAME\s+DATA\s+AGE$/);
      expect(out.match(/EVENT\s+NAME/g)).toHaveLength(1);
    } finally {
      child.kill();
    }
  });

  it('lists api-resources and explains fields', async () => {
    const res = await ok(['api-resources']);
    expect(res).toMatch(/^pods\s+po\s+v1\s+true\s+Pod$/m);
    expect(res).toMatch(/^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
    expect(res).toMatch(/^leases\s+coordination\.k8s\.io\/v1\s+true\s+Lease$/m);
    const explain = await ok(['explain', 'pod.spec.containers']);
    expect(explain).toContain('KIND:       Pod');
    expect(explain).toMatch(/FIELD:\s+containers <\[\]Container>/);
    expect(explain).toMatch(/image\s+<string>/);
  });

  it('reports server-side apply conflicts and forces them', async () => {
    await ok(['apply', '--server-side', '--field-manager=team-a', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: owned\n  namespace: demo\ndata:\n  k: a\n');
    const clash = await clusterOf().kubectl(['apply', '--server-side', '--field-manager=team-b', '-f', '-'], { input: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: owned\n  namespace: demo\ndata:\n  k: b\n' });
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain('conflict with "team-a"');
    expect(clash.stderr).toContain('.data.k');
    await ok(['apply', '--server-side', '--field-manager=team-b', '--force-conflicts', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: owned\n  namespace: demo\ndata:\n  k: b\n');
    expect(await ok(['get', 'cm', 'owned', '-n', 'demo', '-o', 'jsonpath={.data.k}'])).toBe('b');
  });

  it('watches pods with kubectl\'s printed columns', async () => {
    const c = clusterOf();
    const child = spawn('/usr/bin/kubectl', ['get', 'pods', '-w'], { env: { PATH: process.env.PATH ?? '', HOME: c.dir, KUBECONFIG: c.kubeconfigFor('admin') } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    try {
      for (let i = 0; i < 200 && !/p-red/.test(out); i++) await new Promise((r) => setTimeout(r, 50));
      await ok(['apply', '-f', '-'], pod('p-watched'));
      for (let i = 0; i < 200 && !/p-watched/.test(out); i++) await new Promise((r) => setTimeout(r, 50));
      expect(out.split('\n')[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
      expect(out).toMatch(/^p-watched\s+0\/1\s+Pending\s+0\s+\S+$/m);
    } finally {
      child.kill();
    }
  });

  it('applies server-side and tracks the field manager', async () => {
    const cm = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\n  namespace: demo\ndata:\n  k: v\n`;
    expect(await ok(['apply', '--server-side', '-f', '-'], cm)).toContain('configmap/ssa serverside-applied');
    const got = JSON.parse(await ok(['get', 'cm', 'ssa', '-n', 'demo', '-o', 'json', '--show-managed-fields']));
    expect(got.data).toEqual({ k: 'v' });
    expect(got.metadata.managedFields.some((m: { manager: string; operation: string }) => m.manager === 'kubectl' && m.operation === 'Apply')).toBe(true);
    const before = (await clusterOf().readStream('configmap-demo.ssa')).length;
    await ok(['apply', '--server-side', '-f', '-'], cm);
    expect((await clusterOf().readStream('configmap-demo.ssa')).length).toBe(before);
    await ok(['apply', '--server-side', '-f', '-'], cm.replace('k: v', 'k2: v2'));
    expect(JSON.parse(await ok(['get', 'cm', 'ssa', '-n', 'demo', '-o', 'json'])).data).toEqual({ k2: 'v2' });
  });

  it('reads an earlier state with resourceVersionMatch=Exact', async () => {
    await ok(['create', 'configmap', 'history', '-n', 'demo', '--from-literal=v=1']);
    const rv1 = (await ok(['get', 'cm', 'history', '-n', 'demo', '-o', 'jsonpath={.metadata.resourceVersion}'])).trim();
    await ok(['patch', 'cm', 'history', '-n', 'demo', '--type=merge', '-p', '{"data":{"v":"2"}}']);
    await ok(['delete', 'cm', 'history', '-n', 'demo']);
    const old = JSON.parse(await ok(['get', '--raw', `/api/v1/namespaces/demo/configmaps?resourceVersion=${rv1}&resourceVersionMatch=Exact`]));
    expect(old.metadata.resourceVersion).toBe(rv1);
    expect(old.items.find((i: { metadata: { name: string } }) => i.metadata.name === 'history').data).toEqual({ v: '1' });
    const now = JSON.parse(await ok(['get', '--raw', '/api/v1/namespaces/demo/configmaps']));
    expect(now.items.find((i: { metadata: { name: string } }) => i.metadata.name === 'history')).toBeUndefined();
    const one = JSON.parse(await ok(['get', '--raw', `/api/v1/namespaces/demo/configmaps/history?resourceVersion=${rv1}&resourceVersionMatch=Exact`]));
    expect(one.data).toEqual({ v: '1' });
  });

  it('deletes with each cascade mode', async () => {
    for (const mode of ['background', 'foreground', 'orphan']) {
      await ok(['create', 'configmap', `gone-${mode}`, '-n', 'demo']);
      const out = await ok(['delete', 'configmap', `gone-${mode}`, '-n', 'demo', `--cascade=${mode}`]);
      expect(out).toContain(`configmap "gone-${mode}" deleted`);
    }
    const left = await ok(['get', 'configmaps', '-n', 'demo', '-o', 'name']);
    expect(left).not.toContain('gone-');
    const missing = await clusterOf().kubectl(['delete', 'configmap', 'never-was', '-n', 'demo']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('configmaps "never-was" not found');
  });
});
