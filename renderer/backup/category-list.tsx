// Every category with what the scan found on the phone, a switch to include it, where it goes
// (always this computer; also one of the user's cloud destinations if they choose — off by
// default), or why it cannot be backed up.
import type { CategoryScan, DestinationView } from '../../preload/contract/api.ts';
import { categoryLabel } from '../components/category-label.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function CategoryList({ categories, selected, onToggle, disabled, destinations, targets, onTarget }: {
  categories: CategoryScan[];
  selected: ReadonlySet<string>;
  onToggle(category: string, on: boolean): void;
  disabled: boolean;
  /** The user's cloud destinations; empty until they add one. */
  destinations: DestinationView[];
  /** category → cloud destination it is also sent to. */
  targets: Readonly<Record<string, string>>;
  onTarget(category: string, destination: string): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <ul className="category-list">
      {categories.map((scan) => {
        const id = `category-${scan.category}`;
        const available = scan.state === 'ok';
        const label = categoryLabel(t, scan.category);
        return (
          <li key={scan.category} className="category-row" data-state={scan.state}>
            <input id={id} type="checkbox" role="switch" className="switch" checked={available && selected.has(scan.category)}
              disabled={disabled || !available} aria-describedby={`${id}-figures`}
              onChange={(event) => onToggle(scan.category, event.target.checked)} />
            <label htmlFor={id} className="category-name">{label}</label>
            <span id={`${id}-figures`} className="category-figures">
              {available ? (
                <>
                  <span>{t('backup.items', { n: i18n.formatNumber(scan.items) })}</span>
                  {scan.bytes > 0 && <span className="muted">{i18n.formatBytes(scan.bytes)}</span>}
                </>
              ) : (
                <span className="category-reason" data-state={scan.state}>
                  <strong>{t(scan.state === 'not-allowed' ? 'backup.state.not-allowed' : scan.state === 'failed' ? 'backup.state.failed' : 'backup.state.not-available')}</strong>
                  {scan.message !== undefined && <span className="category-why">{scan.message}</span>}
                </span>
              )}
            </span>
            {available && (
              <span className="category-destinations">
                {destinations.length === 0 ? (
                  <>
                    <span className="badge">{t('backup.destination.local')}</span>
                    <span className="badge" data-tone="off">{t('backup.destination.cloud-off')}</span>
                  </>
                ) : (
                  <select className="select destination-select" value={targets[scan.category] ?? ''} disabled={disabled || !selected.has(scan.category)}
                    aria-label={t('backup.destination.for', { category: label })} onChange={(event) => onTarget(scan.category, event.target.value)}>
                    <option value="">{t('backup.destination.local-only')}</option>
                    {destinations.map((destination) => (
                      <option key={destination.name} value={destination.name}>{t('backup.destination.also', { name: destination.name })}</option>
                    ))}
                  </select>
                )}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
