// Users and departments (administrators) and the caller's own password.
import { gql } from './client';
import { graphql } from './generated';
import type { NewUserInput, SecuritySettingsPatch, SecuritySettingsQuery, UserPatch } from './generated/graphql';
import type { Department, User } from './model';

const UsersQuery = graphql(`query Users { users { ...UserFields } }`);
const CreateUserMutation = graphql(`mutation CreateUser($input: NewUserInput!) { createUser(input: $input) { ...UserFields } }`);
const UpdateUserMutation = graphql(`mutation UpdateUser($username: String!, $patch: UserPatch!) { updateUser(username: $username, patch: $patch) { ...UserFields } }`);
const ResetPasswordMutation = graphql(`mutation ResetPassword($username: String!) { resetPassword(username: $username) }`);
const UnlockLoginMutation = graphql(`mutation UnlockLogin($username: String!) { unlockLogin(username: $username) }`);
const CreateDepartmentMutation = graphql(`mutation CreateDepartment($input: DepartmentInput!) { createDepartment(input: $input) { key nameJa nameEn } }`);
const RenameDepartmentMutation = graphql(`
  mutation RenameDepartment($key: String!, $nameJa: String!, $nameEn: String!) { renameDepartment(key: $key, nameJa: $nameJa, nameEn: $nameEn) { key nameJa nameEn } }
`);
const MergeDepartmentsMutation = graphql(`mutation MergeDepartments($from: String!, $into: String!) { mergeDepartments(from: $from, into: $into) { key nameJa nameEn } }`);
const SecuritySettingsQuery = graphql(`query SecuritySettings { securitySettings { passwordHistoryCount passwordMaxAgeDays sessionLifetimeHours passwordMinLength } }`);
const UpdateSecuritySettingsMutation = graphql(`
  mutation UpdateSecuritySettings($patch: SecuritySettingsPatch!) {
    updateSecuritySettings(patch: $patch) { passwordHistoryCount passwordMaxAgeDays sessionLifetimeHours passwordMinLength }
  }
`);
const ChangeOwnPasswordMutation = graphql(`
  mutation ChangeOwnPassword($currentPassword: String!, $newPassword: String!) { changeOwnPassword(currentPassword: $currentPassword, newPassword: $newPassword) }
`);

export async function fetchUsers(): Promise<User[]> {
  return (await gql(UsersQuery)).users as User[];
}

export async function createUser(input: NewUserInput): Promise<User> {
  return (await gql(CreateUserMutation, { input })).createUser as User;
}

export async function updateUser(username: string, patch: UserPatch): Promise<User> {
  return (await gql(UpdateUserMutation, { username, patch })).updateUser as User;
}

/** The temporary password, shown to the administrator once. */
export async function resetPassword(username: string): Promise<string> {
  return (await gql(ResetPasswordMutation, { username })).resetPassword;
}

export async function unlockLogin(username: string): Promise<number> {
  return (await gql(UnlockLoginMutation, { username })).unlockLogin;
}

export async function createDepartment(input: { key: string; nameJa: string; nameEn: string }): Promise<Department> {
  return (await gql(CreateDepartmentMutation, { input })).createDepartment;
}

export async function renameDepartment(key: string, nameJa: string, nameEn: string): Promise<Department> {
  return (await gql(RenameDepartmentMutation, { key, nameJa, nameEn })).renameDepartment;
}

export async function changeOwnPassword(currentPassword: string, newPassword: string): Promise<void> {
  await gql(ChangeOwnPasswordMutation, { currentPassword, newPassword });
}

/** Merges department `from` into `into`: its users and layers move, it is removed. */
export async function mergeDepartments(from: string, into: string): Promise<Department> {
  return (await gql(MergeDepartmentsMutation, { from, into })).mergeDepartments;
}

export type SecuritySettings = SecuritySettingsQuery['securitySettings'];

export async function fetchSecuritySettings(): Promise<SecuritySettings> {
  return (await gql(SecuritySettingsQuery)).securitySettings;
}

export async function updateSecuritySettings(patch: SecuritySettingsPatch): Promise<SecuritySettings> {
  return (await gql(UpdateSecuritySettingsMutation, { patch })).updateSecuritySettings;
}
