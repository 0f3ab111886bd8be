import {
  FieldNode, FragmentDefinitionNode, OperationTypeNode, getNamedType, IntValueNode, Kind, ListValueNode, ValueNode, GraphQLSchema, isCompositeType,
  isInterfaceType, isObjectType, OperationDefinitionNode, SelectionSetNode, GraphQLCompositeType, GraphQLField,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { badInput } from '../errors';
import { inputError } from './input';

/** What one operation may ask for before any resolver (and so any SQL) runs. */
export interface CostLimits {
  /** Deepest nesting of fields. */
  maxDepth: number;
  /** Aliased fields in the whole operation (300 aliases of one list query is the classic amplification). */
  maxAliases: number;
  /** Fields directly under query/mutation. */
  maxRootFields: number;
  /** Sum of `first` over every paged field of the operation; a field without `first` counts its default. */
  maxListItems: number;
  /** Attribute filter conditions (`where`) over the operation. */
  maxFilterConditions: number;
}

export interface OperationCost { depth: number; aliases: number; rootFields: number; listItems: number; filterConditions: number }

/**
 * Measures an operation against the schema, following fragments, with the request's variables.
 * `defaultPageSize` is what a paged field without `first` and without a declared default returns.
 */
export function operationCost(schema: GraphQLSchema, operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>, variables: Record<string, unknown>, defaultPageSize: number): OperationCost {
  const cost: OperationCost = { depth: 0, aliases: 0, rootFields: 0, listItems: 0, filterConditions: 0 };
  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  const visiting = new Set<string>();
  const walk = (set: SelectionSetNode, parent: GraphQLCompositeType | null | undefined, depth: number) => {
    for (const sel of set.selections) {
      if (sel.kind === 'Field') {
        if (depth === 1) cost.rootFields++;
        if (sel.alias) cost.aliases++;
        cost.depth = Math.max(cost.depth, depth);
        const def = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[sel.name.value] : undefined;
        if (def) countArguments(def, sel, variables, defaultPageSize, cost);
        if (sel.selectionSet) {
          const type = def ? getNamedType(def.type) : undefined;
          walk(sel.selectionSet, type && isCompositeType(type) ? type : null, depth + 1);
        }
      } else if (sel.kind === 'InlineFragment') {
        const type = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
        walk(sel.selectionSet, type && isCompositeType(type) ? type : null, depth);
      } else {
        const name = sel.name.value;
        const fragment = fragments[name];
        if (!fragment || visiting.has(name)) continue; // cycles are refused by validation anyway
        visiting.add(name);
        const type = schema.getType(fragment.typeCondition.name.value);
        walk(fragment.selectionSet, type && isCompositeType(type) ? type : null, depth);
        visiting.delete(name);
      }
    }
  };
  walk(operation.selectionSet, root, 1);
  return cost;
}

/**
 * Reads `first` and `where` from the field's arguments without coercing them: coercing a hostile
 * 10,000-element list would cost what the limit is there to prevent.
 */
function countArguments(def: GraphQLField<unknown, unknown>, node: FieldNode, variables: Record<string, unknown>, defaultPageSize: number, cost: OperationCost) {
  const firstArg = def.args.find((a) => a.name === 'first');
  const whereArg = def.args.find((a) => a.name === 'where');
  if (!firstArg && !whereArg) return;
  const given = (name: string): unknown => {
    const arg = node.arguments?.find((a) => a.name.value === name);
    if (!arg) return undefined;
    return arg.value.kind === Kind.VARIABLE ? variables[arg.value.name.value] : arg.value;
  };
  if (firstArg) {
    const value = given('first');
    const first = typeof value === 'number' ? value
      : (value as ValueNode | undefined)?.kind === Kind.INT ? Number((value as IntValueNode).value)
        : typeof firstArg.defaultValue === 'number' ? firstArg.defaultValue : defaultPageSize;
    cost.listItems += Number.isFinite(first) ? Math.max(0, first) : 0;
  }
  if (whereArg) {
    const value = given('where');
    if (Array.isArray(value)) {
      for (const filter of value) {
        if (!filter || typeof filter !== 'object') continue;
        for (const [key, v] of Object.entries(filter as Record<string, unknown>)) {
          if (key !== 'field' && v !== undefined && v !== null) cost.filterConditions += Array.isArray(v) ? Math.max(1, v.length) : 1;
        }
      }
    } else if ((value as ValueNode | undefined)?.kind === Kind.LIST) {
      for (const item of (value as ListValueNode).values) {
        if (item.kind !== Kind.OBJECT) { cost.filterConditions++; continue; }
        for (const f of item.fields) {
          if (f.name.value === 'field' || f.value.kind === Kind.NULL) continue;
          cost.filterConditions += f.value.kind === Kind.LIST ? Math.max(1, f.value.values.length) : 1;
        }
      }
    }
  }
}

const LIMIT_NAMES: Record<keyof OperationCost, keyof CostLimits> = {
  depth: 'maxDepth', aliases: 'maxAliases', rootFields: 'maxRootFields', listItems: 'maxListItems', filterConditions: 'maxFilterConditions',
};

const LIMIT_TEXT: Record<keyof OperationCost, string> = {
  depth: '入れ子が深すぎます (fields nested too deeply)',
  aliases: '別名 (alias) が多すぎます (too many aliases)',
  rootFields: '一度に問い合わせる項目が多すぎます (too many root fields)',
  listItems: '一度に取得する件数が多すぎます。first を小さくしてページングしてください (too many items asked for; page with smaller `first`)',
  filterConditions: '絞り込み条件が多すぎます (too many filter conditions)',
};

/**
 * What an operation costs the caller's budget (rate-limit.ts), in points as GitHub's and Shopify's
 * GraphQL APIs count them: 1 for a query, 10 for a mutation, 1 per 100 list items asked for (`first`),
 * 1 per filter condition. Asked for, not returned: the cost is known before anything runs.
 */
export function operationPoints(cost: OperationCost, kind: OperationTypeNode): number {
  return (kind === OperationTypeNode.MUTATION ? 10 : 1) + Math.ceil(cost.listItems / 100) + cost.filterConditions;
}

/** The most an operation within the limits can cost: what a refused (or unparsable) one is charged. */
export function maxOperationPoints(limits: CostLimits): number {
  const most = { depth: limits.maxDepth, aliases: limits.maxAliases, rootFields: limits.maxRootFields, listItems: limits.maxListItems, filterConditions: limits.maxFilterConditions };
  return operationPoints(most, OperationTypeNode.MUTATION);
}

/** The first limit an operation exceeds, as a BAD_USER_INPUT error with `extensions.cost`, or null. */
export function costError(cost: OperationCost, limits: CostLimits) {
  for (const measure of Object.keys(LIMIT_NAMES) as Array<keyof OperationCost>) {
    const max = limits[LIMIT_NAMES[measure]];
    if (cost[measure] > max) {
      return badInput(`クエリが大きすぎます: ${LIMIT_TEXT[measure]} (${cost[measure]} > ${max})`, { cost: { measure, value: cost[measure], max } });
    }
  }
  return null;
}

/**
 * Refuses a too costly operation after parsing and validation, before execution; then checks its
 * inputs (input.ts). One plugin so that the order holds: the cheap count refuses a hostile
 * 10,000-element list before anything walks it (Apollo runs the plugins' hooks side by side).
 * `measured` learns the points of an operation within the limits (for the caller's budget).
 */
export function operationGuardPlugin<C>(limits: CostLimits, defaultPageSize: number,
  measured: (context: C, points: number) => void = () => {}): ApolloServerPlugin<C & object> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, operation, document, request, contextValue }) {
          if (!operation) return;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const d of document.definitions) if (d.kind === 'FragmentDefinition') fragments[d.name.value] = d;
          const cost = operationCost(schema, operation, fragments, request.variables ?? {}, defaultPageSize);
          const refused = costError(cost, limits);
          if (refused) throw refused;
          measured(contextValue, operationPoints(cost, operation.operation));
          const error = inputError(request.variables ?? {}, document);
          if (error) throw error;
        },
      };
    },
  };
}
