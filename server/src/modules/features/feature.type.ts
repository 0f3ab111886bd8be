import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { GeoJSONScalar, JSONObjectScalar } from '../../scalars';

// simpleResolvers: plain property reads, no per-field wrapper (a viewport has thousands of features).
@ObjectType({ description: 'One feature of a layer: geometry plus attributes keyed by field key', simpleResolvers: true })
export class Feature {
  @Field(() => ID) id!: string;
  @Field() layerKey!: string;
  @Field(() => GeoJSONScalar) geometry!: object;
  @Field(() => JSONObjectScalar) attributes!: Record<string, unknown>;
  @Field(() => Int, { description: 'Bumped by every change; send it back as expectedVersion when editing' }) version!: number;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
  @Field(() => Date, { nullable: true, description: 'Set when the feature is deleted (soft delete)' }) deletedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Display name of the creator' }) createdBy?: string | null;
  @Field(() => String, { nullable: true, description: 'Display name of the last editor' }) updatedBy?: string | null;
  @Field(() => Float, { nullable: true, description: 'Geodesic length in metres (lines)' }) lengthM?: number | null;
  @Field(() => Float, { nullable: true, description: 'Area in square metres (polygons): geodesic, or for a boundary record with surveyed points their plane area (座標求積), as in coordinateTable' }) areaM2?: number | null;
}

@ObjectType({ simpleResolvers: true })
export class FeatureEdge {
  @Field() cursor!: string;
  @Field(() => Feature) node!: Feature;
}

@ObjectType({ simpleResolvers: true })
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ObjectType({ simpleResolvers: true })
export class FeatureConnection {
  @Field(() => Int, { description: 'All features matching the filters (not just this page)' }) totalCount!: number;
  @Field(() => [FeatureEdge]) edges!: FeatureEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => [Float], { nullable: true, description: '[minLon, minLat, maxLon, maxLat] of all features matching the filters (null when none): zoom to a filtered table' })
  extent?: number[] | null;
}

@ObjectType({ description: 'A feature found near a point, with its distance', simpleResolvers: true })
export class FeatureHit {
  @Field(() => Float, { description: 'Geodesic distance from the point in metres (0 inside a polygon)' }) distanceM!: number;
  @Field(() => Feature) feature!: Feature;
}
