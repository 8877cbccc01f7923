'use client';
/** The theme in force, updated when toggled or when the OS switches. */
import { useEffect, useState } from 'react';
import { currentTheme } from './theme';

export function useTheme(): 'dark' | 'light' {
  const [theme, setTheme] = useState<'dark' | 'light'>('light');
  useEffect(() => {
    const update = () => setTheme(currentTheme());
    update();
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    mq.addEventListener('change', update);
    window.addEventListener('chronokube-theme', update);
    return () => {
      mq.removeEventListener('change', update);
      window.removeEventListener('chronokube-theme', update);
    };
  }, []);
  return theme;
}
