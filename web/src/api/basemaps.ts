// The base maps the city lists (issue 11): the switcher reads them, administrators manage them.
import { gql } from './client';
import { graphql } from './generated';
import type { BasemapInput, BasemapPatch, BasemapsQuery } from './generated/graphql';

export type { BasemapKind } from './generated/graphql';
export type CityBasemap = BasemapsQuery['basemaps'][number];

const BasemapsQueryDoc = graphql(`
  query Basemaps { basemaps { id nameJa nameEn kind url attribution isDefault sortOrder enabled } }
`);

export async function fetchBasemaps(): Promise<CityBasemap[]> {
  return (await gql(BasemapsQueryDoc)).basemaps;
}

const CreateBasemap = graphql(`mutation CreateBasemap($input: BasemapInput!) { createBasemap(input: $input) { id } }`);
const UpdateBasemap = graphql(`mutation UpdateBasemap($id: ID!, $patch: BasemapPatch!) { updateBasemap(id: $id, patch: $patch) { id } }`);
const DeleteBasemap = graphql(`mutation DeleteBasemap($id: ID!) { deleteBasemap(id: $id) }`);

export async function createBasemap(input: BasemapInput): Promise<void> {
  await gql(CreateBasemap, { input });
}

export async function updateBasemap(id: string, patch: BasemapPatch): Promise<void> {
  await gql(UpdateBasemap, { id, patch });
}

export async function deleteBasemap(id: string): Promise<void> {
  await gql(DeleteBasemap, { id });
}
