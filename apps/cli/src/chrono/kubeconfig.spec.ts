import path from 'node:path';
import { CliError } from '../errors';
import { kubeconfigPaths, mergeKubeconfigs, resolveAccess, type KubeconfigFile } from './kubeconfig';

const b64 = (s: string) => Buffer.from(s).toString('base64');

const first: KubeconfigFile = {
  path: '/home/u/.kube/a.yaml',
  doc: {
    'current-context': 'dev',
    clusters: [
      { name: 'c1', cluster: { server: 'https://127.0.0.1:6443/', 'certificate-authority-data': b64('CA-ONE') } },
      { name: 'c2', cluster: { server: 'https://10.0.0.2:6443', 'certificate-authority': 'pki/ca.crt', 'insecure-skip-tls-verify': true } },
    ],
    users: [{ name: 'alice', user: { token: 'tok-a' } }],
    contexts: [{ name: 'dev', context: { cluster: 'c1', user: 'alice', namespace: 'demo' } }],
  },
};
const second: KubeconfigFile = {
  path: '/etc/kube/b.yaml',
  doc: {
    'current-context': 'prod',
    clusters: [{ name: 'c1', cluster: { server: 'https://shadowed:1' } }],
    users: [
      { name: 'alice', user: { token: 'shadowed' } },
      { name: 'cert', user: { 'client-certificate': 'certs/u.crt', 'client-key-data': b64('KEY') } },
      { name: 'tf', user: { tokenFile: '/run/token' } },
      { name: 'plugin', user: { exec: { command: 'aws' } } },
    ],
    contexts: [
      { name: 'prod', context: { cluster: 'c2', user: 'cert' } },
      { name: 'tf', context: { cluster: 'c1', user: 'tf' } },
      { name: 'plugin', context: { cluster: 'c1', user: 'plugin' } },
      { name: 'lost', context: { cluster: 'nowhere', user: 'alice' } },
    ],
  },
};

const files: Record<string, string> = {
  '/home/u/.kube/pki/ca.crt': 'CA-TWO',
  '/etc/kube/certs/u.crt': 'CERT',
  '/run/token': 'tok-file\n',
};
const readFile = (f: string): string => {
  if (!(f in files)) throw Object.assign(new Error('nope'), { code: 'ENOENT' });
  return files[f];
};

describe('kubeconfig', () => {
  const merged = mergeKubeconfigs([first, second]);

  it('takes the first file\'s current context, clusters and users; later files fill gaps', () => {
    const a = resolveAccess(merged, {}, readFile);
    expect(a).toMatchObject({ contextName: 'dev', server: 'https://127.0.0.1:6443', caPem: 'CA-ONE', token: 'tok-a', namespace: 'demo', insecureSkipTlsVerify: false });
  });

  it('resolves relative paths against the file that names them, and reads client certs', () => {
    const a = resolveAccess(merged, { context: 'prod' }, readFile);
    // cluster c2 comes from the first file (its dir), user cert from the second.
    expect(a).toMatchObject({ server: 'https://10.0.0.2:6443', caPem: 'CA-TWO', insecureSkipTlsVerify: true, certPem: 'CERT', keyPem: 'KEY', namespace: 'default' });
    expect(a.token).toBeUndefined();
  });

  it('reads a tokenFile and lets --namespace win over the context', () => {
    expect(resolveAccess(merged, { context: 'tf', namespace: 'ops' }, readFile)).toMatchObject({ token: 'tok-file', namespace: 'ops' });
  });

  it('says which context, cluster or plugin is the problem', () => {
    const err = (context: string) => {
      try {
        resolveAccess(merged, { context }, readFile);
      } catch (e) {
        expect(e).toBeInstanceOf(CliError);
        return (e as Error).message;
      }
      throw new Error('no error');
    };
    expect(err('missing')).toBe('context "missing" does not exist');
    expect(err('lost')).toBe('context "lost": cluster "nowhere" does not exist in the kubeconfig');
    expect(err('plugin')).toContain('exec or auth-provider plugin');
    expect(() => resolveAccess(mergeKubeconfigs([]), {}, readFile)).toThrow('no current context');
  });

  it('reads --kubeconfig alone, else every KUBECONFIG entry, else ~/.kube/config', () => {
    expect(kubeconfigPaths('/x/cfg', { KUBECONFIG: '/a:/b' })).toEqual({ paths: ['/x/cfg'], mustExist: true });
    expect(kubeconfigPaths(undefined, { KUBECONFIG: `/a${path.delimiter}${path.delimiter}/b${path.delimiter}/a` })).toEqual({ paths: ['/a', '/b'], mustExist: false });
    expect(kubeconfigPaths(undefined, {}, '/home/z')).toEqual({ paths: ['/home/z/.kube/config'], mustExist: false });
  });
});
