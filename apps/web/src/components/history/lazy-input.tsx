'use client';
/**
 * A text filter that asks the server only once the user pauses (400 ms) or
 * presses Enter / leaves the field, not on every keystroke; the URL, which
 * may change elsewhere (a link, Back), stays the source of its value.
 */
import { useEffect, useRef, useState, type InputHTMLAttributes } from 'react';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> & { value: string; onCommit(value: string): void; delay?: number };

export function LazyInput({ value, onCommit, delay = 400, ...rest }: Props) {
  const [text, setText] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => setText(value), [value]);
  useEffect(() => () => clearTimeout(timer.current), []);
  const commit = (v: string) => {
    clearTimeout(timer.current);
    if (v !== value) onCommit(v);
  };
  return (
    <input
      {...rest}
      value={text}
      onChange={(e) => {
        const v = e.target.value;
        setText(v);
        clearTimeout(timer.current);
        timer.current = setTimeout(() => onCommit(v), delay);
      }}
      onKeyDown={(e) => e.key === 'Enter' && commit(text)}
      onBlur={() => commit(text)}
    />
  );
}
