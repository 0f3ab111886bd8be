import { Field, Float, ID, ObjectType } from 'type-graphql';
import { GeoJSONScalar } from '../../scalars';

@ObjectType({ description: '町丁目: a town of the city' })
export class Town {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => GeoJSONScalar, { description: 'Representative point' }) point!: object;
  @Field(() => GeoJSONScalar, { nullable: true, description: 'Approximate area (Voronoi cell clipped to the city)' }) area!: object | null;
  @Field(() => [Float], { nullable: true }) bbox!: number[] | null;
}

@ObjectType({ description: 'Why a search hit is not exactly what was typed' })
export class SearchNote {
  @Field({ description: '"nearestBranch" (the lot number does not exist; the nearest 枝番 of its 親番), '
    + '"lotNotFound" (no parcel under that 親番; its town), "addressInTown" (an address, shown as its town), '
    + '"nearMatch" (a near spelling: one character off a town name or a lot\'s 大字)' }) code!: string;
  @Field({ description: 'What was typed' }) requested!: string;
  @Field(() => String, { nullable: true, description: 'What was found instead' }) found!: string | null;
}

@ObjectType({ description: 'A search hit: a town, address, lot, facility, road route or feature found by its number or name' })
export class SearchResult {
  @Field({ description: 'The group: "town", "address", "lot" (地番), "facility", "route" (a road route; featureId is its first segment) or "feature"' })
  kind!: string;
  @Field() label!: string;
  @Field(() => String, { nullable: true }) sublabel!: string | null;
  @Field(() => String, { nullable: true, description: 'For a feature: the town (町丁目) it lies in, so that equal labels can be told apart' })
  town!: string | null;
  @Field(() => String, { nullable: true, description: "For a feature: the value of its layer's first date field (ISO), e.g. when a landslide occurred" })
  date!: string | null;
  @Field(() => String, { nullable: true }) layerKey!: string | null;
  @Field(() => ID, { nullable: true }) featureId!: string | null;
  @Field(() => GeoJSONScalar) geometry!: object;
  @Field(() => [Float], { nullable: true, description: '[minLon, minLat, maxLon, maxLat] to zoom to' }) bbox!: number[] | null;
  @Field({ description: '"exact", "prefix", "fuzzy" (a substring, or the nearest lot) or "similar" (a typo: one character off a town name, '
    + 'after exact and prefix hits; or pg_trgm similarity, only when nothing else matched)' }) match!: string;
  @Field(() => SearchNote, { nullable: true }) note!: SearchNote | null;
}
