import { Field, Float, ID, ObjectType } from 'type-graphql';
import { GeoJSONScalar } from '../../scalars';

@ObjectType({ description: 'A city road along a parcel (接道): one per route' })
export class RoadFrontage {
  @Field() routeNo!: string;
  @Field(() => String, { nullable: true }) routeName!: string | null;
  @Field(() => String, { nullable: true, description: '1級, 2級 or その他' }) roadClass!: string | null;
  @Field(() => Float, { nullable: true }) widthMinM!: number | null;
  @Field(() => Float, { nullable: true }) widthMaxM!: number | null;
  @Field(() => Float, { description: 'Geodesic distance from the parcel in metres (0: touching)' }) distanceM!: number;
  @Field(() => Float, { description: 'Length of the road along the parcel in metres' }) frontageM!: number;
  @Field(() => ID, { description: 'The nearest road ledger segment of the route' }) segmentId!: string;
}

@ObjectType({ description: 'A boundary determination (境界確定) touching a parcel' })
export class BoundaryRecordRef {
  @Field(() => ID) featureId!: string;
  @Field(() => String, { nullable: true }) recordNo!: string | null;
  @Field(() => String, { nullable: true }) determinedOn!: string | null;
  @Field(() => String, { nullable: true }) relatedRouteNo!: string | null;
}

@ObjectType({ description: '地番: the parcel at the place, with its road frontage and boundary determinations' })
export class ParcelEnquiry {
  @Field(() => ID) featureId!: string;
  @Field({ description: '大字 and 地番 together, e.g. 鹿渡933-1' }) label!: string;
  @Field(() => String, { nullable: true }) oaza!: string | null;
  @Field(() => String, { nullable: true }) chiban!: string | null;
  @Field(() => String, { nullable: true, description: '地目' }) landCategory!: string | null;
  @Field(() => Float, { nullable: true, description: '地積 (registered area, m²)' }) registeredAreaM2!: number | null;
  @Field(() => Float, { description: 'Area of the drawn parcel (geodesic, m²)' }) areaM2!: number;
  @Field(() => GeoJSONScalar) geometry!: object;
  @Field(() => [Float]) bbox!: number[];
  @Field(() => [RoadFrontage], { description: 'City roads touching the parcel or within a few metres, nearest first' }) roadFrontage!: RoadFrontage[];
  @Field(() => [BoundaryRecordRef]) boundaryRecords!: BoundaryRecordRef[];
}
