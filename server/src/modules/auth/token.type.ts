import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A personal access token for desktop GIS and scripts (the secret itself is shown only once)' })
export class AccessToken {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field({ description: 'The first characters of the token, to tell tokens apart' }) prefix!: string;
  @Field({ description: 'Reads only: every write is refused' }) readOnly!: boolean;
  @Field(() => [String], { nullable: true, description: 'Keys of the only layers the token reaches; null = all the user\'s layers' })
  layers!: string[] | null;
  @Field() createdAt!: Date;
  @Field() expiresAt!: Date;
  @Field(() => Date, { nullable: true }) lastUsedAt!: Date | null;
  @Field(() => String, { nullable: true }) lastUsedAddress!: string | null;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;
}

@ObjectType()
export class NewAccessToken {
  @Field({ description: 'The secret: send as "Authorization: Bearer <token>". Shown only now; only its hash is kept.' }) token!: string;
  @Field(() => AccessToken) accessToken!: AccessToken;
}

@InputType()
export class AccessTokenInput {
  @Field({ description: 'What the token is for, e.g. "QGIS 税務課"' }) name!: string;
  @Field(() => Int, { nullable: true, description: 'Days until it expires (default 365, at most ACCESS_TOKEN_MAX_DAYS)' }) expiresInDays?: number | null;
  @Field({ defaultValue: true }) readOnly!: boolean;
  @Field(() => [String], { nullable: true, description: 'Limit the token to these layer keys' }) layers?: string[] | null;
}
