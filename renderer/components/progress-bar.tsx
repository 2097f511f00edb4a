// A labelled progress bar: the share done, announced to screen readers as a percentage.
import './backup-pieces.css';
export function ProgressBar({ label, fraction, tone }: { label: string; fraction: number; tone?: 'success' | 'danger' }) {
  const percent = Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  return (
    <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} data-tone={tone}>
      <div className="progress-fill" style={{ width: `${percent}%` }} />
    </div>
  );
}
