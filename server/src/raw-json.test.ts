import { RawJSON, stringifyResponse } from './raw-json';

describe('stringifyResponse', () => {
  it('splices JSON text in where RawJSON values stand, in arrays and objects', () => {
    const geometry = '{"type":"Point","coordinates":[140.1,35.6]}';
    const attributes = '{"name": "四街道 \\"北\\"", "n": 3}';
    const result = {
      data: { features: { edges: [
        { node: { id: '1', geometry: new RawJSON(geometry), attributes: new RawJSON(attributes) } },
        { node: { id: '2', geometry: new RawJSON('null'), list: [new RawJSON('[1,2]'), 'x'] } },
      ] } },
    };
    const json = stringifyResponse(result);
    expect(JSON.parse(json)).toEqual({
      data: { features: { edges: [
        { node: { id: '1', geometry: JSON.parse(geometry), attributes: { name: '四街道 "北"', n: 3 } } },
        { node: { id: '2', geometry: null, list: [[1, 2], 'x'] } },
      ] } },
    });
  });

  it('leaves strings that only look like placeholders alone', () => {
    const tricky = { a: '\u0000abc:0', b: '"\\u0000:1"', c: new RawJSON('{"x":1}') };
    expect(JSON.parse(stringifyResponse(tricky))).toEqual({ a: '\u0000abc:0', b: '"\\u0000:1"', c: { x: 1 } });
  });

  it('is plain JSON.stringify without RawJSON values, and RawJSON stringifies as its value elsewhere', () => {
    const value = { errors: [{ message: 'x', path: ['a', 0] }], data: null };
    expect(stringifyResponse(value)).toBe(JSON.stringify(value));
    expect(JSON.stringify({ g: new RawJSON('{"a":[1]}') })).toBe('{"g":{"a":[1]}}');
  });
});
