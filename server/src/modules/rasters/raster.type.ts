import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { JSONScalar } from '../../scalars';

export enum RasterSheetStatus { UPLOADED = 'UPLOADED', PLACING = 'PLACING', PLACED = 'PLACED', FAILED = 'FAILED' }
registerEnumType(RasterSheetStatus, { name: 'RasterSheetStatus', description: 'UPLOADED: not yet placed; PLACING: being warped and tiled (see progress); PLACED: on the map; FAILED: see problem' });

export enum RasterPlacementMethod { CORNERS = 'CORNERS', CONTROL_POINTS = 'CONTROL_POINTS', GEOREFERENCED = 'GEOREFERENCED' }
registerEnumType(RasterPlacementMethod, { name: 'RasterPlacementMethod', description: 'CORNERS: the 図郭 corners typed in; CONTROL_POINTS: clicked points; GEOREFERENCED: from the GeoTIFF or world file' });

export enum RasterTransform { AFFINE = 'AFFINE', PROJECTIVE = 'PROJECTIVE', POLYNOMIAL2 = 'POLYNOMIAL2' }
registerEnumType(RasterTransform, { name: 'RasterTransform', description: 'Fit from image pixels to the plane: AFFINE (≥3 points), PROJECTIVE (≥4), POLYNOMIAL2 (≥6)' });

@ObjectType({ description: 'An image pixel (col right, row down) and its plane rectangular coordinates (X northing, Y easting, m)' })
export class RasterControlPoint {
  @Field(() => Float) col!: number;
  @Field(() => Float) row!: number;
  @Field(() => Float, { description: 'X: northing in metres (surveyor order)' }) x!: number;
  @Field(() => Float, { description: 'Y: easting in metres' }) y!: number;
}

@InputType()
export class RasterControlPointInput {
  @Field(() => Float) col!: number;
  @Field(() => Float) row!: number;
  @Field(() => Float, { description: 'X: northing in metres' }) x!: number;
  @Field(() => Float, { description: 'Y: easting in metres' }) y!: number;
}

@ObjectType({ description: 'How a sheet is placed: its control points and the fit through them' })
export class RasterPlacement {
  @Field(() => RasterPlacementMethod) method!: RasterPlacementMethod;
  @Field(() => RasterTransform) transform!: RasterTransform;
  @Field(() => [RasterControlPoint]) controlPoints!: RasterControlPoint[];
  @Field(() => Float, { nullable: true, description: 'Root mean square of the residuals, metres' }) rmsM!: number | null;
  @Field(() => [Float], { description: 'Residual of each control point, metres, in order' }) residualsM!: number[];
  @Field(() => Int, { description: 'EPSG code of the control points\' plane coordinates (PLANE_SRID)' }) srid!: number;
}

@ObjectType({ description: 'One image (scanned sheet or orthophoto) of a raster layer' })
export class RasterSheet {
  @Field(() => ID) id!: string;
  @Field() layerKey!: string;
  @Field() name!: string;
  @Field({ description: 'The uploaded file\'s name (no path)' }) fileName!: string;
  @Field(() => RasterSheetStatus) status!: RasterSheetStatus;
  @Field(() => Float, { description: '0–1 while PLACING' }) progress!: number;
  @Field(() => Int) widthPx!: number;
  @Field(() => Int) heightPx!: number;
  @Field(() => Float) sizeBytes!: number;
  @Field({ description: 'SHA-256 of the original file, hex' }) checksum!: string;
  @Field(() => Int, { nullable: true, description: '縮尺の分母, e.g. 500' }) scaleDenominator!: number | null;
  @Field(() => String, { nullable: true, description: '測量年月日, YYYY-MM-DD' }) surveyDate!: string | null;
  @Field(() => RasterPlacement, { nullable: true }) placement!: RasterPlacement | null;
  @Field(() => JSONScalar, { nullable: true, description: 'GeoJSON Polygon (WGS84) of the placed sheet' }) outline!: unknown;
  @Field(() => String, { nullable: true, description: 'Why placing failed' }) problem!: string | null;
  @Field(() => String, { nullable: true, description: 'Placed, but worth a look (e.g. RMS over the threshold)' }) warning!: string | null;
  @Field(() => Int) version!: number;
  @Field(() => Int, { nullable: true, description: 'For a PDF: the page that was rendered and placed' }) pdfPage!: number | null;
  @Field(() => Int, { nullable: true, description: 'For a PDF: the resolution it was rendered at' }) pdfDpi!: number | null;
  @Field(() => ID, { nullable: true, description: 'The boundary record (境界確定) this drawing belongs to' }) boundaryRecordId!: string | null;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
}
