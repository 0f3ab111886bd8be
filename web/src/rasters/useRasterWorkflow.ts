// Raster layers' dialogs (issue 19): the layer a sheet is being added to, the sheet being placed,
// and the placed sheets whose outlines were clicked.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, useState } from 'react';
import type { Layer } from '../api/model';
import type { RasterSheet } from '../api/rasters';
import { zoomToGeometry } from '../map/view';

interface Options {
  map: MapLibreMap | null;
  /** Reads a raster layer's sheets again. */
  refresh(layerKey: string): Promise<unknown>;
  setVisible(layerKey: string, visible: boolean): void;
}

export function useRasterWorkflow({ map, refresh, setVisible }: Options) {
  const [uploadTo, setUploadTo] = useState<Layer | null>(null);
  const [placing, setPlacing] = useState<RasterSheet | null>(null);
  const [sheetInfo, setSheetInfo] = useState<RasterSheet[] | null>(null);

  const showSheet = useCallback(
    (sheet: RasterSheet) => {
      if (map && sheet.outline) zoomToGeometry(map, sheet.outline);
    },
    [map],
  );
  const afterUpload = useCallback(
    (sheet: RasterSheet, meta: Pick<RasterSheet, 'scaleDenominator' | 'surveyDate'>) => {
      setUploadTo(null);
      void refresh(sheet.layerKey);
      // A GeoTIFF or a scan with its world file is placed already; any other sheet is placed next.
      if (sheet.status === 'PLACED') {
        setVisible(sheet.layerKey, true);
        showSheet(sheet);
      } else setPlacing({ ...sheet, scaleDenominator: sheet.scaleDenominator ?? meta.scaleDenominator, surveyDate: sheet.surveyDate ?? meta.surveyDate });
    },
    [refresh, setVisible, showSheet],
  );
  const afterPlace = useCallback(
    (sheet: RasterSheet) => {
      setPlacing(null);
      setVisible(sheet.layerKey, true);
      void refresh(sheet.layerKey);
      showSheet(sheet);
      // Its particulars (and any warning about the fit) stay in view.
      setSheetInfo([sheet]);
    },
    [refresh, setVisible, showSheet],
  );

  return { uploadTo, setUploadTo, placing, setPlacing, sheetInfo, setSheetInfo, showSheet, afterUpload, afterPlace };
}
