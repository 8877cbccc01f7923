/**
 * Keyboard shortcuts as k9s/GitHub users expect: `/` focuses the search,
 * `g o` / `g w` / `g m` go to overview, workloads, map, `t` toggles the
 * theme, `?` lists the keys. Pure: given the previous key and this one, what to do.
 */

/** What a key press asks for. */
export type ShortcutAction = { type: 'focus-search' } | { type: 'navigate'; href: string } | { type: 'toggle-theme' } | { type: 'help' } | { type: 'pending' } | { type: 'none' };

/** The two-key `g` sequences. */
export const GO_TO: Record<string, string> = { o: '/', w: '/workloads/', m: '/map/', t: '/timeline/' };

/** Interpret `key` given the key before it (`pending` = a `g` waiting for its second key). */
export function interpretKey(key: string, previous: string | undefined): ShortcutAction {
  if (previous === 'g' && GO_TO[key]) return { type: 'navigate', href: GO_TO[key] };
  if (key === 'g') return { type: 'pending' };
  if (key === '/') return { type: 'focus-search' };
  if (key === 't') return { type: 'toggle-theme' };
  if (key === '?') return { type: 'help' };
  return { type: 'none' };
}

/** True when the event target takes text (shortcuts must not steal typing). */
export function isTyping(target: { tagName?: string; isContentEditable?: boolean } | null): boolean {
  if (!target) return false;
  const tag = (target.tagName ?? '').toLowerCase();
  return tag === 'input' || tag === 'textarea' || tag === 'select' || !!target.isContentEditable;
}
