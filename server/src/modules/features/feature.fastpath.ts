import {
  DocumentNode, FieldNode, FragmentDefinitionNode, getArgumentValues, getVariableValues, GraphQLField, GraphQLLeafType, GraphQLOutputType,
  GraphQLSchema, isLeafType, isListType, isNonNullType, isObjectType, Kind, OperationDefinitionNode, SelectionSetNode,
} from 'graphql';
import { ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { Context } from '../../context';
import { RawJSON, stringifyResponse } from '../../raw-json';
import { FeaturesArgs, handOver, readFeaturePage } from './feature.page';

/**
 * The `features` fast path (issue 16): a query whose only root field is `features`, selecting plain fields
 * of the connection, its edges, page info and features, is answered without graphql-js completing each of
 * the ~10,000 values of a 2k page. The selection is compiled once per parsed document into a writer that
 * builds the JSON text of the page directly, calling the schema's own scalar serialisers, in the order
 * graphql-js would; the page itself is read by the resolver's own code (readFeaturePage). Everything the
 * compiler does not fully understand is answered by normal execution. test/integration/features-fast-path.test.ts
 * proves the bytes identical.
 */

/** One output value the writer produces: a leaf, a list or an object with its fields in response order. */
type Plan =
  | { kind: 'leaf'; type: GraphQLLeafType; nonNull: boolean }
  | { kind: 'list'; item: Plan; nonNull: boolean }
  | { kind: 'object'; fields: Array<{ name: string; key: string; plan: Plan }>; nonNull: boolean };

interface Compiled {
  field: FieldNode;
  def: GraphQLField<unknown, unknown>;
  plan: Plan;
  /** Every field name selected below `features` (the resolver's selectedFieldNames). */
  selected: Set<string>;
}

/** Thrown when a value cannot be written as graphql-js would (a null in a non-null field …): normal execution answers. */
class Bail extends Error {}

/** Object types the fast path writes: plain fields read from the page, no resolvers, no type checks. */
const FAST_TYPES = new Set(['FeatureConnection', 'FeatureEdge', 'Feature', 'PageInfo']);

const compiledDocuments = new WeakMap<DocumentNode, Map<OperationDefinitionNode, Compiled | null>>();

/** Counts answers the fast path wrote (tests check that it served). */
export const fastPathStats = { served: 0 };

function hasDirectives(node: { directives?: readonly unknown[] }): boolean {
  return !!node.directives?.length;
}

/**
 * The fields of one selection set in response order, merged by name as graphql-js's collectFields does,
 * or null when the set holds anything the fast path leaves to graphql-js (aliases, directives, inline
 * fragments, fragments on another type).
 */
function collect(sets: readonly SelectionSetNode[], typeName: string, fragments: Record<string, FragmentDefinitionNode>,
  seen: Set<string>): Map<string, FieldNode[]> | null {
  const out = new Map<string, FieldNode[]>();
  const visit = (set: SelectionSetNode): boolean => {
    for (const sel of set.selections) {
      if (hasDirectives(sel)) return false;
      if (sel.kind === Kind.FIELD) {
        if (sel.alias) return false;
        const list = out.get(sel.name.value);
        if (list) list.push(sel); else out.set(sel.name.value, [sel]);
      } else if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments[sel.name.value];
        if (!fragment || hasDirectives(fragment) || fragment.typeCondition.name.value !== typeName || seen.has(fragment.name.value)) return false;
        seen.add(fragment.name.value);
        const ok = visit(fragment.selectionSet);
        seen.delete(fragment.name.value);
        if (!ok) return false;
      } else {
        return false;
      }
    }
    return true;
  };
  for (const set of sets) if (!visit(set)) return null;
  return out;
}

function compileType(type: GraphQLOutputType, nodes: FieldNode[], fragments: Record<string, FragmentDefinitionNode>, selected: Set<string>): Plan | null {
  const nonNull = isNonNullType(type);
  const inner = nonNull ? type.ofType : type;
  if (isListType(inner)) {
    const item = compileType(inner.ofType, nodes, fragments, selected);
    return item && { kind: 'list', item, nonNull };
  }
  if (isLeafType(inner)) return nodes.some((n) => n.selectionSet) ? null : { kind: 'leaf', type: inner, nonNull };
  if (!isObjectType(inner) || !FAST_TYPES.has(inner.name) || inner.isTypeOf) return null;
  const sets = nodes.map((n) => n.selectionSet).filter((s): s is SelectionSetNode => !!s);
  if (sets.length !== nodes.length) return null;
  const fields = collect(sets, inner.name, fragments, new Set());
  if (!fields) return null;
  const defs = inner.getFields();
  const plans: Array<{ name: string; key: string; plan: Plan }> = [];
  for (const [name, fieldNodes] of fields) {
    const def = defs[name];
    // A field with a resolver (Feature.layer) or arguments is executed by graphql-js; so is __typename.
    if (!def || def.resolve || def.args.length || fieldNodes.some((n) => n.arguments?.length)) return null;
    selected.add(name);
    const plan = compileType(def.type, fieldNodes, fragments, selected);
    if (!plan) return null;
    plans.push({ name, key: `${JSON.stringify(name)}:`, plan });
  }
  return { kind: 'object', fields: plans, nonNull };
}

