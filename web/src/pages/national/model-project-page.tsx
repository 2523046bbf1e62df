import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type ModelType, useAdvanceStep, useModelMembers, useSelectModelMember } from '../../api/national.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { SuccessNotice } from '../../components/notice.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { usePageTitle } from '../../components/page-title.ts';

const TYPES: ModelType[] = ['A', 'B', 'C'];

/** `/national/model-project`: select 10–20 municipalities and their types, follow their steps, open reports. */
export function ModelProjectPage() {
  const { t } = useTranslation();
  usePageTitle(t('national.model.title'));
  const members = useModelMembers();
  const select = useSelectModelMember();
  const advance = useAdvanceStep();
  const ids = { code: useId(), type: useId(), hint: useId() };
  const [code, setCode] = useState('');
  const [type, setType] = useState<ModelType>('A');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    select.mutate({ code: code.trim(), type });
  };
  const data = members.data;

  return (
    <div>
      <PageHeading>{t('national.model.title')}</PageHeading>
      <p className="mb-6 max-w-prose">{t('national.model.lead')}</p>
      {members.isError && <ErrorNotice title={t('national.loadError')} error={members.error} />}
      {data && (
        <p className="mb-4" role="status">
          {t('national.model.count', { n: data.items.length, min: data.limits.min, max: data.limits.max })}
        </p>
      )}
      {advance.isError && <ErrorNotice title={t('national.model.stepFailed')} error={advance.error} />}
      {data && (
        <div className="mb-8 overflow-x-auto">
          <table className="w-full text-left">
            <caption className="sr-only">{t('national.model.title')}</caption>
            <thead>
              <tr className="border-b border-solid-gray-420">
                <th scope="col" className="py-2 pr-4">
                  {t('national.model.name')}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t('national.model.type')}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t('national.model.step')}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t('national.model.missing')}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t('national.model.actions')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((m) => (
                <tr key={m.code} className="border-b border-solid-gray-420 align-top">
                  <td className="py-2 pr-4">{m.fullName}</td>
                  <td className="py-2 pr-4">{t(`national.model.types.${m.type}`)}</td>
                  <td className="py-2 pr-4">{t(`national.model.steps.step${m.step as 1 | 2 | 3}`)}</td>
                  <td className="py-2 pr-4">
                    {m.missingItems.length === 0
                      ? t('national.model.complete')
                      : m.missingItems.map((item) => t(`national.plan.items.${item as 'regionalIssues'}`)).join('、')}
                  </td>
                  <td className="py-2 pr-4">
                    <div className="flex flex-wrap gap-2">
                      <Link
                        to={`/national/model-project/${m.code}/report`}
                        className="inline-flex min-h-11 items-center"
                      >
                        {t('national.model.report', { name: m.fullName })}
                      </Link>
                      {m.step < 3 && (
                        <button
                          type="button"
                          className="button-secondary"
                          disabled={advance.isPending}
                          onClick={() => advance.mutate({ code: m.code, step: m.step + 1 })}
                        >
                          {t('national.model.advance', { name: m.fullName, step: m.step + 1 })}
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section
        aria-labelledby={`${ids.code}-heading`}
        className="max-w-2xl rounded-16 border border-solid-gray-420 p-4 md:p-6"
      >
        <h2 id={`${ids.code}-heading`} className="mb-3 text-std-20B-150">
          {t('national.model.selectTitle')}
        </h2>
        {select.isSuccess && (
          <SuccessNotice>{t('national.model.selected', { name: select.data.fullName })}</SuccessNotice>
        )}
        {select.isError && <ErrorNotice title={t('national.model.selectFailed')} error={select.error} />}
        <form onSubmit={onSubmit} className="flex flex-col gap-4">
          <div>
            <label htmlFor={ids.code} className="block text-std-16B-170">
              {t('national.model.code')}
            </label>
            <p id={ids.hint} className="text-dns-14N-130 text-solid-gray-700">
              {t('national.model.codeHint')}
            </p>
            <input
              id={ids.code}
              className="field mt-2"
              inputMode="numeric"
              required
              maxLength={6}
              aria-describedby={ids.hint}
              value={code}
              onChange={(event) => setCode(event.target.value)}
            />
          </div>
          <div>
            <label htmlFor={ids.type} className="block text-std-16B-170">
              {t('national.model.type')}
            </label>
            <select
              id={ids.type}
              className="field mt-2 appearance-auto"
              value={type}
              onChange={(event) => setType(event.target.value as ModelType)}
            >
              {TYPES.map((value) => (
                <option key={value} value={value}>
                  {t(`national.model.types.${value}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button-primary self-start" disabled={select.isPending}>
            {t('national.model.select')}
          </button>
        </form>
      </section>
    </div>
  );
}
