// The counter's answer for a place (窓口案内): town, city road, nearest street light's 管理自治会,
// nearest garbage point's collection days. Shown in the enquiry panel and on the printed sheet.
import type { Enquiry, ParcelAnswer } from '../api/ledger';
import type { Feature, FeatureRef, Layer } from '../api/model';
import { useI18n, type I18n } from '../i18n';
import { featureTitle } from './IdentifyPanel';
import { planeZoneName } from '#domain/planeZones';
import { centimetres, widthRange } from './ledgerFormat';
import { nextDatesText } from './FeatureDetails';

interface Props {
  enquiry: Enquiry;
  layersByKey: Map<string, Layer>;
  /** The feature the sheet is about, when one was selected. */
  feature?: Feature | null;
  /** The day the next collection dates count from (a sheet's date); today in Japan by default. */
  today?: string;
}

function text(value: unknown): string {
  return value === null || value === undefined || value === '' ? '—' : String(value);
}

function distance(hit: FeatureRef, i18n: I18n): string {
  return i18n.t('aboutMetres', { distance: i18n.formatNumber(Math.round(hit.distanceM), 0) });
}

export function EnquiryAnswer({ enquiry, layersByKey, feature, today }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const { route, streetLight, garbagePoint, curveMirror } = enquiry;
  const title = (hit: FeatureRef) => featureTitle(hit.feature, layersByKey.get(hit.feature.layerKey));
  const plane = (n: number) => centimetres(n, i18n.lang);
  return (
    <table className="enquiry-answer">
      <tbody>
        {feature && (
          <tr data-row="feature">
            <th scope="row">{t('enquiryFeature')}</th>
            <td>
              {layersByKey.get(feature.layerKey) ? i18n.layerName(layersByKey.get(feature.layerKey)!) : feature.layerKey}{' '}
              {featureTitle(feature, layersByKey.get(feature.layerKey))}
            </td>
          </tr>
        )}
        {enquiry.parcel && <ParcelRows parcel={enquiry.parcel} />}
        <tr data-row="town">
          <th scope="row">{t('enquiryTown')}</th>
          <td>{text(enquiry.town)}</td>
        </tr>
        <tr data-row="plane">
          <th scope="row">{t('enquiryPlane', { zone: planeZoneName(enquiry.planeSrid) })}</th>
          <td>
            X {plane(enquiry.planeX)} m, Y {plane(enquiry.planeY)} m
          </td>
        </tr>
        <tr data-row="route">
          <th scope="row">{t('enquiryRoute')}</th>
          <td>
            {route ? (
              <>
                <span className="answer-main" data-route-no={route.routeNo}>
                  {t('routeNumbered', { routeNo: route.routeNo })} {route.routeName ?? ''}
                </span>
                <span className="answer-detail">
                  {t('roadClass')}: {text(route.roadClass)} / {t('roadWidth')}: {widthRange(route.widthMinM, route.widthMaxM, i18n)} / {t('routeLength')}:{' '}
                  {i18n.formatNumber(route.lengthM, 1)} m
                </span>
              </>
            ) : (
              t('enquiryNoRoute')
            )}
          </td>
        </tr>
        <tr data-row="street-light">
          <th scope="row">{t('enquiryStreetLight')}</th>
          <td>
            {streetLight ? (
              <>
                <span className="answer-main">
                  {t('associationIs', { association: text(streetLight.feature.attributes.association) })}
                </span>
                <span className="answer-detail">
                  {t('managementNo')}: {title(streetLight)} ({distance(streetLight, i18n)})
                </span>
              </>
            ) : (
              t('enquiryNoStreetLight')
            )}
          </td>
        </tr>
        <tr data-row="garbage-point">
          <th scope="row">{t('enquiryGarbage')}</th>
          <td>
            {garbagePoint ? (
              <>
                <span className="answer-main">
                  {t('burnable')}: {text(garbagePoint.feature.attributes.burnable_days)} / {t('nonBurnable')}:{' '}
                  {text(garbagePoint.feature.attributes.non_burnable_days)} / {t('recyclable')}: {text(garbagePoint.feature.attributes.recyclable_days)}
                </span>
                {/* What citizens ask: when is the next one (public holidays and the year end skipped). */}
                {(['burnable', 'nonBurnable', 'recyclable'] as const).map((kind) => {
                  const key = { burnable: 'burnable_days', nonBurnable: 'non_burnable_days', recyclable: 'recyclable_days' }[kind];
                  const next = nextDatesText(garbagePoint.feature.attributes[key], i18n, today);
                  return next ? (
                    <span key={kind} className="answer-detail" data-next-collection={kind}>
                      {t(kind)} {next}
                    </span>
                  ) : null;
                })}
                <span className="answer-detail">
                  {t('pointNo')}: {title(garbagePoint)} ({distance(garbagePoint, i18n)})
                </span>
              </>
            ) : (
              t('enquiryNoGarbage')
            )}
          </td>
        </tr>
        {curveMirror && (
          <tr data-row="curve-mirror">
            <th scope="row">{t('enquiryMirror')}</th>
            <td>
              {t('managementNo')}: {title(curveMirror)} ({distance(curveMirror, i18n)})
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

/** The parcel (地番) at the place: 地目, 地積 and boundary determinations, and the city roads along it (接道). */
function ParcelRows({ parcel }: { parcel: ParcelAnswer }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <>
      <tr data-row="parcel">
        <th scope="row">{t('enquiryParcel')}</th>
        <td>
          <span className="answer-main" data-parcel={parcel.label}>
            {parcel.label}
          </span>
          <span className="answer-detail">
            {t('enquiryLandCategory')}: {text(parcel.landCategory)} / {t('enquiryRegisteredArea')}:{' '}
            {parcel.registeredAreaM2 === null ? '—' : `${i18n.formatNumber(parcel.registeredAreaM2, 2)} m²`} /{' '}
            <span data-row="parcel-boundary-records">
              {t('enquiryBoundaryRecordsOfParcel')}:{' '}
              {parcel.boundaryRecords.length === 0
                ? t('enquiryNoBoundaryRecords')
                : parcel.boundaryRecords.map((r) => `${text(r.recordNo)} (${text(r.determinedOn)})`).join(', ')}
            </span>
          </span>
        </td>
      </tr>
      <tr data-row="frontage">
        <th scope="row">{t('enquiryFrontage')}</th>
        <td>
          {parcel.roadFrontage.length === 0
            ? t('enquiryNoFrontage')
            : parcel.roadFrontage.map((f) => (
              <span key={f.routeNo} className="answer-main" data-route-no={f.routeNo}>
                {t('routeNumbered', { routeNo: f.routeNo })} {f.routeName ?? ''}{' '}
                <span className="answer-detail">
                  {t('enquiryFrontageDetail', {
                    roadClass: text(f.roadClass), width: widthRange(f.widthMinM, f.widthMaxM, i18n), length: i18n.formatNumber(f.frontageM, 1),
                  })}
                </span>
              </span>
            ))}
        </td>
      </tr>
    </>
  );
}
