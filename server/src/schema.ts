import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { repoRoot } from './config';
import { AuthResolver } from './modules/auth/auth.resolver';
import { CityResolver } from './modules/city/city.resolver';
import { EditResolver } from './modules/edits/edit.resolver';
import { SurveyResolver } from './modules/survey/survey.resolver';
import { AttachmentResolver } from './modules/attachments/attachment.resolver';
import { RoadResolver } from './modules/roads/road.resolver';
import { EnquiryResolver } from './modules/enquiry/enquiry.resolver';
import { PrintResolver } from './modules/print/print.resolver';
import { SettingsResolver } from './modules/settings/settings.resolver';
import { FeatureResolver } from './modules/features/feature.resolver';
import { LayerAdminResolver, LayerResolver } from './modules/layers/layer.resolver';
import { ImportResolver } from './modules/imports/import.resolver';
import { AuditResolver } from './modules/audit/audit.resolver';
import { TokenResolver } from './modules/auth/token.resolver';
import { RasterResolver } from './modules/rasters/raster.resolver';
import { BasemapResolver } from './modules/basemaps/basemap.resolver';

export const resolvers = [AuthResolver, LayerResolver, FeatureResolver, CityResolver, EditResolver, LayerAdminResolver, SurveyResolver, AttachmentResolver, RoadResolver, EnquiryResolver, PrintResolver, SettingsResolver, ImportResolver,
  AuditResolver, TokenResolver, RasterResolver, BasemapResolver] as const;

export function buildGraphQLSchema(): GraphQLSchema {
  return buildSchemaSync({ resolvers: [...resolvers], validate: false });
}

/** The SDL committed as schema/schema.graphql (sorted, so diffs are stable). */
export function printSDL(schema = buildGraphQLSchema()): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}

export const schemaFile = path.join(repoRoot, 'schema', 'schema.graphql');

// `npm run schema` writes the committed SDL; a test fails when it is stale.
if (require.main === module) {
  fs.writeFileSync(schemaFile, printSDL());
  console.log(`wrote ${schemaFile}`);
}
