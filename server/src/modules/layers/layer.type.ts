import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { JSONObjectScalar } from '../../scalars';
import { LayerRole } from './layer.roles';

export enum FieldTypeEnum { TEXT = 'text', INTEGER = 'integer', NUMBER = 'number', DATE = 'date', BOOLEAN = 'boolean', ENUM = 'enum' }
registerEnumType(FieldTypeEnum, { name: 'FieldType', description: 'Type of a layer attribute field' });

export enum LayerKind { VECTOR = 'vector', RASTER = 'raster' }
registerEnumType(LayerKind, { name: 'LayerKind', description: 'VECTOR: features with fields; RASTER: scanned sheets and orthophotos (issue 19)' });

export enum ComputedKindEnum { LENGTH = 'length', AREA = 'area' }
registerEnumType(ComputedKindEnum, { name: 'ComputedKind', description: 'What the server computes a field from' });

@ObjectType({ description: '課: a department that owns layers' })
export class Department {
  @Field() key!: string;
  @Field() nameJa!: string;
  @Field() nameEn!: string;
}

@ObjectType({ description: 'Who may read a layer or field besides the layer\'s editors and administrators' })
export class LayerReadAccess {
  @Field(() => [String], { description: 'Department keys whose staff read the layer' }) departments!: string[];
  @Field(() => [Int], { description: 'User ids who read the layer' }) users!: number[];
}

@ObjectType({ description: 'One attribute field of a layer' })
export class FieldDefinition {
  @Field() key!: string;
  @Field({ description: 'Japanese label' }) label!: string;
  @Field() labelEn!: string;
  @Field(() => FieldTypeEnum) type!: FieldTypeEnum;
  @Field() required!: boolean;
  @Field(() => [String], { nullable: true }) options?: string[];
  @Field(() => Float, { nullable: true }) min?: number;
  @Field(() => Float, { nullable: true }) max?: number;
  @Field(() => Int, { nullable: true }) maxLength?: number;
  @Field({ nullable: true }) unit?: string;
  @Field(() => ComputedKindEnum, { nullable: true, description: 'Set when the server computes the value from the geometry' })
  computed?: ComputedKindEnum;
  @Field({ description: 'No two features may share a value (e.g. 管理番号); enforced on every write' }) unique!: boolean;
  @Field(() => String, { nullable: true, description: "A validated text format: 'collectionDays' is 収集曜日 (月・木, 第2・第4水); forms offer a picker" })
  format?: string;
  @Field(() => LayerReadAccess, { nullable: true, description: 'Personal data: besides the layer\'s editors and administrators, only these read the field' })
  restricted?: LayerReadAccess;
}

@ObjectType({ description: 'A map layer: a department ledger such as curve mirrors or street lights' })
export class Layer {
  @Field(() => Int) id!: number;
  @Field() key!: string;
  @Field() nameJa!: string;
  @Field() nameEn!: string;
  @Field(() => Department) department!: Department;
  @Field(() => LayerKind) kind!: LayerKind;
  @Field({ description: 'A raster layer offered in the base map switcher (orthophotos)' }) basemap!: boolean;
  @Field({ description: 'Shown on the public map (/public) without a login, with its unrestricted fields only' }) published!: boolean;
  @Field(() => [String], { nullable: true, description: 'The unrestricted fields the public map shows; null = all of them' })
  publishedFields!: string[] | null;
  @Field(() => [String], { description: 'Allowed GeoJSON geometry types' }) geometryTypes!: string[];
  @Field(() => [FieldDefinition]) fields!: FieldDefinition[];
  @Field(() => JSONObjectScalar, { description: 'Display style: {color, circle?, line?, fill?} with MapLibre paint properties' })
  style!: Record<string, unknown>;
  @Field(() => String, { nullable: true }) labelField!: string | null;
  @Field(() => Int) sortOrder!: number;
  @Field(() => Int, { description: 'Changes on every edit of the layer\'s features (tile cache key)' }) dataVersion!: number;
  @Field(() => LayerReadAccess, { nullable: true, description: 'Who may read the layer; null = all staff' })
  readAccess!: LayerReadAccess | null;
  @Field(() => LayerRole, { nullable: true, description: 'The part the layer plays for the application (e.g. the road ledger); null = none' })
  role!: LayerRole | null;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
}
