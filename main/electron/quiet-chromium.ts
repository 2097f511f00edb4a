// Chromium inside Electron has background services that would talk to the network on their own:
// dictionary downloads for the spellchecker, component updates, domain reliability reports,
// hyperlink auditing pings, DNS prefetching and DNS-over-HTTPS lookups. Vitre turns every one of
// them off, so the only traffic is what the user asked for (and it shows in Activity).
import type { App, Session } from 'electron';

/** Command-line switches, applied before the app is ready (Chromium reads them at start-up). */
export const QUIET_SWITCHES: ReadonlyArray<readonly [string, string?]> = [
  ['disable-background-networking'],
  ['disable-component-update'],
  ['disable-domain-reliability'],
  ['disable-breakpad'],
  ['no-pings'],
  ['dns-prefetch-disable'],
  ['disable-features', 'SafeBrowsing,SpareRendererForSitePerProcess,OptimizationHints,MediaRouter,DnsOverHttps'],
];

export function quietChromiumSwitches(app: Pick<App, 'commandLine'>): void {
  for (const [name, value] of QUIET_SWITCHES) {
    if (value === undefined) app.commandLine.appendSwitch(name);
    else app.commandLine.appendSwitch(name, value);
  }
}

/** After ready: the system resolver only (no secure DNS), and no spellchecker downloads. */
export function quietChromiumSession(app: Pick<App, 'configureHostResolver'>, target: Pick<Session, 'setSpellCheckerEnabled'>): void {
  app.configureHostResolver({ secureDnsMode: 'off', enableBuiltInResolver: false });
  target.setSpellCheckerEnabled(false);
}
