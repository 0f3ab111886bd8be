import { GraphQLScalarType, Kind, ValueNode } from 'graphql';
export { GraphQLJSON as JSONScalar, GraphQLJSONObject as JSONObjectScalar } from 'graphql-scalars';

function literalToValue(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.OBJECT: return Object.fromEntries(ast.fields.map((f) => [f.name.value, literalToValue(f.value)]));
    case Kind.LIST: return ast.values.map(literalToValue);
    case Kind.INT: case Kind.FLOAT: return Number(ast.value);
    case Kind.STRING: case Kind.ENUM: return ast.value;
    case Kind.BOOLEAN: return ast.value;
    default: return null;
  }
}

/** A GeoJSON geometry object (EPSG:4326). Checked in depth by the service that receives it. */
export const GeoJSONScalar = new GraphQLScalarType({
  name: 'GeoJSON',
  description: 'A GeoJSON geometry object in EPSG:4326 (lon, lat)',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast) => literalToValue(ast),
});
