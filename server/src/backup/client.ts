/** Fetches a consistent copy of a running embedded server's database (GET /api/admin/backup) as an administrator. */
export async function fetchEmbeddedDump(server: string, username: string, password: string): Promise<Blob> {
  const login = await fetch(`${server}/graphql`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', variables: { u: username, p: password } }),
  }).catch((err) => { throw new Error(`no Chizu server at ${server} (${err.message}); is it running?`); });
  const body = (await login.json()) as { data?: { login: { token: string } }; errors?: { message: string }[] };
  if (!body.data) throw new Error(`login as ${username} failed: ${body.errors?.[0]?.message}`);
  const res = await fetch(`${server}/api/admin/backup`, { headers: { authorization: `Bearer ${body.data.login.token}` } });
  if (!res.ok) throw new Error(`the server refused the backup (${res.status}): ${await res.text()}`);
  return new Blob([await res.arrayBuffer()], { type: 'application/x-gzip' });
}
