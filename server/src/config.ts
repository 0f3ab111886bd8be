import path from 'node:path';
import { PASSWORD_MIN_LENGTH_DEFAULT } from './domain/password';

/** Typed configuration. This is the only module that reads process.env. */
export interface Config {
  port: number;
  /** Real PostgreSQL/PostGIS. When absent the embedded PGlite database under dataDir is used. */
  databaseUrl?: string;
  dataDir: string;
  /** Built web client served at `/` (absent in API-only deployments and most tests). */
  webDist: string;
  /** Fill an empty embedded database with the demo city on first start. */
  seedDemoOnFirstStart: boolean;
  /** With the demo city, also the demo raster layers (a scanned sheet to place, an orthophoto base map). */
  demoRasters: boolean;
  demoScale: number;
  /** Scale of the demo's parcels, buildings and other reference layers (default: demoScale); small for quick test servers. */
  demoReferenceScale: number;
  sessionTtlHours: number;
  /** Shortest password accepted on create, reset and change (domain/password.ts). */
  passwordMinLength: number;
  /** Audit log entries older than this are removed by the (logged) purge. */
  auditRetentionYears: number;
  /** Longest lifetime of a personal access token, and the default one. */
  accessTokenMaxDays: number;
  accessTokenDefaultDays: number;
  /** Allow reading without a login (counter kiosks); writes always need a login. */
  allowAnonymousRead: boolean;
  /** Edits must lie inside the city boundary grown by this margin. */
  serviceAreaMarginM: number;
  /** JGD2011 plane rectangular zone of the city (EPSG:6669–6687; zone IX = 6677): default CRS for survey coordinates. */
  planeSrid: number;
  /** Largest attachment upload in bytes. */
  attachmentMaxBytes: number;
  /** Largest import file in bytes, and the most a zipped upload may unpack to (zip bombs). */
  importMaxBytes: number;
  /** Raster sheets (issue 19): originals on disk, size and pixel limits, fit warning threshold. */
  raster: { dir: string; maxBytes: number; maxPixels: number; rmsWarnM: number };
  importMaxUnzippedBytes: number;
  /** Where uploaded import files wait (on disk, not in memory or the database) until committed. */
  importDir: string;
  /** Hours an uploaded, uncommitted import keeps its file (IMPORT_KEEP_HOURS). */
  importKeepHours: number;
  /** Refused rows an import lists (the first by line; the rest are counted): IMPORT_MAX_REFUSED_ROWS. */
  importMaxRefusedRows: number;
  /**
   * An import's heap (IMPORT_HEAP_MB): the server's import worker and `npm run import` each run in a
   * worker thread whose old generation is capped at this, so V8 collects each chunk's garbage early
   * and the peak does not grow with the file.
   */
  importHeapMb: number;
  /** Largest batch of changes in one applyChanges call. */
  batchMaxChanges: number;
  featuresPageDefault: number;
  featuresPageMax: number;
  /** Flat `features` pages written without graphql-js's per-field execution (FEATURES_FAST_PATH; identical bytes). */
  featuresFastPath: boolean;
  /** Failed logins per user name within the throttle window before logins are refused. */
  loginMaxFailures: number;
  loginThrottleMinutes: number;
  /** Optional external basemap style (e.g. an LGWAN basemap server); empty = built-in basemap. */
  basemapStyleUrl?: string;
  logQueries: boolean;
  /** Chromium used to print sheets (PDF/PNG) on the server. */
  chromiumPath: string;
  /** Footer of printed sheets: department, phone and a note. */
  printFooter: { department: string; phone: string; note: string };
  /** Show editors' login names (not only display names) to everyone, not only to administrators. */
  showLoginNames: boolean;
  /** Limits against hostile requests (server/src/security/). */
  abuse: AbuseLimits;
  /** Recent live edit events kept for reconnecting clients (Last-Event-ID). */
  liveEventRing: number;
  /** Memory for cached vector tiles (MiB); 0 = no cache. */
  tileCacheMb: number;
  /** Requests per minute and client address on the public map's own read path (/public). */
  publicRatePerMinute: number;
}

