// What every printed sheet does first: load its data once, and report a failure or a missing
// subject to the print page (which tells the server's renderer) instead of drawing.
import { useEffect, useEffectEvent } from 'react';
import { useLoad } from '../api/useLoad';

interface SheetData<T> {
  /** What is asked, as a string (a new key loads again). */
  key: string;
  /** Names the subject in a failure: "route: …". */
  subject: string;
  /** Said when the answer is null (the subject does not exist). */
  missing: string;
  load(): Promise<T | null>;
}

/** The sheet's data, or null until it is there. */
export function useSheetData<T>({ key, subject, missing, load }: SheetData<T>, onError: (message: string) => void): T | null {
  const { data, error } = useLoad(key, load);
  const report = useEffectEvent(onError);
  useEffect(() => {
    if (error) report(`${subject}: ${error}`);
    else if (data === null) report(missing);
  }, [error, data, subject, missing]);
  return data ?? null;
}
