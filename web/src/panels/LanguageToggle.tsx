import { useI18n } from '../i18n';

export function LanguageToggle() {
  const { lang, setLang, t } = useI18n();
  return (
    <button
      type="button"
      className="lang-toggle"
      lang={lang === 'ja' ? 'en' : 'ja'}
      aria-label={t('switchLanguageLabel')}
      onClick={() => setLang(lang === 'ja' ? 'en' : 'ja')}
    >
      {t('switchLanguage')}
    </button>
  );
}