/** The writer for an operation, or null when normal execution must answer it. */
function compile(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): Compiled | null {
  if (operation.operation !== 'query' || hasDirectives(operation) || operation.variableDefinitions?.some(hasDirectives)) return null;
  const roots = operation.selectionSet.selections;
  if (roots.length !== 1) return null;
  const field = roots[0];
  if (field.kind !== Kind.FIELD || field.name.value !== 'features' || field.alias || hasDirectives(field) || !field.selectionSet) return null;
  const def = schema.getQueryType()?.getFields().features;
  if (!def) return null;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  const selected = new Set<string>();
  const plan = compileType(def.type, [field], fragments, selected);
  return plan && { field, def, plan, selected };
}

function compiledFor(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): Compiled | null {
  let byOperation = compiledDocuments.get(document);
  if (!byOperation) compiledDocuments.set(document, byOperation = new Map());
  let compiled = byOperation.get(operation);
  if (compiled === undefined) byOperation.set(operation, compiled = compile(schema, document, operation));
  return compiled;
}

/** A leaf as graphql-js completes it (the type's serialize) and stringifyResponse writes it (RawJSON spliced in). */
function writeLeaf(type: GraphQLLeafType, value: unknown): string {
  const out: unknown = type.serialize(value);
  if (out === null || out === undefined) throw new Bail();
  if (out instanceof RawJSON) return out.text;
  if (typeof out === 'object') return stringifyResponse(out);
  const text = JSON.stringify(out);
  if (text === undefined) throw new Bail();
  return text;
}

function write(plan: Plan, value: unknown): string {
  if (value === null || value === undefined) {
    if (plan.nonNull) throw new Bail();
    return 'null';
  }
  if (plan.kind === 'leaf') return writeLeaf(plan.type, value);
  if (plan.kind === 'list') {
    if (!Array.isArray(value)) throw new Bail();
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + write(plan.item, value[i]);
    return out + ']';
  }
  if (typeof value !== 'object') throw new Bail();
  const source = value as Record<string, unknown>;
  let out = '{';
  for (let i = 0; i < plan.fields.length; i++) {
    const f = plan.fields[i];
    const v = source[f.name]; // graphql-js's default resolver: the property (getters included)
    if (typeof v === 'function') throw new Bail();
    out += (i ? ',' : '') + f.key + write(f.plan, v);
  }
  return out + '}';
}

/**
 * Answers a flat `features` query before execution (Apollo's responseForOperation), after every
 * didResolveOperation check (session, cost, token scope, input) has run; willSendResponse (the audit of
 * restricted reads) and stringifyResult run as for any answer. `enabled` is read per request.
 */
export function featuresFastPathPlugin(enabled: () => boolean): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ schema, document, operation, request, contextValue }) {
          if (!enabled() || !operation) return null;
          const compiled = compiledFor(schema, document, operation);
          if (!compiled) return null;
          // Variables and arguments coerced as graphql-js would; any coercion error is graphql-js's to report.
          const variables = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
          if (variables.errors) return null;
          let args: FeaturesArgs;
          try {
            args = getArgumentValues(compiled.def, compiled.field, variables.coerced) as unknown as FeaturesArgs;
          } catch {
            return null;
          }
          let page;
          try {
            page = await readFeaturePage(contextValue, args, compiled.selected);
          } catch (error) {
            // The resolver throws it again, so the error is located and formatted as always; the page is not read twice.
            handOver(contextValue, { error });
            return null;
          }
          let text: string;
          try {
            text = write(compiled.plan, page);
          } catch {
            // A value graphql-js would refuse (a null in a non-null field, a serialiser's error): it reports it.
            handOver(contextValue, { page });
            return null;
          }
          fastPathStats.served++;
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data: { features: new RawJSON(text) } } } };
        },
      };
    },
  };
}
