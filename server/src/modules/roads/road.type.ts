import { Field, Float, Int, ObjectType } from 'type-graphql';
import { GeoJSONScalar } from '../../scalars';

@ObjectType({ description: '路線: a city road route made of one or more road ledger segments' })
export class Route {
  @Field() routeNo!: string;
  @Field(() => String, { nullable: true }) routeName!: string | null;
  @Field(() => String, { nullable: true, description: '1級, 2級 or その他' }) roadClass!: string | null;
  @Field(() => String, { nullable: true }) certifiedOn!: string | null;
  @Field(() => String, { nullable: true }) startPoint!: string | null;
  @Field(() => String, { nullable: true }) endPoint!: string | null;
  @Field(() => Float, { description: 'Total geodesic length of the segments in metres' }) lengthM!: number;
  @Field(() => Float, { nullable: true }) widthMinM!: number | null;
  @Field(() => Float, { nullable: true }) widthMaxM!: number | null;
  @Field(() => Int) segmentCount!: number;
  @Field(() => GeoJSONScalar, { description: 'All segments as one MultiLineString' }) geometry!: object;
  @Field(() => [Float]) bbox!: number[];
  segmentIds!: string[];
}
