import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { JSONObjectScalar } from '../../scalars';

@ObjectType({ description: '境界点: a surveyed boundary point, with the coordinates exactly as entered' })
export class BoundaryPoint {
  @Field(() => Int, { description: 'Survey order' }) seq!: number;
  @Field() name!: string;
  @Field(() => String, { nullable: true, description: 'コンクリート杭, 金属標, 鋲, …' }) markerType!: string | null;
  @Field({ description: 'X (northing, metres) as entered, to the millimetre' }) x!: string;
  @Field({ description: 'Y (easting, metres) as entered, to the millimetre' }) y!: string;
  @Field(() => Int, { description: 'EPSG code of the plane rectangular zone (6677 = zone IX)' }) srid!: number;
  @Field(() => Float) lon!: number;
  @Field(() => Float) lat!: number;
  @Field(() => Float, { nullable: true, description: '辺長: plane distance to the next point in metres' }) sideLengthM!: number | null;
  @Field({ description: 'False when a map edit moved this point: its coordinates are not the surveyed ones (未測量)' }) surveyed!: boolean;
}

@ObjectType({ description: '座標一覧 of a boundary determination record' })
export class CoordinateTable {
  @Field(() => ID) featureId!: string;
  @Field(() => String, { nullable: true }) recordNo!: string | null;
  @Field(() => Int, { nullable: true }) srid!: number | null;
  @Field({ description: 'The points close a polygon' }) closed!: boolean;
  @Field(() => [BoundaryPoint]) points!: BoundaryPoint[];
  @Field(() => Float) perimeterM!: number;
  @Field(() => Float, { nullable: true, description: 'Plane area of the points in m² when closed (the same as the feature\'s areaM2)' }) areaM2!: number | null;
}

@ObjectType()
export class LineProblemType {
  @Field(() => Int) line!: number;
  @Field({ description: 'Machine code: columns, notNumber, decimals, outsideZone, markerLength, duplicateName, duplicatePoint' })
  code!: string;
  @Field(() => JSONObjectScalar, { description: 'Values the message needs: axis, value, limit, count, max, name, sameAs' })
  params!: Record<string, string | number>;
  @Field({ description: 'English, for scripts' }) message!: string;
}

@ObjectType()
export class ParsedPoint {
  @Field() name!: string;
  @Field() x!: string;
  @Field() y!: string;
  @Field(() => String, { nullable: true }) markerType?: string;
}

@ObjectType({ description: 'A pasted coordinate table as the server reads it (preview before saving)' })
export class ParsedCoordinates {
  @Field(() => [ParsedPoint]) points!: ParsedPoint[];
  @Field(() => [LineProblemType]) problems!: LineProblemType[];
}
