import 'reflect-metadata';
import { loadConfig } from '../../config';
import { prepareDatabase } from '../../bootstrap';
import { AuthService } from './auth.service';
import { SYSTEM_ACTOR } from './permissions';

/**
 * npm run create-admin -- --username NAME [--display-name "..."]
 * Creates the first administrator on a real database. The password comes from CHIZU_ADMIN_PASSWORD
 * (so it stays out of the shell history), or --password.
 */
async function main() {
  const args = process.argv.slice(2);
  const arg = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
  const username = arg('--username');
  const password = process.env.CHIZU_ADMIN_PASSWORD || arg('--password');
  if (!username || !password) throw new Error('usage: CHIZU_ADMIN_PASSWORD=... npm run create-admin -- --username NAME [--display-name NAME]');
  const config = { ...loadConfig(), seedDemoOnFirstStart: false };
  const db = await prepareDatabase(config);
  try {
    const user = await new AuthService(db, config).createUser(SYSTEM_ACTOR, { username, password, displayName: arg('--display-name') ?? username, role: 'admin' });
    console.log(`Created administrator "${user.username}".`);
  } finally {
    await db.close();
  }
}

main().catch((err) => { console.error(err.message ?? err); process.exit(1); });
