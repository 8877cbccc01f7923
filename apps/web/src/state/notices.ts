/**
 * Errors of requests made by pages (a failed scale, a log stream that
 * broke), shown by the error banner until dismissed: never swallowed.
 */
import { create } from 'zustand';

/** One error to show. */
export interface Notice {
  id: number;
  message: string;
}

interface NoticeState {
  notices: Notice[];
  push(message: string): void;
  dismiss(id: number): void;
}

let next = 1;

/** The app-wide list of errors. */
export const useNotices = create<NoticeState>()((set) => ({
  notices: [],
  push: (message) => set((s) => ({ notices: [...s.notices.filter((n) => n.message !== message), { id: next++, message }].slice(-5) })),
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
}));

/** Report an error from anywhere (event handlers, promises). */
export function reportError(err: unknown): void {
  if ((err as Error)?.name === 'AbortError') return;
  useNotices.getState().push(err instanceof Error ? err.message : String(err));
}
