'use client';
/**
 * Sign-in: a one-time code from the link `chronokube up`/`web` print is
 * exchanged for a token; otherwise a bearer token typed into "Token". The
 * token is checked against the API before it is stored.
 */
import { Suspense, useEffect, useState } from 'react';
import { useSearchParams } from 'next/navigation';
import { apiFetch, apiJson, ApiRequestError } from '../../lib/api-client';
import { writeToken } from '../../lib/token-store';

function Login() {
  const params = useSearchParams();
  const code = params.get('code');
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!code) return;
    setBusy(true);
    // The code is single-use: drop it from the address bar whatever happens.
    window.history.replaceState(null, '', '/login/');
    apiJson<{ token: string }>('/auth/one-time', { method: 'POST', body: { code }, expect: [401] })
      .then((r) => {
        writeToken(r.token);
        window.location.replace('/');
      })
      .catch((err: Error) => {
        setError(err.message);
        setBusy(false);
      });
  }, [code]);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const t = token.trim();
    if (!t) {
      setError('Unauthorized: enter a bearer token');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await apiFetch('/api/v1/namespaces?limit=1', { token: t, expect: [401] });
      writeToken(t);
      window.location.replace('/');
    } catch (err) {
      const e = err as ApiRequestError;
      setError(e.code === 401 ? 'Unauthorized: the API server does not accept this token' : e.message);
      setBusy(false);
    }
  }

  return (
    <div className="login">
      <h1 className="brand" style={{ fontSize: 22 }}>chrono<span>kube</span></h1>
      <form className="panel" onSubmit={submit}>
        <label htmlFor="token">Token</label>
        <input id="token" name="token" type="password" autoComplete="off" autoFocus value={token} onChange={(e) => setToken(e.target.value)} placeholder="bearer token" />
        {error && <div className="banner" data-testid="error-banner" role="alert" style={{ margin: '0 0 10px' }}><span className="msg">{error}</span></div>}
        <button className="primary" type="submit" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
        <p className="muted" style={{ marginTop: 12, fontSize: 12 }}>
          <code>chronokube up</code> and <code>chronokube web</code> print a link that signs you in once. Tokens are in the install&apos;s token file.
        </p>
      </form>
    </div>
  );
}

export default function LoginPage() {
  return (
    <Suspense fallback={<div className="loading" data-testid="loading">Loading…</div>}>
      <Login />
    </Suspense>
  );
}
