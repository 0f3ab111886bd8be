import type { Request, Response } from 'express';
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
import { basicCredentials, tokenFrom } from './modules/auth/session-token';
import { FeatureService } from './modules/features/feature.service';
import { ImportService } from './modules/imports/import.service';
import { LayerCatalog, LayerService } from './modules/layers/layer.service';
import { EventBus } from './modules/live/event.bus';
import { AuditService } from './modules/audit/audit.service';
import { isAccessToken, TokenService } from './modules/auth/token.service';
import { RasterService } from './modules/rasters/raster.service';
import { BasemapService } from './modules/basemaps/basemap.service';

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
  audit: AuditService;
  tokens: TokenService;
  /** The city's own base maps (the switcher, the CSP's outside origins). */
  basemaps: BasemapService;
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
    imports: new ImportService(db, config, edits, layers, survey, events),
    attachments: new AttachmentService(db, config),
    enquiry: new EnquiryService(db, config, city, roads, features),
    print: new PrintService(config),
    exports: new ExportService(db, config, features),
    audit: new AuditService(db, config),
    tokens: new TokenService(db, config),
    rasters: new RasterService(db, config),
    basemaps: new BasemapService(db),
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

/** The request's context: the one an earlier step found (res.locals.ctx: the budget's session step), or a new one. */
export function requestContext(services: Services, req: Request, res: Response): Promise<Context> {
  return res.locals.ctx ? Promise.resolve(res.locals.ctx as Context) : createContext(services, req, res);
}

export async function createContext(services: Services, req: Request, res: Response): Promise<Context> {
  const token = tokenFrom(req);
  // A personal access token (desktop GIS) is its user narrowed by the token's scope.
  let user = isAccessToken(token) ? await services.tokens.authenticate(token, req) : await services.auth.authenticate(token, req.ip);
  // The Basic user name must name the token's user: a mismatch is a mistake, not a login.
  const basic = basicCredentials(req);
  if (basic && user && basic.username !== user.username) user = null;
  return { services, user, token, layers: new LayerCatalog(services.layers, user), req, res };
}
