import { useTranslation } from 'react-i18next';
import { FORM_FIELD_TYPES, type FormField } from '../../../api/admin-measures.ts';
import { Checkbox } from '../form-parts.tsx';
import { TextField } from '../opportunities/fields.tsx';

/** The questions of a subsidy's application form; each gets a stable id the answers are stored under. */
export function FormFieldsEditor({ fields, onChange }: { fields: FormField[]; onChange: (f: FormField[]) => void }) {
  const { t } = useTranslation();
  const change = (index: number, patch: Partial<FormField>) =>
    onChange(fields.map((f, i) => (i === index ? { ...f, ...patch } : f)));
  const add = () => {
    const used = new Set(fields.map((f) => f.id));
    let n = fields.length + 1;
    while (used.has(`q${n}`)) n++;
    onChange([...fields, { id: `q${n}`, label: '', type: 'text', required: true }]);
  };
  return (
    <fieldset className="flex flex-col gap-4">
      <legend className="mb-2 text-std-16B-170">{t('adminMeasures.form.formFields')}</legend>
      <p className="text-dns-14N-130 text-solid-gray-700">{t('adminMeasures.form.formFieldsHint')}</p>
      {fields.map((field, index) => (
        <div key={field.id} className="rounded-8 border border-solid-gray-420 p-4">
          <TextField
            label={t('adminMeasures.form.question', { n: index + 1 })}
            value={field.label}
            required
            maxLength={100}
            onChange={(label) => change(index, { label })}
          />
          <label className="mt-3 block text-std-16B-170">
            {t('adminMeasures.form.answerType', { n: index + 1 })}
            <select
              className="field mt-2 appearance-auto"
              value={field.type}
              onChange={(event) => change(index, { type: event.target.value as FormField['type'] })}
            >
              {FORM_FIELD_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`adminMeasures.fieldType.${type}`)}
                </option>
              ))}
            </select>
          </label>
          <Checkbox
            label={t('adminMeasures.form.questionRequired')}
            checked={field.required ?? true}
            onChange={(required) => change(index, { required })}
          />
          <button type="button" className="link-button" onClick={() => onChange(fields.filter((_, i) => i !== index))}>
            {t('adminMeasures.form.removeQuestion', { n: index + 1 })}
          </button>
        </div>
      ))}
      <div>
        <button type="button" className="button-secondary" onClick={add}>
          {t('adminMeasures.form.addQuestion')}
        </button>
      </div>
    </fieldset>
  );
}
