import { Config } from './config';
import { Database, openDatabase } from './db/database';
import { migrate } from './db/migrate';
import { CityService } from './modules/city/city.service';
import { EditService } from './modules/edits/edit.service';
import { LayerService } from './modules/layers/layer.service';
import { seedRasterDemo } from './seed/rasters';
import { seedDemoOnFirstStart } from './seed/seed-state';

/**
 * Opens the database and brings it to the current schema with the reference data
 * (city boundary, towns, built-in layers). An empty embedded database also gets the demo city.
 */
export async function prepareDatabase(config: Config, log: (m: string) => void = console.log): Promise<Database> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log, statementTimeoutMs: config.abuse.statementTimeoutMs,
    queueTimeoutMs: config.abuse.databaseQueueTimeoutMs });
  try {
    await migrate(db, log);
    const layers = new LayerService(db);
    await layers.ensureBuiltins();
    const unplayed = await layers.checkRoles();
    if (unplayed.length) log(`No layer plays the role(s) ${unplayed.join(', ')}: what needs them answers without them`);
    await new CityService(db).ensureReferenceData();
    await new EditService(db, config).ensureServiceArea();
    if (config.seedDemoOnFirstStart) {
      const seeded = await seedDemoOnFirstStart(db, { scale: config.demoScale, referenceScale: config.demoReferenceScale, config }, log);
      // Rasters are files and tiles, not features: outside the seed's transaction, and a failure
      // leaves the demo city usable without them.
      if (seeded && config.demoRasters) await seedRasterDemo(db, config, log).catch((e: Error) => log(`Demo rasters skipped: ${e.message}`));
    }
    const keyed = await new CityService(db).ensureSearchKeys();
    if (keyed) log(`Search keys written for ${keyed} features`);
    return db;
  } catch (err) {
    await db.close();
    throw err;
  }
}
