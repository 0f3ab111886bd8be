import type { Request, Response } from 'express';
import { parse as parseCookie } from 'cookie';
import { Config } from './config';
import { Database } from './db/database';
import { AuthService } from './modules/auth/auth.service';
import { CityService } from './modules/city/city.service';
import { EditService } from './modules/edits/edit.service';
import { SurveyService } from './modules/survey/survey.service';
import { AttachmentService } from './modules/attachments/attachment.service';
import { RoadService } from './modules/roads/road.service';
import { EnquiryService } from './modules/enquiry/enquiry.service';
import { PrintService } from './modules/print/print.service';
import { ExportService } from './modules/exports/export.service';
import { SessionUser } from './modules/auth/permissions';
import { FeatureService } from './modules/features/feature.service';
import { ImportService } from './modules/imports/import.service';
import { LayerCatalog, LayerService } from './modules/layers/layer.service';
import { EventBus } from './modules/live/event.bus';
import { RasterService } from './modules/rasters/raster.service';

export const SESSION_COOKIE = 'chizu_session';

/** Long-lived services, created once per server. */
export interface Services {
  db: Database;
  config: Config;
  auth: AuthService;
  layers: LayerService;
  features: FeatureService;
  city: CityService;
  edits: EditService;
  survey: SurveyService;
  attachments: AttachmentService;
  roads: RoadService;
  enquiry: EnquiryService;
  print: PrintService;
  imports: ImportService;
  exports: ExportService;
  rasters: RasterService;
  /** Committed edits, for the live event stream. */
  events: EventBus;
}

export function createServices(db: Database, config: Config): Services {
  const layers = new LayerService(db);
  const events = new EventBus(config.liveEventRing);
  const edits = new EditService(db, config, events);
  const features = new FeatureService(db, config);
  const roads = new RoadService(db);
  const city = new CityService(db);
  const survey = new SurveyService(db, edits, config.planeSrid);
  return {
    db, config, events, auth: new AuthService(db, config), layers, features, city, edits, roads, survey,
    imports: new ImportService(db, config, edits, layers, survey),
    attachments: new AttachmentService(db, config),
    enquiry: new EnquiryService(db, config, city, roads, features),
    print: new PrintService(config),
    exports: new ExportService(db, config, features),
    rasters: new RasterService(db, config),
  };
}

/** Per-request context: the caller and request-scoped caches. */
export interface Context {
  services: Services;
  user: SessionUser | null;
  token?: string;
  layers: LayerCatalog;
  req?: Request;
  res?: Response;
}

/** The session token from the Authorization header (scripts) or the cookie (browser). */
export function tokenFrom(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  const cookies = req.headers.cookie ? parseCookie(req.headers.cookie) : {};
  return cookies[SESSION_COOKIE] || undefined;
}

export async function createContext(services: Services, req: Request, res: Response): Promise<Context> {
  const token = tokenFrom(req);
  const user = await services.auth.authenticate(token);
  return { services, user, token, layers: new LayerCatalog(services.layers, user), req, res };
}
