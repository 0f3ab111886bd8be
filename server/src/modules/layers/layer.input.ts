import { Field, Float, InputType, Int } from 'type-graphql';
import { JSONObjectScalar } from '../../scalars';
import { ComputedKindEnum, FieldTypeEnum, LayerKind } from './layer.type';
import { LayerRole } from './layer.roles';

@InputType({ description: 'Who may read a layer besides its editors and administrators' })
export class LayerReadAccessInput {
  @Field(() => [String], { defaultValue: [] }) departments!: string[];
  @Field(() => [Int], { defaultValue: [] }) users!: number[];
}

@InputType({ description: 'A field definition; the key identifies the field and cannot be renamed' })
export class FieldInput {
  @Field() key!: string;
  @Field({ description: 'Japanese label' }) label!: string;
  @Field({ nullable: true }) labelEn?: string;
  @Field(() => FieldTypeEnum) type!: FieldTypeEnum;
  @Field({ defaultValue: false }) required!: boolean;
  @Field(() => [String], { nullable: true }) options?: string[];
  @Field(() => Float, { nullable: true }) min?: number;
  @Field(() => Float, { nullable: true }) max?: number;
  @Field(() => Int, { nullable: true }) maxLength?: number;
  @Field({ nullable: true }) unit?: string;
  @Field(() => ComputedKindEnum, { nullable: true }) computed?: ComputedKindEnum;
  @Field({ defaultValue: false, description: 'No two features may share a value' }) unique!: boolean;
  @Field(() => LayerReadAccessInput, { nullable: true, description: 'Personal data: only the layer\'s editors, admins and these read it (empty lists: editors only)' })
  restricted?: LayerReadAccessInput | null;
  @Field(() => String, { nullable: true, description: "A validated text format ('collectionDays' is 収集曜日); omitted keeps the stored one, null removes it" })
  format?: string | null;
}

@InputType()
export class LayerInput {
  @Field({ description: 'Lower-case letters, digits and _, e.g. "fire_hydrants"' }) key!: string;
  @Field() nameJa!: string;
  @Field() nameEn!: string;
  @Field() departmentKey!: string;
  @Field(() => [String], { description: 'Point, LineString, Polygon, MultiPoint, MultiLineString, MultiPolygon; [] for a raster layer' }) geometryTypes!: string[];
  @Field(() => [FieldInput], { description: '[] for a raster layer' }) fields!: FieldInput[];
  @Field(() => JSONObjectScalar, { nullable: true }) style?: Record<string, unknown>;
  @Field({ nullable: true }) labelField?: string;
  @Field(() => Int, { nullable: true }) sortOrder?: number;
  @Field(() => LayerReadAccessInput, { nullable: true, description: 'Who may read the layer; omitted or null = all staff' })
  readAccess?: LayerReadAccessInput | null;
  @Field(() => LayerRole, { nullable: true, description: 'The part the new layer plays (e.g. a replacement road ledger); taken from the layer that played it' })
  role?: LayerRole | null;
  @Field(() => LayerKind, { nullable: true, description: 'Default VECTOR' }) kind?: LayerKind;
  @Field({ nullable: true, description: 'Raster layers only: offer it in the base map switcher' }) basemap?: boolean;
  @Field({ nullable: true, description: 'Show it on the public map (/public), unrestricted fields only; default false' }) published?: boolean;
  @Field(() => [String], { nullable: true, description: 'The unrestricted fields the public map shows; omitted or null = all of them' })
  publishedFields?: string[] | null;
}

@InputType({ description: 'Changes to a layer; fields, when given, is the complete new list' })
export class LayerPatch {
  @Field({ nullable: true }) nameJa?: string;
  @Field({ nullable: true }) nameEn?: string;
  @Field({ nullable: true }) departmentKey?: string;
  @Field(() => [String], { nullable: true }) geometryTypes?: string[];
  @Field(() => [FieldInput], { nullable: true }) fields?: FieldInput[];
  @Field(() => JSONObjectScalar, { nullable: true }) style?: Record<string, unknown>;
  @Field({ nullable: true }) labelField?: string;
  @Field(() => Int, { nullable: true }) sortOrder?: number;
  @Field(() => LayerReadAccessInput, { nullable: true, description: 'Who may read the layer; null = all staff, omitted = unchanged' })
  readAccess?: LayerReadAccessInput | null;
  @Field(() => LayerRole, {
    nullable: true,
    description: 'The part the layer plays, taken from the layer that played it; null = none (refused for the road ledger and boundary records: give the role to another layer instead); omitted = unchanged',
  })
  role?: LayerRole | null;
  @Field({ nullable: true, description: 'Raster layers only: offer it in the base map switcher' }) basemap?: boolean;
  @Field({ nullable: true, description: 'Show it on the public map (/public), unrestricted fields only; omitted = unchanged' }) published?: boolean;
  @Field(() => [String], { nullable: true, description: 'The unrestricted fields the public map shows; null = all of them, omitted = unchanged' })
  publishedFields?: string[] | null;
}

@InputType()
export class DepartmentInput {
  @Field() key!: string;
  @Field() nameJa!: string;
  @Field() nameEn!: string;
}
