// The installation's settings (plane zone, attachment limit) for a component; null until they arrive.
import { useEffect, useState } from 'react';
import { fetchClientSettings, type ClientSettings } from './ledger';

export function useClientSettings(): ClientSettings | null {
  const [settings, setSettings] = useState<ClientSettings | null>(null);
  useEffect(() => {
    let live = true;
    fetchClientSettings().then(
      (s) => live && setSettings(s),
      () => {}, // panels work without them; the next mount asks again
    );
    return () => {
      live = false;
    };
  }, []);
  return settings;
}
