// An attribute form generated from the layer's field definitions: Japanese labels, units,
// an input per field type (dates, enums as selects, numbers with their range), required marks,
// and each problem (the client's checks or the server's answer) next to the field it names.
import type { FieldDefinition, Layer } from '../api/model';
import type { DraftFeature } from '../editing/graph';
import { useEditText, type EditMessageKey, type EditText } from '../editing/messages';
import { formatInput, parseInput, type FieldProblem } from '../editing/validate';
import { useI18n } from '../i18n';
import { formatValue } from './format';
import { DateInput } from './DateInput';
import { CollectionDaysPicker } from './CollectionDaysPicker';

// The value codes of the shared rules; the definition codes (fieldKey …) never reach an attribute form.
const PROBLEM_MESSAGE: Partial<Record<FieldProblem['code'], EditMessageKey>> = {
  required: 'problemRequired',
  text: 'problemText',
  characters: 'problemCharacters',
  maxLength: 'problemMaxLength',
  number: 'problemNumber',
  integer: 'problemInteger',
  min: 'problemMin',
  max: 'problemMax',
  date: 'problemDate',
  boolean: 'problemBoolean',
  enum: 'problemEnum',
  collectionDays: 'problemCollectionDays',
  unknownField: 'problemUnknownField',
  server: 'problemServer',
};

export function problemText(te: EditText, problem: FieldProblem): string {
  const key = PROBLEM_MESSAGE[problem.code];
  return key ? te(key, problem.params) : te('problemServer', { message: String(problem.params.message ?? problem.code) });
}

interface Props {
  layer: Layer;
  feature: DraftFeature;
  problems: FieldProblem[];
  readOnly?: boolean;
  onChange(field: FieldDefinition, value: unknown): void;
}

export function AttributeForm({ layer, feature, problems, readOnly, onChange }: Props) {
  const i18n = useI18n();
  const te = useEditText();
  const idBase = `attr-${feature.key}`;
  return (
    <form className="attribute-form" onSubmit={(e) => e.preventDefault()} noValidate>
      {layer.fields.map((field) => {
        const id = `${idBase}-${field.key}`;
        const value = feature.attributes[field.key];
        const mine = problems.filter((p) => p.field === field.key);
        const label = i18n.fieldLabel(field);
        if (field.computed) {
          return (
            <div key={field.key} className="form-row computed">
              <span className="form-label">
                {label} <span className="muted">({te('computedNote')})</span>
              </span>
              <span className="form-value">{formatValue(field, value, i18n)}</span>
            </div>
          );
        }
        const common = {
          id,
          name: field.key,
          disabled: readOnly,
          'aria-invalid': mine.length > 0 || undefined,
          'aria-describedby': mine.length ? `${id}-problems` : undefined,
          'aria-required': field.required || undefined,
          'data-field': field.key,
        };
        let input;
        switch (field.type) {
          case 'ENUM':
            input = (
              <select {...common} value={formatInput(value)} onChange={(e) => onChange(field, e.target.value)}>
                <option value="">{te('noValue')}</option>
                {(field.options ?? []).map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
                {/* A stored value no longer among the options stays visible (and is reported). */}
                {typeof value === 'string' && value && !(field.options ?? []).includes(value) && <option value={value}>{value}</option>}
              </select>
            );
            break;
          case 'BOOLEAN':
            input = (
              <select {...common} value={value === true ? 'true' : value === false ? 'false' : ''} onChange={(e) => onChange(field, e.target.value === '' ? '' : parseInput(field, e.target.value))}>
                <option value="">{te('noValue')}</option>
                <option value="true">{i18n.t('yes')}</option>
                <option value="false">{i18n.t('no')}</option>
              </select>
            );
            break;
          case 'DATE':
            input = <DateInput {...common} value={value} onChange={(text) => onChange(field, parseInput(field, text))} />;
            break;
          case 'INTEGER':
          case 'NUMBER':
            input = (
              <input
                {...common}
                type="text"
                inputMode={field.type === 'INTEGER' ? 'numeric' : 'decimal'}
                value={formatInput(value)}
                onChange={(e) => onChange(field, parseInput(field, e.target.value))}
              />
            );
            break;
          default:
            input =
              field.format === 'collectionDays' ? (
                <>
                  <input {...common} type="text" value={formatInput(value)} onChange={(e) => onChange(field, parseInput(field, e.target.value))} />
                  <CollectionDaysPicker value={value} label={i18n.fieldLabel(field)} disabled={readOnly} onChange={(text) => onChange(field, parseInput(field, text))} />
                </>
              ) : (field.maxLength ?? 1000) > 100 ? (
                <textarea {...common} rows={2} value={formatInput(value)} onChange={(e) => onChange(field, parseInput(field, e.target.value))} />
              ) : (
                <input {...common} type="text" value={formatInput(value)} onChange={(e) => onChange(field, parseInput(field, e.target.value))} />
              );
        }
        const range =
          field.min != null && field.max != null
            ? te('rangeHint', { min: field.min, max: field.max })
            : field.min != null
              ? `≥ ${field.min}`
              : field.max != null
                ? `≤ ${field.max}`
                : null;
        return (
          <div key={field.key} className={`form-row${mine.length ? ' invalid' : ''}`}>
            <label htmlFor={id} className="form-label">
              {label}
              {field.required && (
                <span className="required-mark" title={te('required')}>
                  {' '}*<span className="visually-hidden">{te('required')}</span>
                </span>
              )}
            </label>
            <span className="form-input">
              {input}
              {field.unit && <span className="unit">{field.unit}</span>}
            </span>
            {range && <span className="muted form-hint">{range}</span>}
            {mine.length > 0 && (
              <ul className="field-problems" id={`${id}-problems`} data-testid={`problem-${field.key}`}>
                {mine.map((p, i) => (
                  <li key={i} className="error">
                    {problemText(te, p)}
                  </li>
                ))}
              </ul>
            )}
          </div>
        );
      })}
    </form>
  );
}
