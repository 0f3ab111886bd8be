// A date field in the user's date style: the native picker for ISO, free text that reads 和暦 otherwise.
import { useState, type InputHTMLAttributes } from 'react';
import { parseDate } from '#domain/dates';
import { useI18n } from '../i18n';

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> {
  /** ISO date, or text that did not read as a date (kept so the check can name it). */
  value: unknown;
  onChange(text: string): void;
}

export function DateInput({ value, onChange, ...rest }: Props) {
  const { dateStyle, formatDate } = useI18n();
  const stored = value == null ? '' : String(value);
  const [text, setText] = useState(() => (stored ? formatDate(stored) : ''));
  // Follow changes from outside (undo, another feature) without rewriting what is being typed.
  const [shown, setShown] = useState({ stored, dateStyle });
  if (shown.stored !== stored || shown.dateStyle !== dateStyle) {
    setShown({ stored, dateStyle });
    if ((parseDate(text) ?? text) !== stored) setText(stored ? formatDate(stored) : '');
  }
  if (dateStyle === 'iso') return <input {...rest} type="date" value={stored} onChange={(e) => onChange(e.target.value)} />;
  return (
    <input
      {...rest}
      type="text"
      placeholder={formatDate('2025-04-01')}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(e.target.value);
      }}
    />
  );
}