export interface AbuseLimits {
  /** GraphQL cost model: refused before any SQL runs. */
  graphql: { maxTokens: number; maxDepth: number; maxAliases: number; maxRootFields: number; maxListItems: number; maxFilterConditions: number };
  /** statement_timeout of every PostgreSQL connection (0 = none). */
  statementTimeoutMs: number;
  /** Longest wait for a database connection before the work is dropped unrun (`databaseBusy`); 0 = none. */
  databaseQueueTimeoutMs: number;
  /** Request bodies of callers without a session (login); the full limits apply after the session is known. */
  anonymousBodyBytes: number;
  /** Largest GraphQL request body after login (GraphQL carries no files: uploads go to REST routes). */
  graphqlBodyBytes: number;
  /** Failed logins from one client address (all user names) within the throttle window. */
  loginAddressMaxFailures: number;
  /** Express `trust proxy`: empty = no proxy; else e.g. `loopback`, `1` or a list of proxy addresses. */
  trustProxy?: string;
  /** The public base URL (e.g. https://chizu.city.local/map) used in generated URLs; wins over proxy headers. */
  publicUrl?: string;
  /**
   * Requests per second one caller (a credential, or an address without one) may send to the API
   * (GraphQL, /api, /ogc) and to the tiles; over it a 429 (0 = no budget).
   */
  requestsPerSecond: { api: number; tiles: number };
  /**
   * Cost points per caller (security/rate-limit.ts): a bucket of `points` that refills at `perSecond`;
   * each GraphQL operation is charged its cost, each /api and /ogc request one point; empty = 429
   * before the body is read (`points` 0 = no budget).
   */
  costBudget: { points: number; perSecond: number };
  /** Server-side printing: concurrent renders, waiting requests (in all, and per user), render timeout. */
  print: { concurrency: number; queueMax: number; perUserMax: number; timeoutMs: number };
}

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`${name} must be a number, got "${value}"`);
  return n;
}

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}

