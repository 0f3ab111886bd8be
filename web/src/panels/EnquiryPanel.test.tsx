import { renderToStaticMarkup } from 'react-dom/server';
import { todayInJapan } from '#domain/dates';
import { I18nProvider } from '../i18n';
import { EnquiryPanel } from './EnquiryPanel';

const place = { lon: 140.1676, lat: 35.6698, feature: null };
const dateField = (dateStyle: 'wareki' | 'iso') =>
  renderToStaticMarkup(
    <I18nProvider lang="ja" dateStyle={dateStyle}>
      <EnquiryPanel place={place} visibleLayers={[]} layersByKey={new Map()} />
    </I18nProvider>,
  ).match(/<input id="[^"]*-date"[^>]*>/)?.[0];

test("the enquiry sheet's date is typed in the user's date style: 和暦 text, or the ISO date picker", () => {
  const [y, m, d] = todayInJapan().split('-').map(Number);
  const reiwa = y - 2018;
  expect(dateField('wareki')).toContain('type="text"');
  expect(dateField('wareki')).toContain(`value="令和${reiwa === 1 ? '元' : reiwa}年${m}月${d}日"`);
  expect(dateField('iso')).toContain('type="date"');
  expect(dateField('iso')).toContain(`value="${todayInJapan()}"`);
});
