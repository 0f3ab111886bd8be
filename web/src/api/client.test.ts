import { graphqlRequest } from './client';

describe('how a GraphQL document is sent', () => {
  test('a read query goes as a revalidated GET with the preflight header, its variables in the URL', () => {
    const { url, init } = graphqlRequest('\n  query Layers($k: String) { layers { key } }', { k: '防犯灯' });
    expect(init.method).toBe('GET');
    expect(init.cache).toBe('no-cache');
    expect(init.body).toBeUndefined();
    expect((init.headers as Record<string, string>)['apollo-require-preflight']).toBe('true');
    const params = new URL(url, 'http://x').searchParams;
    expect(params.get('query')).toContain('query Layers');
    expect(JSON.parse(params.get('variables')!)).toEqual({ k: '防犯灯' });
  });

  test('a mutation goes as POST', () => {
    const { url, init } = graphqlRequest('mutation { logout }', undefined);
    expect(url).toBe('/graphql');
    expect(init.method).toBe('POST');
    expect(JSON.parse(init.body as string)).toEqual({ query: 'mutation { logout }' });
  });

  test('a query whose URL would be too long (a drawn polygon of many corners) goes as POST', () => {
    const polygon = Array.from({ length: 1000 }, (_, i) => [140 + i / 1e4, 35 + i / 1e4]);
    const { url, init } = graphqlRequest('query F($p: JSON) { features(area: $p) { totalCount } }', { p: polygon });
    expect(url).toBe('/graphql');
    expect(init.method).toBe('POST');
  });
});
