// The first tab stop: past the header and the sidebar straight to the map, whose canvas takes
// the arrow keys. Not an href="#…": the page's hash holds the map view.
import { useI18n } from '../i18n';

export function SkipLink() {
  const { t } = useI18n();
  return (
    <a
      className="skip-link"
      href="#map"
      onClick={(e) => {
        e.preventDefault();
        document.querySelector<HTMLElement>('.map-area canvas')?.focus();
      }}
    >
      {t('skipToMap')}
    </a>
  );
}
