import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GeoJSONScalar, JSONObjectScalar, JSONScalar } from '../../scalars';

export enum ChangeOpEnum { CREATE = 'create', UPDATE = 'update', DELETE = 'delete', RESTORE = 'restore' }
registerEnumType(ChangeOpEnum, { name: 'ChangeOp' });

@InputType({ description: 'One change of a batch (applyChanges): all changes of a batch are applied, or none' })
export class FeatureChangeInput {
  @Field(() => ChangeOpEnum) op!: ChangeOpEnum;
  @Field({ nullable: true, description: 'Layer key (create)' }) layer?: string;
  @Field(() => ID, { nullable: true, description: 'Feature id (update, delete, restore)' }) id?: string;
  @Field(() => Int, { nullable: true, description: 'The version the change was made on (update, delete; optional for restore)' }) expectedVersion?: number;
  @Field(() => Int, { nullable: true, description: 'Version to bring back (restore)' }) version?: number;
  @Field(() => GeoJSONScalar, { nullable: true }) geometry?: object;
  @Field(() => JSONObjectScalar, { nullable: true, description: 'Create: all attributes; update: the ones to change (null clears)' })
  attributes?: Record<string, unknown>;
  @Field(() => Int, { nullable: true, description: '4326 (default) or a JGD2011 plane zone 6669–6687 with [easting, northing] coordinates' })
  srid?: number;
}

@ObjectType()
export class AttributeChange {
  @Field() field!: string;
  @Field({ description: 'Japanese label of the field' }) label!: string;
  @Field(() => JSONScalar, { nullable: true }) before!: unknown;
  @Field(() => JSONScalar, { nullable: true }) after!: unknown;
}

@ObjectType({ description: 'A stored version of a feature: its state after one change' })
export class FeatureVersion {
  @Field(() => ID) featureId!: string;
  @Field() layerKey!: string;
  @Field(() => Int) version!: number;
  @Field({ description: 'create, update, delete or restore' }) operation!: string;
  @Field() changedAt!: Date;
  @Field(() => String, { nullable: true }) changedBy!: string | null;
  @Field(() => String, { nullable: true, description: 'Login name: administrators only, unless SHOW_LOGIN_NAMES' }) changedByUsername!: string | null;
  @Field(() => JSONObjectScalar) attributes!: Record<string, unknown>;
  @Field(() => GeoJSONScalar) geometry!: object;
  @Field(() => [AttributeChange], { description: 'Differences from the previous version' }) changes!: AttributeChange[];
  @Field() geometryChanged!: boolean;
  @Field(() => ID, { nullable: true, description: 'The import that made this change (undoImport reverses it as a whole)' }) importId!: string | null;
}

@ObjectType({ description: 'One change in the audit list across layers' })
export class ChangeEntry {
  @Field(() => ID) featureId!: string;
  @Field() layerKey!: string;
  @Field() layerName!: string;
  @Field(() => String, { nullable: true, description: 'The feature\'s readable name as of this change (its layer\'s label field, e.g. "G-9001")' }) label!: string | null;
  @Field(() => Int) version!: number;
  @Field() operation!: string;
  @Field() changedAt!: Date;
  @Field(() => String, { nullable: true }) changedBy!: string | null;
  @Field(() => String, { nullable: true }) changedByUsername!: string | null;
  @Field(() => [AttributeChange]) changes!: AttributeChange[];
  @Field() geometryChanged!: boolean;
  @Field(() => ID, { nullable: true, description: 'The import that made this change (undoImport reverses it as a whole)' }) importId!: string | null;
}
