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

@ObjectType({ description: 'A search hit: a town or a feature found by its number or name' })
export class SearchResult {
  @Field({ description: '"town", "route" (a road route; featureId is its first segment) or "feature"' }) kind!: string;
  @Field() label!: string;
  @Field(() => String, { nullable: true }) sublabel!: string | null;
  @Field(() => String, { nullable: true }) layerKey!: string | null;
  @Field(() => ID, { nullable: true }) featureId!: string | null;
  @Field(() => GeoJSONScalar) geometry!: object;
  @Field(() => [Float], { nullable: true, description: '[minLon, minLat, maxLon, maxLat] to zoom to' }) bbox!: number[] | null;
}
