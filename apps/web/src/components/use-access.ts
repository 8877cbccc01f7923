'use client';
/** Whether the signed-in user may do something (SelfSubjectAccessReview), cached per question. */
import { useEffect, useState } from 'react';
import { canI, type AccessAnswer, type AccessQuestion } from '../lib/access-review';

const cache = new Map<string, Promise<AccessAnswer>>();

/** 'allowed' shows a write control; 'denied' and 'unknown' (and the wait) hide it. */
export function useAccess(q: AccessQuestion | null): AccessAnswer | 'checking' {
  const key = q ? JSON.stringify(q) : '';
  const [answer, setAnswer] = useState<AccessAnswer | 'checking'>('checking');
  useEffect(() => {
    if (!q) return;
    let live = true;
    let p = cache.get(key);
    if (!p) {
      p = canI(q);
      cache.set(key, p);
    }
    p.then((a) => live && setAnswer(a));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return q ? answer : 'unknown';
}
