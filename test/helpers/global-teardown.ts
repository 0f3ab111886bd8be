import { backends, removeSeededCopies, TEST_RUN } from './test-env';

/** Removes the run's seeded copies' sources (PGlite dumps, PostgreSQL templates). */
export default async function globalTeardown(): Promise<void> {
  await removeSeededCopies(process.env[TEST_RUN], backends().includes('postgis'));
}
