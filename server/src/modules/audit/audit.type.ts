import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { JSONObjectScalar } from '../../scalars';

@ObjectType({ description: 'One entry of the audit log (who did what, when, from where)' })
export class AuditEntry {
  @Field(() => ID) id!: string;
  @Field() at!: Date;
  @Field({ description: 'login, login.failed, login.locked, login.unlock, logout, session.expired, export, print, import, attachment.upload, attachment.download, attachment.delete, layer.create, layer.update, department.create, user.create, user.update, user.sessions_revoked, token.create, token.revoke, token.use, audit.export, audit.purge, raster.upload, raster.place, raster.place_failed, raster.delete, raster.link' })
  kind!: string;
  @Field(() => String, { nullable: true }) username!: string | null;
  @Field(() => String, { nullable: true, description: 'Client address of the request' }) clientAddress!: string | null;
  @Field(() => String, { nullable: true, description: 'What the entry is about: a layer key, a user name, an attachment or token id' }) target!: string | null;
  @Field(() => String, { nullable: true }) layerKey!: string | null;
  @Field(() => Int, { nullable: true, description: 'Features exported or rows affected' }) rowCount!: number | null;
  @Field(() => JSONObjectScalar, { description: 'Before/after of admin changes, export format and restricted fields, token name …' })
  details!: Record<string, unknown>;
}

@ObjectType()
export class AuditPage {
  @Field(() => [AuditEntry]) entries!: AuditEntry[];
  @Field(() => Int, { description: 'Entries matching the filter' }) totalCount!: number;
  @Field(() => ID, { nullable: true, description: 'Pass as `before` for the next (older) page; null on the last page' }) nextBefore!: string | null;
}

@InputType({ description: 'Audit log filter; every part optional' })
export class AuditFilter {
  @Field(() => String, { nullable: true }) username?: string | null;
  @Field(() => String, { nullable: true, description: 'A kind, or its first part ("login" matches login.failed too)' }) kind?: string | null;
  @Field(() => Date, { nullable: true, description: 'From this time (inclusive)' }) from?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Until this time (exclusive)' }) until?: Date | null;
}
