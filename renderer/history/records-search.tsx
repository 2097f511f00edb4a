// The search box above a list of records.
import { useI18n } from '../i18n/i18n.tsx';

export function RecordsSearch({ value, onChange, label }: { value: string; onChange(value: string): void; label: string }) {
  const { t } = useI18n();
  return (
    <label className="records-search">
      <span className="visually-hidden">{label}</span>
      <input type="search" className="input" value={value} placeholder={t('history.records.search')} aria-label={label} onChange={(event) => onChange(event.target.value)} />
    </label>
  );
}
