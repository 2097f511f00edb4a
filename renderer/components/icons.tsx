// Line icons (24×24, stroke = currentColor). Decorative: the text next to them carries the meaning.
import type { ReactNode } from 'react';

function Icon({ size = 20, children }: { size?: number; children: ReactNode }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8}
      strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

export const PhoneIcon = ({ size }: { size?: number }) => (
  <Icon size={size}><rect x="6" y="2.5" width="12" height="19" rx="2.5" /><path d="M10.5 18.5h3" /></Icon>
);
export const BackupIcon = ({ size }: { size?: number }) => (
  <Icon size={size}><path d="M12 15V4" /><path d="m7.5 8.5 4.5-4.5 4.5 4.5" /><path d="M4 14v4.5A1.5 1.5 0 0 0 5.5 20h13a1.5 1.5 0 0 0 1.5-1.5V14" /></Icon>
);
export const HistoryIcon = ({ size }: { size?: number }) => (
  <Icon size={size}><path d="M3.5 12a8.5 8.5 0 1 0 2.5-6" /><path d="M3.5 4v4h4" /><path d="M12 7.5V12l3 2" /></Icon>
);
export const ActivityIcon = ({ size }: { size?: number }) => (
  <Icon size={size}><path d="M3 12h4l2.5-6 5 12 2.5-6h4" /></Icon>
);
export const SettingsIcon = ({ size }: { size?: number }) => (
  <Icon size={size}><circle cx="12" cy="12" r="3" /><path d="M12 2.5v2.5M12 19v2.5M4.6 4.6l1.8 1.8M17.6 17.6l1.8 1.8M2.5 12H5M19 12h2.5M4.6 19.4l1.8-1.8M17.6 6.4l1.8-1.8" /></Icon>
);
export const CloudIcon = ({ size }: { size?: number }) => (
  <Icon size={size}><path d="M7 18.5h10.5a4 4 0 0 0 .6-7.96A6 6 0 0 0 6.4 9.6 4.5 4.5 0 0 0 7 18.5Z" /></Icon>
);
export const UsbIcon = ({ size }: { size?: number }) => (
  <Icon size={size}><path d="M12 3v14" /><path d="m9.5 5.5 2.5-2.5 2.5 2.5" /><path d="M12 13.5 7.5 11V8.5" /><path d="m12 15.5 4.5-2.5V10" /><rect x="15" y="8" width="3" height="2.5" /><circle cx="7.5" cy="7.5" r="1.3" /><circle cx="12" cy="19" r="2" /></Icon>
);
export const WifiIcon = ({ size }: { size?: number }) => (
  <Icon size={size}><path d="M2.5 9a14 14 0 0 1 19 0" /><path d="M5.5 12.5a9.5 9.5 0 0 1 13 0" /><path d="M8.8 16a4.7 4.7 0 0 1 6.4 0" /><circle cx="12" cy="19.2" r="0.8" fill="currentColor" /></Icon>
);
export const SimulatedIcon = ({ size }: { size?: number }) => (
  <Icon size={size}><rect x="6" y="2.5" width="12" height="19" rx="2.5" strokeDasharray="3 2.2" /><path d="M10 9.5 12 8l2 1.5v3L12 14l-2-1.5z" /></Icon>
);
export const WarningIcon = ({ size }: { size?: number }) => (
  <Icon size={size}><path d="M12 3.5 2.5 20h19z" /><path d="M12 10v4.5" /><circle cx="12" cy="17.3" r="0.6" fill="currentColor" /></Icon>
);
export const BatteryIcon = ({ size }: { size?: number }) => (
  <Icon size={size}><rect x="2.5" y="7" width="17" height="10" rx="2" /><path d="M22 10.5v3" /></Icon>
);
export const LightningIcon = ({ size }: { size?: number }) => (
  <Icon size={size}><path d="M13 2.5 5.5 13.5H11l-1 8 7.5-11H12z" /></Icon>
);
export const LogoMark = ({ size = 34 }: { size?: number }) => (
  <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
    <rect x="2" y="2" width="28" height="28" rx="7" fill="var(--accent)" />
    <path d="M16 7.5v17M7.5 16h17" stroke="var(--on-accent)" strokeWidth="2.4" strokeLinecap="round" />
    <path d="M9.8 9.8l3.6 3.6" stroke="var(--on-accent)" strokeOpacity=".55" strokeWidth="2" strokeLinecap="round" />
  </svg>
);
