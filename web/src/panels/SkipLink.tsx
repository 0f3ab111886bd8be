// The first tab stops: past the header and the sidebar straight to the map (whose canvas takes the
// arrow keys), the search box, or the print tools. Not href="#…" targets: the page's hash holds the map view.
import type { MouseEvent } from 'react';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/ja';

/** Opens the print panel and puts the focus on its first control (the paper). */
function focusPrintTools() {
  const panel = document.querySelector<HTMLDetailsElement>('details.print-map-panel');
  if (!panel) return;
  panel.open = true;
  requestAnimationFrame(() => panel.querySelector<HTMLElement>('select, input, button')?.focus());
}

const TARGETS: { label: MessageKey; href: string; go: () => void }[] = [
  { label: 'skipToMap', href: '#map', go: () => document.querySelector<HTMLElement>('.map-area canvas')?.focus() },
  { label: 'skipToSearch', href: '#search', go: () => document.querySelector<HTMLElement>('.search-box input')?.focus() },
  { label: 'skipToPrint', href: '#print', go: focusPrintTools },
];

export function SkipLinks() {
  const { t } = useI18n();
  return (
    <nav className="skip-links" aria-label={t('skipLinks')}>
      {TARGETS.map(({ label, href, go }) => (
        <a key={href} className="skip-link" href={href} onClick={(e: MouseEvent) => (e.preventDefault(), go())}>
          {t(label)}
        </a>
      ))}
    </nav>
  );
}
