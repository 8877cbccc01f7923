"""The official Python client (Debian's python3-kubernetes) against a chronokube
server: each step is what a user of the client writes, and every response is
deserialized with the client's own validation (a required field the server
left out fails here). Prints one JSON line per step; exits non-zero with the
failing step and its error on stderr.

usage: python-client-probe.py KUBECONFIG NODE_NAME
"""
import json
import sys
import time

from kubernetes import client, config, watch

kubeconfig, node_name = sys.argv[1], sys.argv[2]
config.load_kube_config(config_file=kubeconfig)
core = client.CoreV1Api()
apps = client.AppsV1Api()
ns = "default"


def report(step, **fields):
    print(json.dumps({"step": step, **fields}), flush=True)


def check(cond, message):
    if not cond:
        raise AssertionError(message)


def step_nodes():
    nodes = core.list_node().items
    node = next(n for n in nodes if n.metadata.name == node_name)
    info = node.status.node_info
    report("list_node", names=sorted(n.metadata.name for n in nodes), bootID=info.boot_id,
           machineID=info.machine_id, systemUUID=info.system_uuid)


def cm(name, data, labels=None):
    return client.V1ConfigMap(metadata=client.V1ObjectMeta(name=name, labels=labels), data=data)


def step_crud():
    created = core.create_namespaced_config_map(ns, cm("py-cm", {"a": "1"}))
    listed = [c.metadata.name for c in core.list_namespaced_config_map(ns).items]
    check("py-cm" in listed, "py-cm not listed")
    current = core.read_namespaced_config_map("py-cm", ns)
    current.data["a"] = "2"
    replaced = core.replace_namespaced_config_map("py-cm", ns, current)
    patched = core.patch_namespaced_config_map("py-cm", ns, {"data": {"b": "3"}})
    report("crud", created=created.data, replaced=replaced.data, patched=patched.data,
           versions=[created.metadata.resource_version, replaced.metadata.resource_version, patched.metadata.resource_version])


def step_scale():
    labels = {"app": "py-web"}
    dep = client.V1Deployment(
        metadata=client.V1ObjectMeta(name="py-web"),
        spec=client.V1DeploymentSpec(
            replicas=1,
            selector=client.V1LabelSelector(match_labels=labels),
            template=client.V1PodTemplateSpec(
                metadata=client.V1ObjectMeta(labels=labels),
                spec=client.V1PodSpec(containers=[client.V1Container(name="web", image="busybox:1.36", command=["sleep", "3600"])]),
            ),
        ),
    )
    apps.create_namespaced_deployment(ns, dep)
    core.create_namespaced_service(ns, client.V1Service(
        metadata=client.V1ObjectMeta(name="py-web"),
        spec=client.V1ServiceSpec(selector=labels, ports=[client.V1ServicePort(port=80, target_port=8080)])))
    scaled = apps.patch_namespaced_deployment_scale("py-web", ns, {"spec": {"replicas": 2}})
    read = apps.read_namespaced_deployment_scale("py-web", ns)
    # The pods come up on the simulated node; listing them deserializes their status.
    deadline = time.time() + 60
    running = []
    while time.time() < deadline:
        pods = core.list_namespaced_pod(ns, label_selector="app=py-web").items
        running = [p.metadata.name for p in pods if p.status.phase == "Running"]
        if len(running) == 2:
            break
        time.sleep(0.5)
    addresses = []
    while time.time() < deadline and len(addresses) < 2:
        subsets = core.read_namespaced_endpoints("py-web", ns).subsets or []
        addresses = [a.ip for s in subsets for a in (s.addresses or [])]
        time.sleep(0.5)
    report("scale", scaled=scaled.spec.replicas, read=read.spec.replicas, running=len(running), endpoints=len(addresses),
           deployment=apps.read_namespaced_deployment("py-web", ns).spec.replicas)


def step_watch():
    rv = core.list_namespaced_config_map(ns).metadata.resource_version
    core.create_namespaced_config_map(ns, cm("py-watched", {"x": "1"}))
    core.patch_namespaced_config_map("py-watched", ns, {"data": {"x": "2"}})
    seen = []
    w = watch.Watch()
    for event in w.stream(core.list_namespaced_config_map, ns, resource_version=rv, timeout_seconds=10):
        obj = event["object"]
        if obj.metadata.name == "py-watched":
            seen.append([event["type"], obj.data["x"]])
        if len(seen) == 2:
            w.stop()
    report("watch", seen=seen)


def step_pages():
    for i in range(5):
        core.create_namespaced_config_map(ns, cm("py-page-%d" % i, {"i": str(i)}, {"paged": "yes"}))
    names, pages, token = [], 0, None
    while True:
        page = core.list_namespaced_config_map(ns, label_selector="paged=yes", limit=2, _continue=token)
        pages += 1
        names += [c.metadata.name for c in page.items]
        token = page.metadata._continue
        if not token:
            break
    report("pages", names=names, pages=pages)


def step_everything_else():
    # Objects the server and its controllers fill in: every list must deserialize.
    counts = {
        "pods": len(core.list_pod_for_all_namespaces().items),
        "events": len(core.list_event_for_all_namespaces().items),
        "endpoints": len(core.list_endpoints_for_all_namespaces().items),
        "services": len(core.list_service_for_all_namespaces().items),
        "namespaces": len(core.list_namespace().items),
        "replicasets": len(apps.list_replica_set_for_all_namespaces().items),
        "deployments": len(apps.list_deployment_for_all_namespaces().items),
        "leases": len(client.CoordinationV1Api().list_lease_for_all_namespaces().items),
    }
    report("lists", counts=counts)


for name, fn in [("list_node", step_nodes), ("crud", step_crud), ("scale", step_scale), ("watch", step_watch),
                 ("pages", step_pages), ("lists", step_everything_else)]:
    try:
        fn()
    except Exception as err:  # the step and the client's own words, for the test's failure message
        print("step %s failed: %s: %s" % (name, type(err).__name__, err), file=sys.stderr, flush=True)
        sys.exit(1)
