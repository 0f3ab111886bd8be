import { Field, Float, ID, InputType } from 'type-graphql';
import { JSONScalar } from '../../scalars';

@InputType({ description: 'Conditions on one attribute field; all given conditions must hold' })
export class AttributeFilter {
  @Field({ description: 'Field key' }) field!: string;
  @Field(() => JSONScalar, { nullable: true }) eq?: unknown;
  @Field(() => JSONScalar, { nullable: true }) ne?: unknown;
  @Field(() => [JSONScalar], { nullable: true, description: 'Any of these values (enum sets)' }) in?: unknown[];
  @Field(() => JSONScalar, { nullable: true }) gt?: unknown;
  @Field(() => JSONScalar, { nullable: true }) gte?: unknown;
  @Field(() => JSONScalar, { nullable: true }) lt?: unknown;
  @Field(() => JSONScalar, { nullable: true }) lte?: unknown;
  @Field({ nullable: true, description: 'Text contains (case-insensitive)' }) contains?: string;
  @Field({ nullable: true, description: 'true: the field is empty; false: it has a value' }) isNull?: boolean;
}

@InputType()
export class FeatureOrder {
  @Field({ description: 'A field key, or "id"' }) field!: string;
  @Field({ defaultValue: false }) descending!: boolean;
}

@InputType({ description: 'Area selection: features inside a drawn polygon, or within distance metres of a feature (or of the polygon)' })
export class AreaSelectionInput {
  @Field(() => [[Float]], { nullable: true, description: 'One ring of [lon, lat] corners (closed or not), at most 1000' }) polygon?: number[][] | null;
  @Field(() => ID, { nullable: true, description: 'A feature the caller may read: select around it' }) around?: string | null;
  @Field(() => Float, { nullable: true, description: 'Metres, 0 to 5000 (default 0: inside or touching)' }) distance?: number | null;
}
