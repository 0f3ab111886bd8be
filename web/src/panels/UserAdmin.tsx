// Administrators: users (create, role and department, disable, reset password, unlock) and
// departments (create, rename, merge), and the password policy and session lifetime. Every change goes through the server, which audits it.
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/client';
import type { Role } from '../api/generated/graphql';
import type { Department, Layer, User } from '../api/model';
import { isRasterLayer } from '../api/rasters';
import { useClientSettings } from '../api/useClientSettings';
import { fetchDepartments } from '../editing/api';
import { useI18n } from '../i18n';
import { serverErrorText } from '../i18n/errors';
import type { MessageKey } from '../i18n/ja';
import {
  createDepartment, createUser, fetchSecuritySettings, fetchUsers, mergeDepartments, renameDepartment, resetPassword, unlockLogin, updateSecuritySettings,
  updateUser, type SecuritySettings,
} from '../api/users';
import { Dialog, DialogButton } from './Dialog';

const ROLES: Role[] = ['ADMIN' as Role, 'EDITOR' as Role, 'VIEWER' as Role];

/** `layers`: the vector layers an administrator may grant a user beyond its department. */
export function UserAdminButton({ layers }: { layers: Layer[] }) {
  const { t } = useI18n();
  return <DialogButton label={t('usersOpen')} dialog={(close) => <UserAdminDialog layers={layers} onClose={close} />} />;
}

type Notice = { error: boolean; text: string } | null;

