import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Department } from '../layers/layer.type';

export enum Role { ADMIN = 'admin', EDITOR = 'editor', VIEWER = 'viewer' }
registerEnumType(Role, {
  name: 'Role',
  description: 'admin manages users and layers; editor edits its department\'s layers; viewer only reads',
});

@ObjectType()
export class User {
  @Field(() => Int) id!: number;
  @Field() username!: string;
  @Field() displayName!: string;
  @Field(() => Role) role!: Role;
  @Field(() => Department, { nullable: true }) department?: Department | null;
  @Field(() => [String], { description: 'Keys of the layers this user may edit' }) editableLayers!: string[];
  @Field(() => [String], { description: 'Keys of the layers an administrator granted beyond the department' }) grantedLayers!: string[];
  @Field({ description: 'A disabled user cannot log in' }) disabled!: boolean;
}

@ObjectType()
export class LoginResult {
  @Field({ description: 'Session token; also set as an HttpOnly cookie. Send as "Authorization: Bearer <token>" from scripts.' })
  token!: string;
  @Field() expiresAt!: Date;
  @Field(() => User) user!: User;
}

@InputType()
export class NewUserInput {
  @Field() username!: string;
  @Field() displayName!: string;
  @Field() password!: string;
  @Field(() => Role) role!: Role;
  @Field(() => String, { nullable: true }) departmentKey?: string | null;
}

@InputType({ description: 'Changes to a user; omitted fields stay as they are' })
export class UserPatch {
  @Field({ nullable: true }) displayName?: string;
  @Field({ nullable: true }) password?: string;
  @Field(() => Role, { nullable: true }) role?: Role;
  @Field(() => String, { nullable: true }) departmentKey?: string | null;
  @Field({ nullable: true }) disabled?: boolean;
  @Field(() => [String], { nullable: true, description: 'Layer keys the user may edit beyond its department (replaces the list)' })
  grantedLayers?: string[];
  @Field(() => Boolean, { nullable: true, description: 'true: the user must set a new password at the next login (reason passwordChangeRequired)' })
  mustChangePassword?: boolean | null;
}
