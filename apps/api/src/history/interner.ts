/**
 * Interned strings: each distinct string gets a small integer once, so the
 * event index keeps one number per event and column instead of a string.
 * Id 0 is the empty/absent string.
 */
export class Interner {
  private readonly ids = new Map<string, number>();
  private readonly strings: string[] = [''];

  /** The id of `text` (assigned on first sight; '' and undefined are 0). */
  intern(text: string | undefined): number {
    if (!text) return 0;
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(text);
      this.ids.set(text, id);
    }
    return id;
  }

  /** The id of `text` if it was ever seen; -1 otherwise (so no event matches). */
  lookup(text: string): number {
    return text ? (this.ids.get(text) ?? -1) : 0;
  }

  text(id: number): string {
    return this.strings[id] ?? '';
  }

  get size(): number {
    return this.strings.length;
  }

  /** A mask over ids: 1 where the string satisfies `test`. */
  mask(test: (text: string) => boolean): Uint8Array {
    const mask = new Uint8Array(this.strings.length);
    for (let i = 1; i < this.strings.length; i++) if (test(this.strings[i])) mask[i] = 1;
    return mask;
  }
}

/** 32-bit FNV-1a: a compact key for ids that are too many to intern (event and correlation ids); matches are confirmed on the full event. */
export function hash32(text: string | undefined): number {
  if (!text) return 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0 || 1;
}
