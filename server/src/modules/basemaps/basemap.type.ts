import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum BasemapKindEnum { STYLE = 'style', RASTER = 'raster' }
registerEnumType(BasemapKindEnum, {
  name: 'BasemapKind',
  description: 'STYLE: a MapLibre style JSON URL; RASTER: an XYZ tile URL template with {z}, {x} and {y}',
});

@ObjectType({ description: 'A base map the city hosts on its own network, offered in the switcher after 標準 and 白地図' })
export class Basemap {
  @Field(() => ID) id!: string;
  @Field() nameJa!: string;
  @Field() nameEn!: string;
  @Field(() => BasemapKindEnum) kind!: BasemapKindEnum;
  @Field({ description: 'Style URL or tile URL template; its origin is allowed by the Content-Security-Policy while enabled' }) url!: string;
  @Field(() => String, { nullable: true, description: 'Shown on the map (出典)' }) attribution!: string | null;
  @Field({ description: 'The switcher\'s choice for a browser that has not chosen (none: the built-in 標準)' }) isDefault!: boolean;
  @Field(() => Int) sortOrder!: number;
  @Field({ description: 'Offered in the switcher (disabled ones are listed to administrators only)' }) enabled!: boolean;
}

@InputType()
export class BasemapInput {
  @Field() nameJa!: string;
  @Field() nameEn!: string;
  @Field(() => BasemapKindEnum) kind!: BasemapKindEnum;
  @Field() url!: string;
  @Field(() => String, { nullable: true }) attribution?: string | null;
  @Field({ defaultValue: false }) isDefault!: boolean;
  @Field(() => Int, { defaultValue: 0 }) sortOrder!: number;
  @Field({ defaultValue: true }) enabled!: boolean;
}

@InputType({ description: 'Fields to change; those left out stay as they are' })
export class BasemapPatch {
  @Field({ nullable: true }) nameJa?: string;
  @Field({ nullable: true }) nameEn?: string;
  @Field(() => BasemapKindEnum, { nullable: true }) kind?: BasemapKindEnum;
  @Field({ nullable: true }) url?: string;
  @Field(() => String, { nullable: true }) attribution?: string | null;
  @Field({ nullable: true }) isDefault?: boolean;
  @Field(() => Int, { nullable: true }) sortOrder?: number;
  @Field({ nullable: true }) enabled?: boolean;
}
