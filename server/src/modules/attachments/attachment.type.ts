import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A file attached to a feature; download it from url' })
export class Attachment {
  @Field(() => ID) id!: string;
  @Field(() => ID) featureId!: string;
  @Field() filename!: string;
  @Field() contentType!: string;
  @Field(() => Int) sizeBytes!: number;
  @Field() sha256!: string;
  @Field() uploadedAt!: Date;
  @Field(() => String, { nullable: true }) uploadedBy!: string | null;
  @Field({ description: 'Download/preview URL (needs the session)' }) url!: string;
}
