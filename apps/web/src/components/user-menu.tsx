'use client';
/** Who is signed in (SelfSubjectReview) and the sign-out button. */
import { useEffect, useState } from 'react';
import { whoAmI } from '../lib/access-review';
import { clearToken } from '../lib/token-store';
import { reportError } from '../state/notices';

export function UserMenu() {
  const [name, setName] = useState<string>('…');
  useEffect(() => {
    whoAmI().then((r) => {
      if (r.error) reportError(new Error(`Who am I: ${r.error}`));
      setName(r.username ?? 'signed in');
    });
  }, []);
  return (
    <span className="user">
      <span data-testid="user-menu" title="Signed-in user">{name}</span>
      <button
        data-testid="sign-out"
        onClick={() => {
          clearToken();
          window.location.assign('/login/');
        }}
      >
        Sign out
      </button>
    </span>
  );
}
