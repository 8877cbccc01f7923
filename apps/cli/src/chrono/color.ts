/**
 * ANSI colours for +/- lines, only when stdout is a terminal and NO_COLOR
 * is unset (https://no-color.org), so pipes and files get plain text.
 */

/** Paints text; the identity when colour is off. */
export interface Paint {
  added(text: string): string;
  removed(text: string): string;
  changed(text: string): string;
  dim(text: string): string;
}

const wrap = (code: number) => (text: string) => `\u001b[${code}m${text}\u001b[0m`;

/** Colours for a terminal. */
export const ANSI: Paint = { added: wrap(32), removed: wrap(31), changed: wrap(33), dim: wrap(2) };

/** No colour at all. */
export const PLAIN: Paint = { added: (t) => t, removed: (t) => t, changed: (t) => t, dim: (t) => t };

/** Colour when writing to a TTY and the user has not opted out. */
export function paintFor(isTTY: boolean | undefined, env: NodeJS.ProcessEnv): Paint {
  return isTTY && env.NO_COLOR === undefined && env.TERM !== 'dumb' ? ANSI : PLAIN;
}
