import 'reflect-metadata';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { AuthResolver } from './modules/auth/auth.resolver';
import { CityResolver } from './modules/city/city.resolver';
import { FeatureResolver } from './modules/features/feature.resolver';
import { LayerResolver } from './modules/layers/layer.resolver';

export const resolvers = [AuthResolver, LayerResolver, FeatureResolver, CityResolver] as const;

export function buildGraphQLSchema(): GraphQLSchema {
  return buildSchemaSync({ resolvers: [...resolvers], validate: false });
}

/** The SDL committed as schema/schema.graphql (sorted, so diffs are stable). */
export function printSDL(schema = buildGraphQLSchema()): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}