function UserAdminDialog({ layers, onClose }: { layers: Layer[]; onClose: () => void }) {
  const { t, lang, departmentName, layerName } = useI18n();
  const settings = useClientSettings();
  const [users, setUsers] = useState<User[]>([]);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [notice, setNotice] = useState<Notice>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ username: string; displayName: string; role: Role; departmentKey: string; grantedLayers: string[] } | null>(null);
  const [newUser, setNewUser] = useState({ username: '', displayName: '', role: 'VIEWER' as Role, departmentKey: '', password: '' });
  const [newDept, setNewDept] = useState({ key: '', nameJa: '', nameEn: '' });
  const [names, setNames] = useState<Record<string, { nameJa: string; nameEn: string }>>({});
  const [merge, setMerge] = useState({ from: '', into: '' });
  const [security, setSecurity] = useState<SecuritySettings | null>(null);

  const reload = useCallback(() => Promise.all([fetchUsers(), fetchDepartments()]).then(([u, d]) => {
    setUsers(u);
    setDepartments(d);
    setNames(Object.fromEntries(d.map((x) => [x.key, { nameJa: x.nameJa, nameEn: x.nameEn }])));
  }), []);
  useEffect(() => {
    reload().catch(() => undefined); // the screen shows what it has; a change reports its own errors
    fetchSecuritySettings().then(setSecurity, () => undefined);
  }, [reload]);

  /** Runs a change, shows its outcome (the server's catalogued error in the user's language) and reloads. */
  const run = async (change: () => Promise<string>) => {
    setNotice(null);
    setSecret(null);
    try {
      const text = await change();
      setNotice({ error: false, text });
      await reload();
      return true;
    } catch (e) {
      setNotice({ error: true, text: e instanceof ApiError ? serverErrorText(lang, e.message, e.extensions) : String(e) });
      return false;
    }
  };
  const roleLabel = (role: string) => t(`role.${role}` as MessageKey);
  const grantable = layers.filter((l) => !isRasterLayer(l));
  const layerNames = (keys: string[]) => keys.map((k) => { const l = layers.find((x) => x.key === k); return l ? layerName(l) : k; }).join('、');

  return (
    <Dialog titleId="user-admin-title" title={t('usersTitle')} className="audit-dialog user-admin" onClose={onClose}>
        {notice && <p className={notice.error ? 'error' : 'notice'} role={notice.error ? 'alert' : 'status'}>{notice.text}</p>}
        {secret && <div className="token-secret" role="status"><code data-testid="temporary-password">{secret}</code></div>}

        <h3>{t('usersList')}</h3>
        <div className="audit-table-wrap">
          <table className="audit-table users-table">
            <thead>
              <tr>
                <th scope="col">{t('usersUsername')}</th><th scope="col">{t('usersDisplayName')}</th><th scope="col">{t('usersRole')}</th>
                <th scope="col">{t('usersDepartment')}</th><th scope="col">{t('usersGranted')}</th><th scope="col">{t('usersState')}</th><th scope="col" />
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (editing?.username === u.username ? (
                <tr key={u.username} data-username={u.username}>
                  <td>{u.username}</td>
                  <td><input aria-label={t('usersDisplayName')} value={editing.displayName} onChange={(e) => setEditing({ ...editing, displayName: e.target.value })} /></td>
                  <td>
                    <select aria-label={t('usersRole')} value={editing.role} onChange={(e) => setEditing({ ...editing, role: e.target.value as Role })}>
                      {ROLES.map((r) => <option key={r} value={r}>{roleLabel(r)}</option>)}
                    </select>
                  </td>
                  <td>
                    <select aria-label={t('usersDepartment')} value={editing.departmentKey} onChange={(e) => setEditing({ ...editing, departmentKey: e.target.value })}>
                      <option value="">{t('usersNoDepartment')}</option>
                      {departments.map((d) => <option key={d.key} value={d.key}>{departmentName(d)}</option>)}
                    </select>
                  </td>
                  <td>
                    <select multiple size={4} aria-label={t('usersGranted')} title={t('usersGrantedHint')} value={editing.grantedLayers}
                      onChange={(e) => setEditing({ ...editing, grantedLayers: Array.from(e.target.selectedOptions, (o) => o.value) })}>
                      {grantable.map((l) => <option key={l.key} value={l.key}>{layerName(l)}</option>)}
                    </select>
                  </td>
                  <td>{u.disabled ? t('usersDisabled') : t('usersActive')}</td>
                  <td>
                    <button type="button" className="primary" onClick={fire(async () => {
                      const ok = await run(async () => {
                        await updateUser(u.username, { displayName: editing.displayName, role: editing.role, departmentKey: editing.departmentKey || null,
                          grantedLayers: editing.grantedLayers });
                        return t('usersSaved', { name: u.username });
                      });
                      if (ok) setEditing(null);
                    })}>{t('usersSave')}</button>
                    <button type="button" onClick={() => setEditing(null)}>{t('usersCancel')}</button>
                  </td>
                </tr>
              ) : (
                <tr key={u.username} data-username={u.username} className={u.disabled ? 'inactive' : undefined}>
                  <td>{u.username}</td>
                  <td>{u.displayName}</td>
                  <td>{roleLabel(u.role)}</td>
                  <td>{u.department ? departmentName(departments.find((d) => d.key === u.department!.key) ?? u.department) : ''}</td>
                  <td>{layerNames(u.grantedLayers)}</td>
                  <td>{u.disabled ? t('usersDisabled') : t('usersActive')}</td>
                  <td className="user-actions">
                    <button type="button" onClick={() => setEditing({ username: u.username, displayName: u.displayName, role: u.role, departmentKey: u.department?.key ?? '', grantedLayers: u.grantedLayers })}>
                      {t('usersEdit')}
                    </button>
                    <button type="button" onClick={fire(async () => {
                      if (!window.confirm(t('usersResetConfirm', { name: u.username }))) return;
                      let password = '';
                      await run(async () => {
                        password = await resetPassword(u.username);
                        return t('usersResetDone', { name: u.username, password });
                      });
                      if (password) setSecret(password);
                    })}>{t('usersReset')}</button>
                    <button type="button" onClick={fire(() => run(async () => {
                      await updateUser(u.username, { mustChangePassword: true });
                      return t('usersMustChangeDone', { name: u.username });
                    }))}>{t('usersMustChange')}</button>
                    <button type="button" onClick={fire(() => run(async () => t('usersUnlocked', { name: u.username, count: await unlockLogin(u.username) })))}>
                      {t('usersUnlock')}
                    </button>
                    <button type="button" onClick={fire(async () => {
                      if (!u.disabled && !window.confirm(t('usersDisableConfirm', { name: u.username }))) return;
                      await run(async () => {
                        await updateUser(u.username, { disabled: !u.disabled });
                        return t('usersSaved', { name: u.username });
                      });
                    })}>{u.disabled ? t('usersEnable') : t('usersDisable')}</button>
                  </td>
                </tr>
              )))}
            </tbody>
          </table>
        </div>

        <h3>{t('usersNew')}</h3>
        <form className="audit-filter new-user" onSubmit={fire(async (e) => {
          e.preventDefault();
          const ok = await run(async () => {
            const created = await createUser({ ...newUser, departmentKey: newUser.departmentKey || null });
            return t('usersCreated', { name: created.username });
          });
          if (ok) setNewUser({ username: '', displayName: '', role: 'VIEWER' as Role, departmentKey: '', password: '' });
        })}>
          <label>{t('usersUsername')}<input name="username" autoComplete="off" value={newUser.username} onChange={(e) => setNewUser({ ...newUser, username: e.target.value })} /></label>
          <label>{t('usersDisplayName')}<input name="displayName" value={newUser.displayName} onChange={(e) => setNewUser({ ...newUser, displayName: e.target.value })} /></label>
          <label>{t('usersRole')}
            <select name="role" value={newUser.role} onChange={(e) => setNewUser({ ...newUser, role: e.target.value as Role })}>
              {ROLES.map((r) => <option key={r} value={r}>{roleLabel(r)}</option>)}
            </select>
          </label>
          <label>{t('usersDepartment')}
            <select name="departmentKey" value={newUser.departmentKey} onChange={(e) => setNewUser({ ...newUser, departmentKey: e.target.value })}>
              <option value="">{t('usersNoDepartment')}</option>
              {departments.map((d) => <option key={d.key} value={d.key}>{departmentName(d)}</option>)}
            </select>
          </label>
          <label>{t('usersPassword')}
            <input name="password" type="password" autoComplete="new-password" value={newUser.password} onChange={(e) => setNewUser({ ...newUser, password: e.target.value })} />
            {settings && <span className="muted">{t('usersPasswordHint', { min: settings.passwordMinLength })}</span>}
          </label>
          <button type="submit" className="primary">{t('usersCreate')}</button>
        </form>

        <h3>{t('departmentsList')}</h3>
        <table className="audit-table departments-table">
          <thead>
            <tr><th scope="col">{t('departmentsKey')}</th><th scope="col">{t('departmentsNameJa')}</th><th scope="col">{t('departmentsNameEn')}</th><th scope="col" /></tr>
          </thead>
          <tbody>
            {departments.map((d) => {
              const name = names[d.key] ?? d;
              const setName = (patch: Partial<typeof name>) => setNames({ ...names, [d.key]: { ...name, ...patch } });
              return (
                <tr key={d.key} data-department={d.key}>
                  <td>{d.key}</td>
                  <td><input aria-label={`${t('departmentsNameJa')} ${d.key}`} value={name.nameJa} onChange={(e) => setName({ nameJa: e.target.value })} /></td>
                  <td><input aria-label={`${t('departmentsNameEn')} ${d.key}`} value={name.nameEn} onChange={(e) => setName({ nameEn: e.target.value })} /></td>
                  <td>
                    <button type="button" disabled={name.nameJa === d.nameJa && name.nameEn === d.nameEn}
                      onClick={fire(() => run(async () => t('departmentsRenamed', { name: (await renameDepartment(d.key, name.nameJa, name.nameEn)).nameJa })))}>
                      {t('departmentsRename')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <form className="audit-filter new-department" onSubmit={fire(async (e) => {
          e.preventDefault();
          const ok = await run(async () => t('departmentsCreated', { name: (await createDepartment(newDept)).nameJa }));
          if (ok) setNewDept({ key: '', nameJa: '', nameEn: '' });
        })}>
          <label>{t('departmentsKey')}<input name="key" value={newDept.key} onChange={(e) => setNewDept({ ...newDept, key: e.target.value })} /></label>
          <label>{t('departmentsNameJa')}<input name="nameJa" value={newDept.nameJa} onChange={(e) => setNewDept({ ...newDept, nameJa: e.target.value })} /></label>
          <label>{t('departmentsNameEn')}<input name="nameEn" value={newDept.nameEn} onChange={(e) => setNewDept({ ...newDept, nameEn: e.target.value })} /></label>
          <button type="submit">{t('departmentsCreate')}</button>
        </form>

        <h3>{t('departmentsMerge')}</h3>
        <form className="audit-filter merge-departments" onSubmit={fire(async (e) => {
          e.preventDefault();
          const name = (key: string) => departmentName(departments.find((d) => d.key === key) ?? { key, nameJa: key, nameEn: key });
          if (!merge.from || !merge.into || !window.confirm(t('departmentsMergeConfirm', { from: name(merge.from), into: name(merge.into) }))) return;
          const moved = { users: users.filter((u) => u.department?.key === merge.from).length };
          const ok = await run(async () => {
            const into = await mergeDepartments(merge.from, merge.into);
            return t('departmentsMerged', { from: name(merge.from), into: departmentName(into), users: moved.users });
          });
          if (ok) setMerge({ from: '', into: '' });
        })}>
          <label>{t('departmentsMergeFrom')}
            <select name="mergeFrom" value={merge.from} onChange={(e) => setMerge({ ...merge, from: e.target.value })}>
              <option value="" />
              {departments.map((d) => <option key={d.key} value={d.key}>{departmentName(d)}</option>)}
            </select>
          </label>
          <label>{t('departmentsMergeInto')}
            <select name="mergeInto" value={merge.into} onChange={(e) => setMerge({ ...merge, into: e.target.value })}>
              <option value="" />
              {departments.filter((d) => d.key !== merge.from).map((d) => <option key={d.key} value={d.key}>{departmentName(d)}</option>)}
            </select>
          </label>
          <button type="submit" disabled={!merge.from || !merge.into}>{t('departmentsMergeButton')}</button>
        </form>

        {security && (
          <>
            <h3>{t('securityTitle')}</h3>
            <form className="audit-filter security-settings" onSubmit={fire(async (e) => {
              e.preventDefault();
              await run(async () => {
                const { passwordHistoryCount, passwordMaxAgeDays, sessionLifetimeHours } = security;
                setSecurity(await updateSecuritySettings({ passwordHistoryCount, passwordMaxAgeDays, sessionLifetimeHours }));
                return t('securitySaved');
              });
            })}>
              <label>{t('securityHistory')}
                <input name="passwordHistoryCount" type="number" min={0} max={24} value={security.passwordHistoryCount}
                  onChange={(e) => setSecurity({ ...security, passwordHistoryCount: e.target.valueAsNumber })} />
              </label>
              <label>{t('securityMaxAge')}
                <input name="passwordMaxAgeDays" type="number" min={0} max={3650} value={security.passwordMaxAgeDays}
                  onChange={(e) => setSecurity({ ...security, passwordMaxAgeDays: e.target.valueAsNumber })} />
              </label>
              <label>{t('securitySession')}
                <input name="sessionLifetimeHours" type="number" min={1} max={720} value={security.sessionLifetimeHours}
                  onChange={(e) => setSecurity({ ...security, sessionLifetimeHours: e.target.valueAsNumber })} />
              </label>
              <span className="muted">{t('securityMinLength', { min: security.passwordMinLength })}</span>
              <button type="submit" className="primary">{t('securitySave')}</button>
            </form>
          </>
        )}

    </Dialog>
  );
}

/** A handler that starts async work (which reports its own outcome) and returns nothing, as React expects. */
function fire<A extends unknown[]>(work: (...args: A) => Promise<unknown>): (...args: A) => void {
  return (...args) => { void work(...args); };
}
