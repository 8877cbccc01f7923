/**
 * Switches that mirror kube-apiserver feature gates, or mark where
 * chronokube deliberately differs from it.
 */
export interface ValidationOptions {
  /**
   * RelaxedEnvironmentVariableValidation: env var names may be any printable
   * ASCII but '='. Beta and on by default in 1.32, so default true.
   */
  relaxedEnvVarNames?: boolean;
  /**
   * Accept loopback addresses (127.0.0.0/8, ::1) in Endpoints and
   * externalIPs. kube-apiserver refuses them; chronokube runs nodes and
   * services on loopback, so the default is true.
   */
  allowLoopbackIPs?: boolean;
}
