import { Router } from 'express';
import { Services } from '../../context';
import { route } from '../../http';
import { coordinateCsv } from './survey.service';

/** 座標一覧 as CSV for spreadsheets. */
export function surveyRouter(services: Services): Router {
  const router = Router();
  router.get('/boundary-records/:id/coordinates.csv', route(async (req, res) => {
    const table = await services.survey.table(String(req.params.id));
    const name = `座標一覧_${table.recordNo ?? table.featureId}.csv`;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
    res.send(coordinateCsv(table));
  }));
  return router;
}
