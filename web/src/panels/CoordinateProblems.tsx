// Lines of a pasted coordinate table that the server could not read, in the user's language.
// The server gives each a code and params (server/src/domain/survey.ts) beside its English message,
// both in the parseCoordinateTable preview and in the BAD_USER_INPUT of a refused save.
import type { LineProblem } from '../api/ledger';
import { useI18n, type I18n } from '../i18n';
import type { MessageKey } from '../i18n/ja';

/** Known codes: the message and the params it needs. Any other code shows the server's message. */
const LINE_TEXTS: ReadonlyMap<string, [MessageKey, string[]]> = new Map([
  ['columns', ['lineColumns', ['count']]],
  ['notNumber', ['lineNotNumber', ['axis']]],
  ['decimals', ['lineDecimals', ['axis', 'value']]],
  ['outsideZone', ['lineOutsideZone', ['axis', 'value', 'limit']]],
  ['markerLength', ['lineMarkerLength', ['max']]],
  ['duplicateName', ['lineDuplicateName', ['name']]],
  ['duplicatePoint', ['lineDuplicatePoint', ['name', 'sameAs']]],
]);

/** "3行目: X座標が数値ではありません。" / "Line 3: X is not a number." */
export function lineProblemText(problem: LineProblem, i18n: Pick<I18n, 't' | 'formatNumber'>): string {
  const known = LINE_TEXTS.get(problem.code);
  const params = problem.params ?? {};
  if (!known || !known[1].every((name) => params[name] !== undefined && params[name] !== null)) {
    return i18n.t('lineProblem', { line: problem.line, message: problem.message });
  }
  const { limit } = params;
  return i18n.t(known[0], { ...params, line: problem.line, ...(typeof limit === 'number' ? { limit: i18n.formatNumber(limit, 0) } : {}) });
}

/** The line problems of a refused save (BAD_USER_INPUT extensions.problems), or [] when it names none. */
export function refusedLines(extensions: Record<string, unknown>): LineProblem[] {
  if (!Array.isArray(extensions.problems)) return [];
  return (extensions.problems as Record<string, unknown>[])
    .filter((p) => typeof p?.line === 'number')
    .map((p) => ({
      line: p.line as number,
      code: typeof p.code === 'string' ? p.code : '',
      params: typeof p.params === 'object' && p.params !== null ? (p.params as LineProblem['params']) : {},
      message: String(p.message ?? ''),
    }));
}

export function CoordinateProblems({ problems }: { problems: LineProblem[] }) {
  const i18n = useI18n();
  return (
    <ul className="coordinate-problems error" aria-label={i18n.t('badLines')}>
      {problems.map((p) => (
        <li key={`${p.line}:${p.code}:${p.message}`} data-line={p.line} data-code={p.code || undefined}>
          {lineProblemText(p, i18n)}
        </li>
      ))}
    </ul>
  );
}