export const repoRoot = path.resolve(__dirname, '..', '..');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const demoScale = int(env.DEMO_SCALE, 1, 'DEMO_SCALE');
  return {
    port: int(env.PORT, 4000, 'PORT'),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR || path.join(repoRoot, 'data')),
    webDist: path.resolve(env.WEB_DIST || path.join(repoRoot, 'web', 'dist')),
    seedDemoOnFirstStart: bool(env.SEED_DEMO, !env.DATABASE_URL),
    demoRasters: bool(env.DEMO_RASTERS, true),
    demoScale,
    demoReferenceScale: int(env.DEMO_REFERENCE_SCALE, demoScale, 'DEMO_REFERENCE_SCALE'),
    sessionTtlHours: int(env.SESSION_TTL_HOURS, 12, 'SESSION_TTL_HOURS'),
    publicRatePerMinute: int(env.PUBLIC_RATE_PER_MINUTE, 600, 'PUBLIC_RATE_PER_MINUTE'),
    passwordMinLength: Math.max(8, int(env.PASSWORD_MIN_LENGTH, PASSWORD_MIN_LENGTH_DEFAULT, 'PASSWORD_MIN_LENGTH')),
    auditRetentionYears: int(env.AUDIT_RETENTION_YEARS, 5, 'AUDIT_RETENTION_YEARS'),
    accessTokenMaxDays: int(env.ACCESS_TOKEN_MAX_DAYS, 366, 'ACCESS_TOKEN_MAX_DAYS'),
    accessTokenDefaultDays: Math.min(365, int(env.ACCESS_TOKEN_MAX_DAYS, 366, 'ACCESS_TOKEN_MAX_DAYS')),
    allowAnonymousRead: bool(env.ALLOW_ANONYMOUS_READ, false),
    serviceAreaMarginM: int(env.SERVICE_AREA_MARGIN_M, 500, 'SERVICE_AREA_MARGIN_M'),
    planeSrid: int(env.PLANE_SRID, 6677, 'PLANE_SRID'),
    attachmentMaxBytes: int(env.ATTACHMENT_MAX_MB, 20, 'ATTACHMENT_MAX_MB') * 1024 * 1024,
    importMaxBytes: int(env.IMPORT_MAX_MB, 200, 'IMPORT_MAX_MB') * 1024 * 1024,
    raster: {
      dir: path.resolve(env.RASTER_DIR || path.join(env.DATA_DIR || path.join(repoRoot, 'data'), 'rasters')),
      maxBytes: int(env.RASTER_MAX_MB, 500, 'RASTER_MAX_MB') * 1024 * 1024,
      // Refused before decoding (decompression bombs): 300 Mpx holds an A0 sheet at 600 dpi.
      maxPixels: int(env.RASTER_MAX_MEGAPIXELS, 300, 'RASTER_MAX_MEGAPIXELS') * 1_000_000,
      rmsWarnM: int(env.RASTER_RMS_WARN_M, 0.5, 'RASTER_RMS_WARN_M'),
    },
    importMaxUnzippedBytes: int(env.IMPORT_MAX_UNZIPPED_MB, 1000, 'IMPORT_MAX_UNZIPPED_MB') * 1024 * 1024,
    importKeepHours: int(env.IMPORT_KEEP_HOURS, 24, 'IMPORT_KEEP_HOURS'),
    importMaxRefusedRows: int(env.IMPORT_MAX_REFUSED_ROWS, 10_000, 'IMPORT_MAX_REFUSED_ROWS'),
    importHeapMb: int(env.IMPORT_HEAP_MB, 192, 'IMPORT_HEAP_MB'),
    importDir: path.resolve(env.IMPORT_DIR || path.join(env.DATA_DIR || path.join(repoRoot, 'data'), 'imports')),
    batchMaxChanges: int(env.BATCH_MAX_CHANGES, 10_000, 'BATCH_MAX_CHANGES'),
    featuresPageDefault: int(env.FEATURES_PAGE_DEFAULT, 100, 'FEATURES_PAGE_DEFAULT'),
    featuresPageMax: int(env.FEATURES_PAGE_MAX, 5000, 'FEATURES_PAGE_MAX'),
    featuresFastPath: bool(env.FEATURES_FAST_PATH, true),
    loginMaxFailures: int(env.LOGIN_MAX_FAILURES, 5, 'LOGIN_MAX_FAILURES'),
    loginThrottleMinutes: int(env.LOGIN_THROTTLE_MINUTES, 15, 'LOGIN_THROTTLE_MINUTES'),
    basemapStyleUrl: env.BASEMAP_STYLE_URL || undefined,
    logQueries: bool(env.LOG_QUERIES, false),
    chromiumPath: env.CHROMIUM_PATH || '/usr/bin/chromium',
    printFooter: {
      department: env.PRINT_FOOTER_DEPARTMENT || '四街道市 道路管理課',
      phone: env.PRINT_FOOTER_PHONE || '043-421-2111(代表)',
      note: env.PRINT_FOOTER_NOTE || 'この図面は参考図です。境界・幅員等の確定には窓口で原本をご確認ください。',
    },
    showLoginNames: bool(env.SHOW_LOGIN_NAMES, false),
    liveEventRing: int(env.LIVE_EVENT_RING, 1000, 'LIVE_EVENT_RING'),
    tileCacheMb: int(env.TILE_CACHE_MB, 64, 'TILE_CACHE_MB'),
    abuse: {
      graphql: {
        maxTokens: int(env.GRAPHQL_MAX_TOKENS, 20_000, 'GRAPHQL_MAX_TOKENS'),
        maxDepth: int(env.GRAPHQL_MAX_DEPTH, 15, 'GRAPHQL_MAX_DEPTH'),
        maxAliases: int(env.GRAPHQL_MAX_ALIASES, 30, 'GRAPHQL_MAX_ALIASES'),
        maxRootFields: int(env.GRAPHQL_MAX_ROOT_FIELDS, 20, 'GRAPHQL_MAX_ROOT_FIELDS'),
        maxListItems: int(env.GRAPHQL_MAX_LIST_ITEMS, 20_000, 'GRAPHQL_MAX_LIST_ITEMS'),
        maxFilterConditions: int(env.GRAPHQL_MAX_FILTERS, 50, 'GRAPHQL_MAX_FILTERS'),
      },
      statementTimeoutMs: int(env.STATEMENT_TIMEOUT_MS, 15_000, 'STATEMENT_TIMEOUT_MS'),
      databaseQueueTimeoutMs: int(env.DATABASE_QUEUE_TIMEOUT_MS, 30_000, 'DATABASE_QUEUE_TIMEOUT_MS'),
      anonymousBodyBytes: int(env.ANONYMOUS_BODY_KB, 64, 'ANONYMOUS_BODY_KB') * 1024,
      graphqlBodyBytes: int(env.GRAPHQL_BODY_KB, 4096, 'GRAPHQL_BODY_KB') * 1024,
      loginAddressMaxFailures: int(env.LOGIN_ADDRESS_MAX_FAILURES, 30, 'LOGIN_ADDRESS_MAX_FAILURES'),
      trustProxy: env.TRUST_PROXY || undefined,
      publicUrl: env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, '') : undefined,
      requestsPerSecond: {
        api: int(env.API_REQUESTS_PER_SECOND, 40, 'API_REQUESTS_PER_SECOND'),
        tiles: int(env.TILE_REQUESTS_PER_SECOND, 1000, 'TILE_REQUESTS_PER_SECOND'),
      },
      costBudget: {
        points: int(env.COST_BUDGET_POINTS, 4000, 'COST_BUDGET_POINTS'),
        perSecond: int(env.COST_BUDGET_PER_SECOND, 50, 'COST_BUDGET_PER_SECOND'),
      },
      print: {
        concurrency: int(env.PRINT_CONCURRENCY, 2, 'PRINT_CONCURRENCY'),
        queueMax: int(env.PRINT_QUEUE_MAX, 8, 'PRINT_QUEUE_MAX'),
        perUserMax: int(env.PRINT_QUEUE_PER_USER, 2, 'PRINT_QUEUE_PER_USER'),
        timeoutMs: int(env.PRINT_TIMEOUT_S, 60, 'PRINT_TIMEOUT_S') * 1000,
      },
    },
  };
}
