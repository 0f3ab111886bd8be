import { buildWeb, ensureServerBuilt } from './server';

/** Runs once per jest run when browser tests are among the tests to run, before any suite starts a server. */
export default async function e2eGlobalSetup(): Promise<void> {
  buildWeb();
  ensureServerBuilt();
}
