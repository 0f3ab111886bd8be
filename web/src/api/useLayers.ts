// The layers the user may read, read again on demand (after an administrator's change, or when live
// events were missed): the old list stays on screen until the new one is there.
import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from './client';
import type { Layer } from './model';
import { fetchLayers } from './queries';

export function useLayers(): { layers: Layer[] | null; error: string | null; reload(): void } {
  const [layers, setLayers] = useState<Layer[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    fetchLayers().then(setLayers, (e: unknown) => setError(errorMessage(e)));
  }, []);
  useEffect(reload, [reload]);
  return { layers, error, reload };
}
