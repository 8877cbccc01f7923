'use client';
/** One request per set of inputs: the latest answer, its error, and whether it is on its way (earlier ones are aborted). */
import { useEffect, useState } from 'react';

export interface RequestState<T> {
  data?: T;
  error?: string;
  loading: boolean;
}

/** Runs `load` whenever `key` changes (nothing when key is null); `reload()` runs it again. */
export function useRequest<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): RequestState<T> & { reload(): void } {
  const [state, setState] = useState<RequestState<T>>({ loading: key !== null });
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (key === null) {
      setState({ loading: false });
      return;
    }
    const ctl = new AbortController();
    setState((s) => ({ data: s.data, loading: true }));
    load(ctl.signal).then(
      (data) => !ctl.signal.aborted && setState({ data, loading: false }),
      (err: Error) => !ctl.signal.aborted && setState({ error: err.message, loading: false }),
    );
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, round]);
  return { ...state, reload: () => setRound((r) => r + 1) };
}
