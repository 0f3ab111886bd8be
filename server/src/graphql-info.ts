import { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import type { FeatureColumns } from './modules/features/feature.sql';

/** Every field name selected below the current field (fragments included), to skip unrequested work. */
export function selectedFieldNames(info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  const visit = (set: SelectionSetNode | undefined) => {
    for (const sel of set?.selections ?? []) {
      if (sel.kind === 'Field') { names.add(sel.name.value); visit(sel.selectionSet); }
      else if (sel.kind === 'InlineFragment') visit(sel.selectionSet);
      else if (sel.kind === 'FragmentSpread') visit(info.fragments[sel.name.value]?.selectionSet);
    }
  };
  for (const node of info.fieldNodes as FieldNode[]) visit(node.selectionSet);
  return names;
}

/** Which optional feature columns a query selects (every resolver that returns features asks here). */
export function columnsFor(info: GraphQLResolveInfo): FeatureColumns {
  return columnsOf(selectedFieldNames(info));
}

/** Which optional feature columns the selected field names need. */
export function columnsOf(names: Set<string>): FeatureColumns {
  return {
    times: names.has('createdAt') || names.has('updatedAt') || names.has('deletedAt'),
    measures: names.has('lengthM') || names.has('areaM2'),
    users: names.has('createdBy') || names.has('updatedBy'),
  };
}
