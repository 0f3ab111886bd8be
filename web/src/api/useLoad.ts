// Data a component shows, loaded for a key (what is asked, as a string). A new key starts afresh and
// an older answer is dropped; the loading state is derived, not set, so no effect sets state first.
import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import { errorMessage } from './client';

export interface Loaded<T> {
  /** The answer for the current key (undefined while it loads, after a failure, or with no key). */
  data: T | undefined;
  error: string | null;
  loading: boolean;
  /** The last answer for any key: kept on screen while the next one loads. */
  latest: T | undefined;
  /** Asks again for the same key. */
  reload(): void;
}

interface Answer<T> {
  key: string;
  round: number;
  data?: T;
  error?: string;
  latest?: T;
}

/** Loads `load(signal)` whenever `key` changes (null: nothing is asked). */
export function useLoad<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): Loaded<T> {
  const [round, setRound] = useState(0);
  const [answer, setAnswer] = useState<Answer<T> | null>(null);
  const request = useEffectEvent(load);
  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    request(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setAnswer({ key, round, data, latest: data });
      },
      (e: unknown) => {
        if (!controller.signal.aborted) setAnswer((previous) => ({ key, round, error: errorMessage(e), latest: previous?.latest }));
      },
    );
    return () => controller.abort();
  }, [key, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  const current = key !== null && answer?.key === key && answer.round === round ? answer : null;
  return { data: current?.data, error: current?.error ?? null, loading: key !== null && !current, latest: answer?.latest, reload };
}
