// The map as the user sees it, on paper: the place and scale chosen with the frame on the screen
// map, the layers that were visible, the user's redline, a title and a note.
import { useMemo } from 'react';
import type { PrintSettings } from '../api/ledger';
import type { Layer } from '../api/model';
import { useI18n } from '../i18n';
import type { AppConfig } from '../map/config';
import { mapSheetFrame, PAPERS } from '#domain/sheets';
import { zoomForScale } from './scale';
import { SheetFooter, SheetHeader } from './SheetParts';
import { SheetMap } from './SheetMap';
import type { MapSheetRequest, PrintRaster } from './sheetParams';

interface Props {
  request: MapSheetRequest;
  layers: Layer[];
  /** Raster layers to draw under the vector layers, bottom first. */
  rasters?: PrintRaster[];
  config: AppConfig;
  settings: PrintSettings;
  onDrawn: () => void;
  onError: (message: string) => void;
}

export function MapSheet({ request, layers, rasters, config, settings, onDrawn, onError }: Props) {
  const { t } = useI18n();
  const paper = PAPERS[request.paper];
  const frameMm = mapSheetFrame(paper);
  const drawn = useMemo(() => (request.layers ? layers.filter((l) => request.layers!.includes(l.key)) : layers), [layers, request.layers]);
  return (
    <>
      <SheetHeader title={request.title || t('mapSheetTitle')} subtitle="" date={request.date} />
      <div className="sheet-body">
        <div className="sheet-map-frame">
          <SheetMap
            config={config}
            center={[request.lon, request.lat]}
            zoom={zoomForScale(request.scale, request.lat)}
            scale={request.scale}
            frameMm={frameMm}
            layers={drawn}
            rasters={rasters}
            redline={request.redline}
            onDrawn={onDrawn}
            onError={onError}
          />
        </div>
      </div>
      {request.note && <p className="sheet-map-note" data-note>{request.note}</p>}
      <SheetFooter settings={settings} scale={request.scale} paper={request.paper} />
    </>
  );
}
