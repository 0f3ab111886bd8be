import { Config } from '../../config';
import { Database } from '../../db/database';
import { checkLonLat } from '../../domain/geometry';
import { appError } from '../../errors';
import { CityService } from '../city/city.service';
import { FeatureService } from '../features/feature.service';
import { FeatureColumns } from '../features/feature.sql';
import { LayerRecord } from '../layers/layer.service';
import { LayerRole, layerWithRole } from '../layers/layer.roles';
import { RoadService } from '../roads/road.service';
import { planeCoordinatesSql } from './enquiry.sql';
import { parcelEnquiryAt } from './parcel.service';
import { Enquiry } from './enquiry.type';

/** The counter's answer for a place: town, road, and the nearest ledger features citizens ask about. */
export class EnquiryService {
  constructor(
    private readonly db: Database, private readonly config: Config,
    private readonly city: CityService, private readonly roads: RoadService, private readonly features: FeatureService,
  ) {}

  async at(lon: number, lat: number, layers: LayerRecord[], visible: LayerRecord[], columns: FeatureColumns): Promise<Enquiry> {
    const bad = checkLonLat(lon, lat);
    if (bad) throw appError('badPosition', { detail: bad }, { field: 'lon' });
    const nearest = async (role: LayerRole, radius: number) => {
      const layer = layerWithRole(layers, role);
      return layer ? (await this.features.near([layer], lon, lat, radius, 1, columns))[0] ?? null : null;
    };
    const [plane, town, route, streetLight, garbagePoint, curveMirror, features, parcel] = await Promise.all([
      this.db.pool.query(planeCoordinatesSql, [lon, lat, this.config.planeSrid]).then((r) => r.rows[0]),
      this.city.townAt(lon, lat),
      // The route comes from the road ledger: only for those who may read it.
      layerWithRole(layers, LayerRole.ROAD_LEDGER) ? this.roads.routeAt(lon, lat, 30) : Promise.resolve(null),
      nearest(LayerRole.STREET_LIGHTS, 200),
      nearest(LayerRole.GARBAGE_POINTS, 300),
      nearest(LayerRole.CURVE_MIRRORS, 50),
      visible.length ? this.features.near(visible, lon, lat, 10, 20, columns) : Promise.resolve([]),
      parcelEnquiryAt(this.db, layers, lon, lat),
    ]);
    return {
      lon, lat, planeX: plane.x, planeY: plane.y, planeSrid: this.config.planeSrid, town, route, streetLight, garbagePoint, curveMirror, features, parcel,
    };
  }
}
