/**
 * core/v1 health probes and lifecycle hooks, and the handler actions they
 * share (exec, HTTP GET, TCP socket, gRPC, sleep).
 */
import { CORE, Definitions, N, int32, int64, object, ref, refList, str, strEnum, strList } from '../schema-dsl';

const EXEC = ref(`${CORE}ExecAction`, 'Run a command inside the container.');
const HTTP_GET = ref(`${CORE}HTTPGetAction`, 'Perform an HTTP GET request.');
const TCP_SOCKET = ref(`${CORE}TCPSocketAction`, 'Open a TCP connection.');

/** Probe, Lifecycle and their actions. */
export const PROBE_DEFS: Definitions = {
  [`${CORE}Probe`]: object('A health check run against a container to tell whether it is alive or ready to receive traffic.', {
    exec: EXEC,
    failureThreshold: int32('Consecutive failures after a success for the probe to count as failed; defaults to 3, minimum 1.'),
    grpc: ref(`${CORE}GRPCAction`, 'Call a gRPC health-checking service.'),
    httpGet: HTTP_GET,
    initialDelaySeconds: int32('Seconds after the container started before probes begin.'),
    periodSeconds: int32('How often, in seconds, to probe; defaults to 10, minimum 1.'),
    successThreshold: int32('Consecutive successes after a failure for the probe to count as successful; defaults to 1, and must be 1 for liveness and startup.'),
    tcpSocket: TCP_SOCKET,
    terminationGracePeriodSeconds: int64('Grace period for the pod when this probe fails, overriding the pod-level value.'),
    timeoutSeconds: int32('Seconds after which the probe times out; defaults to 1, minimum 1.'),
  }),
  [`${CORE}ExecAction`]: object('Runs a command in the container.', {
    command: strList("Command line to execute with the container's filesystem root as working directory; not run in a shell. Exit status 0 means healthy."),
  }),
  [`${CORE}HTTPGetAction`]: object('An HTTP GET request to perform.', {
    host: str('Host name to connect to; defaults to the pod IP. Set "Host" in httpHeaders instead to vary the virtual host.'),
    httpHeaders: refList(`${CORE}HTTPHeader`, 'Custom headers to send; repeated headers are allowed.'),
    path: str('Path to request on the HTTP server.'),
    port: ref(N.intOrString, 'Number or IANA_SVC_NAME of the port to connect to, in the range 1 to 65535.'),
    scheme: strEnum(['HTTP', 'HTTPS'], 'Scheme to connect with; defaults to HTTP.'),
  }, { required: ['port'] }),
  [`${CORE}HTTPHeader`]: object('A custom header for HTTP probes.', {
    name: str('Header field name; canonicalized on output, so case-variant names are the same header.'),
    value: str('Header field value.'),
  }, { required: ['name', 'value'] }),
  [`${CORE}TCPSocketAction`]: object('A TCP connection to open.', {
    host: str('Host name to connect to; defaults to the pod IP.'),
    port: ref(N.intOrString, 'Number or IANA_SVC_NAME of the port to connect to, in the range 1 to 65535.'),
  }, { required: ['port'] }),
  [`${CORE}GRPCAction`]: object('A gRPC health check call.', {
    port: int32('Port number of the gRPC service, 1 to 65535.'),
    service: str('Service name placed in the gRPC HealthCheckRequest; empty means the default behaviour.', { default: '' }),
  }, { required: ['port'] }),
  [`${CORE}Lifecycle`]: object('Actions the management system runs in response to container lifecycle events; the container blocks until the action completes.', {
    postStart: ref(`${CORE}LifecycleHandler`, 'Called right after the container is created; on failure the container is terminated and restarted per its restart policy.'),
    preStop: ref(`${CORE}LifecycleHandler`, 'Called right before the container is terminated by an API request or management event; the grace period countdown runs meanwhile.'),
  }),
  [`${CORE}LifecycleHandler`]: object('A specific action to take in a lifecycle hook; exactly one field may be set.', {
    exec: EXEC,
    httpGet: HTTP_GET,
    sleep: ref(`${CORE}SleepAction`, 'Sleep for a while before the container is terminated.'),
    tcpSocket: ref(`${CORE}TCPSocketAction`, 'Deprecated, kept for compatibility and not validated: a TCP socket hook.'),
  }),
  [`${CORE}SleepAction`]: object('A sleep of fixed length.', {
    seconds: int64('Seconds to sleep.'),
  }, { required: ['seconds'] }),
};
