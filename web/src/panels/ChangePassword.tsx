// The user's own password: the current one, the new one twice; the server checks the policy.
import { useState } from 'react';
import { ApiError } from '../api/client';
import { changeOwnPassword } from '../api/users';
import { useClientSettings } from '../api/useClientSettings';
import { useI18n } from '../i18n';
import { serverErrorText } from '../i18n/errors';
import { Dialog, DialogButton } from './Dialog';

export function ChangePasswordButton() {
  const { t } = useI18n();
  return <DialogButton label={t('passwordOpen')} dialog={(close) => <ChangePasswordDialog onClose={close} />} />;
}

function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const { t, lang } = useI18n();
  const settings = useClientSettings();
  const [form, setForm] = useState({ current: '', next: '', repeat: '' });
  const [notice, setNotice] = useState<{ error: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    if (form.next !== form.repeat) {
      setNotice({ error: true, text: t('passwordMismatch') });
      return;
    }
    setBusy(true);
    setNotice(null);
    try {
      await changeOwnPassword(form.current, form.next);
      setForm({ current: '', next: '', repeat: '' });
      setNotice({ error: false, text: t('passwordChanged') });
    } catch (e) {
      setNotice({ error: true, text: e instanceof ApiError ? serverErrorText(lang, e.message, e.extensions) : String(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog titleId="password-title" title={t('passwordTitle')} className="tokens-dialog" onClose={onClose}>
        <form className="tokens-form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
          <label>{t('passwordCurrent')}
            <input name="currentPassword" type="password" autoComplete="current-password" value={form.current} onChange={(e) => setForm({ ...form, current: e.target.value })} />
          </label>
          <label>{t('passwordNew')}
            <input name="newPassword" type="password" autoComplete="new-password" value={form.next} onChange={(e) => setForm({ ...form, next: e.target.value })} />
          </label>
          <label>{t('passwordRepeat')}
            <input name="repeatPassword" type="password" autoComplete="new-password" value={form.repeat} onChange={(e) => setForm({ ...form, repeat: e.target.value })} />
          </label>
          <button type="submit" className="primary" disabled={busy || !form.current || !form.next}>{t('passwordChange')}</button>
        </form>
        {settings && <p className="hint">{t('usersPasswordHint', { min: settings.passwordMinLength })}</p>}
        {notice && <p className={notice.error ? 'error' : 'notice'} role={notice.error ? 'alert' : 'status'}>{notice.text}</p>}
    </Dialog>
  );
}
