// An engine error as the user reads it. The engine writes its messages in English (the same words
// the command line and the logs use); in another language the interface first says what happened
// in that language, from the error's kind, then gives the engine's own words, marked as English so
// a screen reader pronounces them as such.
import type { ApiError } from '../../preload/contract/api.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function ErrorText({ error, inline = false }: { error: ApiError; inline?: boolean }) {
  const { t } = useI18n();
  return <EngineText summary={t(`error.kind.${error.kind}`)} detail={error.message} inline={inline} />;
}

/** `summary` (already in the interface's language) then the engine's English `detail`; English alone in English. */
export function EngineText({ summary, detail, inline = false }: { summary: string; detail: string; inline?: boolean }) {
  const { language, t } = useI18n();
  const Tag = inline ? 'span' : 'p';
  if (language === 'en') return <Tag>{detail}</Tag>;
  return (
    <Tag>
      {summary}{' '}
      <span className="error-detail">
        {t('error.details')} <span lang="en">{detail}</span>
      </span>
    </Tag>
  );
}
