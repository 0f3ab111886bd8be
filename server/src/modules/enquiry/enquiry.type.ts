import { Field, Float, Int, ObjectType } from 'type-graphql';
import { FeatureHit } from '../features/feature.type';
import { Route } from '../roads/road.type';
import { ParcelEnquiry } from './parcel.type';

@ObjectType({ description: 'What the counter tells a citizen about a place (窓口案内)' })
export class Enquiry {
  @Field(() => Float) lon!: number;
  @Field(() => Float) lat!: number;
  @Field(() => Float, { description: 'Plane rectangular X (northing, m)' }) planeX!: number;
  @Field(() => Float, { description: 'Plane rectangular Y (easting, m)' }) planeY!: number;
  @Field(() => Int) planeSrid!: number;
  @Field(() => String, { nullable: true, description: '町丁目' }) town!: string | null;
  @Field(() => Route, { nullable: true, description: 'The city road at the place (within 30 m)' }) route!: Route | null;
  @Field(() => FeatureHit, { nullable: true, description: 'Nearest street light within 200 m (its 管理自治会)' }) streetLight!: FeatureHit | null;
  @Field(() => FeatureHit, { nullable: true, description: 'Nearest garbage collection point within 300 m (収集曜日)' }) garbagePoint!: FeatureHit | null;
  @Field(() => FeatureHit, { nullable: true, description: 'Nearest curve mirror within 50 m' }) curveMirror!: FeatureHit | null;
  @Field(() => [FeatureHit], { description: 'Features of the given layers at the place (10 m)' }) features!: FeatureHit[];
  @Field(() => ParcelEnquiry, { nullable: true, description: 'The parcel (地番) at the place with its road frontage' }) parcel!: ParcelEnquiry | null;
}
