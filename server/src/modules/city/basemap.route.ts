import { Router } from 'express';
import { Services } from '../../context';

type Fc = { type: 'FeatureCollection'; features: Array<{ type: 'Feature'; geometry: object | null; properties: object }> };
const fc = (features: Fc['features']): Fc => ({ type: 'FeatureCollection', features });

/**
 * GeoJSON for the built-in offline basemap: boundary, town areas and labels, road lines. The public
 * map gets it without the road lines (`roads: false`): they come from the road ledger, which is not published.
 */
export function basemapRouter(services: Services, { roads: withRoads = true } = {}): Router {
  const router = Router();
  router.get('/boundary.geojson', async (_req, res) => {
    const b = await services.city.boundary();
    res.json(fc(b ? [{ type: 'Feature', geometry: b.geometry, properties: { name: b.name } }] : []));
  });
  router.get('/towns.geojson', async (_req, res) => {
    const towns = await services.city.towns();
    res.json(fc(towns.filter((t) => t.area).map((t) => ({ type: 'Feature', geometry: t.area, properties: { name: t.name } }))));
  });
  router.get('/town-points.geojson', async (_req, res) => {
    const towns = await services.city.towns();
    res.json(fc(towns.map((t) => ({ type: 'Feature', geometry: t.point, properties: { name: t.name } }))));
  });
  if (withRoads) router.get('/roads.geojson', async (_req, res) => {
    const roads = await services.city.roads();
    res.json(fc(roads.map((r) => ({
      type: 'Feature', geometry: r.geometry, properties: { routeNo: r.route_no, routeName: r.route_name, roadClass: r.road_class },
    }))));
  });
  return router;
}
