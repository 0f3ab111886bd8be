// node test/bench/token-auth.mjs http://127.0.0.1:PORT [N] against a running server with the demo users (e.g. DEMO_SCALE=0.05).
// Session vs personal access token on the same read: p50 of N GET /ogc/collections/street_lights/items?limit=1.
const url = process.argv[2];
const n = Number(process.argv[3] ?? 300);
const gql = async (query, variables, token) => (await (await fetch(`${url}/graphql`, { method: 'POST',
  headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) })).json());
const session = (await gql('mutation { login(username: "community", password: "chizu-demo") { token } }')).data.login.token;
const pat = (await gql('mutation($i: AccessTokenInput!) { createAccessToken(input: $i) { token } }', { i: { name: 'bench', readOnly: true } }, session)).data.createAccessToken.token;
const time = async (token) => { const t = performance.now(); const r = await fetch(`${url}/ogc/collections/street_lights/items?limit=1`, { headers: { authorization: `Bearer ${token}` } }); await r.text(); if (r.status !== 200) throw new Error(String(r.status)); return performance.now() - t; };
const s = [], p = [];
for (let i = 0; i < 20; i++) { await time(session); await time(pat); }
for (let i = 0; i < n; i++) { s.push(await time(session)); p.push(await time(pat)); }
const pct = (a, q) => a.sort((x, y) => x - y)[Math.floor(a.length * q)].toFixed(2);
console.log(`session p50 ${pct(s, 0.5)} ms p95 ${pct(s, 0.95)} ms | token p50 ${pct(p, 0.5)} ms p95 ${pct(p, 0.95)} ms (n=${n} each, alternating)`);
