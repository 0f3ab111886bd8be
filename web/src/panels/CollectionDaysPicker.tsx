// 収集曜日 picker: weekdays, and optionally which weeks of the month (第2・第4水). It writes the stored text format
// (domain/collection.ts) into the field, which stays editable as text.
import { formatSchedule, parseSchedule, type CollectionSchedule } from '#domain/collection';
import { useI18n } from '../i18n';

/** Monday first, as Japanese calendars and collection notices list them. */
const DAY_ORDER = [1, 2, 3, 4, 5, 6, 0];
const DAY_NAMES = ['日', '月', '火', '水', '木', '金', '土'];
const WEEKS = [1, 2, 3, 4, 5];

interface Props {
  value: unknown;
  label: string;
  disabled?: boolean;
  onChange: (text: string) => void;
}

/** What the picker shows for a value: the schedule's weeks (none = every week) and weekdays. */
export function pickerStateOf(value: unknown): { weeks: number[]; days: number[] } {
  const schedule = typeof value === 'string' ? parseSchedule(value) : null;
  if (!schedule) return { weeks: [], days: [] };
  if (schedule.nth.length) return { weeks: schedule.nth.map((r) => r.n), days: [schedule.nth[0].weekday] };
  return { weeks: [], days: schedule.weekdays };
}

/** The schedule text after choosing weeks and days; with weeks there is one weekday (the last chosen). */
export function scheduleText(weeks: number[], days: number[]): string {
  const schedule: CollectionSchedule = weeks.length && days.length
    ? { weekdays: [], nth: weeks.map((n) => ({ n, weekday: days[days.length - 1] })) }
    : { weekdays: weeks.length ? [] : days, nth: [] };
  return formatSchedule(schedule);
}

const toggle = (list: number[], item: number) => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);

export function CollectionDaysPicker({ value, label, disabled, onChange }: Props) {
  const { t } = useI18n();
  const { weeks, days } = pickerStateOf(value);
  return (
    <div className="collection-picker" role="group" aria-label={t('collectionPicker', { label })}>
      <div className="button-row" role="group" aria-label={t('collectionWeeks')}>
        <button type="button" className="small" aria-pressed={weeks.length === 0} disabled={disabled} onClick={() => onChange(scheduleText([], days))}>
          {t('collectionEveryWeek')}
        </button>
        {WEEKS.map((n) => (
          <button key={n} type="button" className="small" aria-pressed={weeks.includes(n)} disabled={disabled} onClick={() => onChange(scheduleText(toggle(weeks, n).sort(), days))}>
            {t('collectionNthWeek', { n })}
          </button>
        ))}
      </div>
      <div className="button-row" role="group" aria-label={t('collectionWeekdays')}>
        {DAY_ORDER.map((d) => (
          <button
            key={d}
            type="button"
            className="small"
            aria-pressed={days.includes(d)}
            disabled={disabled}
            // With weeks of the month, one weekday: choosing another replaces it.
            onClick={() => onChange(scheduleText(weeks, weeks.length ? (days.includes(d) ? [] : [d]) : toggle(days, d)))}
          >
            {DAY_NAMES[d]}
          </button>
        ))}
      </div>
    </div>
  );
}
