// Runtime settings read from /config.json (web/public/config.json; a deployment edits the
// copy in the served folder). Everything is optional: by default the basemap is built from
// the city's own data served by our server.
import type { ReferenceLayers } from './tileLayers';

export interface BasemapConfig {
  /** A complete MapLibre style URL (e.g. an LGWAN basemap server); our layers go on top. */
  styleUrl?: string | null;
  /** Raster XYZ tile URL templates drawn under our own boundary, towns and roads. */
  rasterTiles?: string[] | null;
  rasterTileSize?: number;
  /** TileJSON of one of our raster layers (an orthophoto chosen in the base map switcher). */
  rasterTileJson?: string | null;
  attribution?: string | null;
  /** A white sheet with no basemap at all (the basemap switcher's 白地図). */
  blank?: boolean;
}

export interface AppConfig {
  basemap: BasemapConfig;
  /**
   * The reference layers (parcels, buildings …) the built-in basemap draws, by role: filled from the
   * layers the user may read, not from config.json.
   */
  referenceLayers?: ReferenceLayers;
  /** Initial view before the city boundary is known: [lon, lat] and zoom. */
  initialCenter: [number, number];
  initialZoom: number;
}

export const defaultConfig: AppConfig = {
  basemap: {},
  // Yotsukaido City Hall.
  initialCenter: [140.168, 35.67],
  initialZoom: 12,
};

export async function loadConfig(): Promise<AppConfig> {
  try {
    const response = await fetch('/config.json', { credentials: 'same-origin' });
    if (!response.ok) return defaultConfig;
    const custom = (await response.json()) as Partial<AppConfig>;
    return { ...defaultConfig, ...custom, basemap: { ...defaultConfig.basemap, ...custom.basemap } };
  } catch {
    return defaultConfig;
  }
}
