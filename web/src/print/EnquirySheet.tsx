// 窓口案内図: the counter's one-page sheet for a place — the map at the chosen scale with the
// place marked, the answer (town, road, street light's 自治会, garbage days), legend and footer.
import { useEffect, useMemo, useState } from 'react';
import { useSheetData } from './useSheetData';
import { fetchEnquiry, type Enquiry, type PrintSettings } from '../api/ledger';
import { fetchFeature } from '../api/queries';
import type { Feature, Layer } from '../api/model';
import { useI18n } from '../i18n';
import type { AppConfig } from '../map/config';
import { geometryBounds } from '../map/geometry';
import { EnquiryAnswer } from '../panels/EnquiryAnswer';
import { Legend } from './Legend';
import { PAPERS } from '#domain/sheets';
import { zoomForScale } from './scale';
import { SheetFooter, SheetHeader } from './SheetParts';
import { SheetMap } from './SheetMap';
import type { EnquirySheetRequest, PrintRaster } from './sheetParams';

interface Props {
  request: EnquirySheetRequest;
  layers: Layer[];
  /** Raster layers to draw under the vector layers, bottom first. */
  rasters: PrintRaster[];
  config: AppConfig;
  settings: PrintSettings;
  onDrawn: () => void;
  onError: (message: string) => void;
}

export function EnquirySheet({ request, layers, rasters, config, settings, onDrawn, onError }: Props) {
  const { t } = useI18n();
  const paper = PAPERS[request.paper];
  const drawn = useMemo(() => (request.layers ? layers.filter((l) => request.layers!.includes(l.key)) : layers), [layers, request.layers]);
  const layersByKey = useMemo(() => new Map(layers.map((l) => [l.key, l])), [layers]);
  const data = useSheetData<{ enquiry: Enquiry; feature: Feature | null }>(
    {
      key: JSON.stringify([request.lon, request.lat, request.featureId ?? null, drawn.map((l) => l.key)]),
      subject: 'enquiry',
      missing: 'enquiry: no answer',
      load: () =>
        Promise.all([
          fetchEnquiry(request.lon, request.lat, drawn.map((l) => l.key)),
          request.featureId ? fetchFeature(request.featureId) : Promise.resolve(null),
        ]).then(([enquiry, feature]) => ({ enquiry, feature })),
    },
    onError,
  );
  const [mapDrawn, setMapDrawn] = useState(false);

  // Ready when both the map image and the answer are on the page.
  useEffect(() => {
    if (mapDrawn && data) onDrawn();
  }, [mapDrawn, data, onDrawn]);

  const zoom = zoomForScale(request.scale, request.lat);
  // The parcel at the place is outlined with its 地番 unless the sheet is about another feature.
  const parcel = data?.enquiry.parcel ?? null;
  const highlight = data?.feature?.geometry ?? parcel?.geometry ?? null;
  // The 地番 on the parcel's upper edge, clear of the place marker.
  const labels = useMemo(() => {
    const b = parcel ? geometryBounds(parcel.geometry) : null;
    return parcel && b ? [{ position: [(b[0] + b[2]) / 2, b[3]] as [number, number], text: parcel.label }] : undefined;
  }, [parcel]);
  return (
    <>
      <SheetHeader title={t('enquirySheetTitle')} subtitle={data?.enquiry.town ?? ''} date={request.date} />
      <div className="sheet-body">
        <div className="sheet-map-frame">
          {data && (
            <SheetMap
              config={config}
              center={[request.lon, request.lat]}
              zoom={zoom}
              scale={request.scale}
              frameMm={paper.mapMm}
              layers={drawn}
              rasters={rasters}
              highlight={highlight}
              labels={labels}
              marker
              onDrawn={() => setMapDrawn(true)}
              onError={onError}
            />
          )}
        </div>
        <div className="sheet-side">
          <section aria-labelledby="sheet-answer">
            <h2 id="sheet-answer">{t('enquiryAnswerTitle')}</h2>
            {data && <EnquiryAnswer enquiry={data.enquiry} layersByKey={layersByKey} feature={data.feature} today={request.date} />}
          </section>
          <section aria-labelledby="sheet-legend">
            <h2 id="sheet-legend">{t('sheetLegend')}</h2>
            <Legend layers={drawn} symbols={highlight ? ['place', 'highlight'] : ['place']} />
          </section>
        </div>
      </div>
      <SheetFooter settings={settings} scale={request.scale} paper={request.paper} planeSrid={data?.enquiry.planeSrid} />
    </>
  );
}
