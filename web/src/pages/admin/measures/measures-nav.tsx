import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useConsole } from '../console-context.ts';

/** The three parts of support measures: the measures, the subsidy applications, and the uses at partners. */
export function MeasuresNav() {
  const { t } = useTranslation();
  const admin = useConsole();
  const links = [
    { to: admin.path('measures'), label: t('adminMeasures.nav.measures'), shown: true },
    {
      to: admin.path('measures/applications'),
      label: t('adminMeasures.nav.applications'),
      shown: admin.can('subsidy.review'),
    },
    { to: admin.path('measures/uses'), label: t('adminMeasures.nav.uses'), shown: admin.can('redemption.read') },
  ].filter((l) => l.shown);
  return (
    <nav aria-label={t('adminMeasures.nav.label')} className="mb-6">
      <ul className="flex flex-wrap gap-x-4">
        {links.map((link) => (
          <li key={link.to}>
            <NavLink
              to={link.to}
              end
              className="inline-flex min-h-11 items-center aria-[current=page]:font-bold aria-[current=page]:no-underline"
            >
              {link.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
