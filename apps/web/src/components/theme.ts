/**
 * Dark and light: follow the OS until the user picks one (`t` or the
 * toggle), then remember the pick in localStorage.
 */

const KEY = 'chronokube.theme';

/** The theme in force: the stored pick, else the OS preference. */
export function currentTheme(): 'dark' | 'light' {
  const stored = window.localStorage.getItem(KEY);
  if (stored === 'dark' || stored === 'light') return stored;
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Switch and remember. */
export function toggleTheme(): 'dark' | 'light' {
  const next = currentTheme() === 'dark' ? 'light' : 'dark';
  window.localStorage.setItem(KEY, next);
  document.documentElement.dataset.theme = next;
  window.dispatchEvent(new Event('chronokube-theme'));
  return next;
}

/** Runs before first paint (inline in <head>) so a stored pick never flashes the other theme. */
export const THEME_BOOT_SCRIPT = `try{var t=localStorage.getItem('${KEY}');if(t==='dark'||t==='light')document.documentElement.dataset.theme=t}catch(e){}`;
