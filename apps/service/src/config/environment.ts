/**
 * The `BONRELAY_*` variables an operator (or a test) sets, each mapped to the config key it
 * overrides. Kept as data so an error can name the variable the bad value came from.
 */
export interface EnvironmentOverride {
  readonly variable: string;
  readonly path: readonly string[];
  readonly parse: 'string' | 'port' | 'printer-url' | 'list';
}

export const environmentOverrides: readonly EnvironmentOverride[] = [
  { variable: 'BONRELAY_HOST', path: ['server', 'host'], parse: 'string' },
  { variable: 'BONRELAY_PORT', path: ['server', 'port'], parse: 'port' },
  { variable: 'BONRELAY_DATA_DIR', path: ['dataDir'], parse: 'string' },
  { variable: 'BONRELAY_PRINTER_URL', path: ['printers'], parse: 'printer-url' },
  { variable: 'BONRELAY_WIX_PUBLIC_KEY_FILE', path: ['wix', 'publicKeyFile'], parse: 'string' },
  { variable: 'BONRELAY_WIX_PUBLIC_KEY', path: ['wix', 'publicKey'], parse: 'string' },
  { variable: 'BONRELAY_WIX_API_BASE', path: ['wix', 'apiBase'], parse: 'string' },
  { variable: 'BONRELAY_WIX_API_KEY', path: ['wix', 'apiKey'], parse: 'string' },
  { variable: 'BONRELAY_WIX_SITE_ID', path: ['wix', 'siteId'], parse: 'string' },
  { variable: 'BONRELAY_API_TOKEN', path: ['api', 'token'], parse: 'string' },
  { variable: 'BONRELAY_INTERNET_PROBES', path: ['monitor', 'internetProbes'], parse: 'string' },
  { variable: 'BONRELAY_KEY_FILE', path: ['security', 'keyFile'], parse: 'string' },
  { variable: 'BONRELAY_LOG_LEVEL', path: ['logLevel'], parse: 'string' },
  { variable: 'BONRELAY_LOCALE', path: ['locale'], parse: 'string' },
  { variable: 'BONRELAY_PUBLIC_URL', path: ['server', 'publicUrl'], parse: 'string' },
  { variable: 'BONRELAY_SMTP_URL', path: ['alerts', 'email', 'smtpUrl'], parse: 'string' },
  { variable: 'BONRELAY_ALERT_EMAILS', path: ['alerts', 'email', 'to'], parse: 'list' },
  { variable: 'BONRELAY_ALERT_EMAIL_FROM', path: ['alerts', 'email', 'from'], parse: 'string' },
  { variable: 'BONRELAY_DATABASE_URL', path: ['database', 'url'], parse: 'string' },
  { variable: 'BONRELAY_ROLE', path: ['role'], parse: 'string' },
  { variable: 'BONRELAY_HUB_URL', path: ['hub', 'url'], parse: 'string' },
  { variable: 'BONRELAY_SITE_ID', path: ['hub', 'siteId'], parse: 'string' },
  { variable: 'BONRELAY_HUB_TOKEN', path: ['hub', 'token'], parse: 'string' },
];

/** Every `BONRELAY_*` name bonrelay reads: the config file's name and the overrides above. */
export const knownVariables: readonly string[] = [
  'BONRELAY_CONFIG',
  ...environmentOverrides.map((override) => override.variable),
];

/**
 * The namespace bonrelay leaves to its tests and benches (`BONRELAY_TEST_CHAOS_SEED`, …): they pass
 * through the same environment as the service, so config loading skips them by name.
 */
export const testVariablePrefix = 'BONRELAY_TEST_';

/** Turns one variable's text into the value its key expects (numbers stay text if not numeric, so zod names the problem). */
export function parseOverride(override: EnvironmentOverride, text: string): unknown {
  switch (override.parse) {
    case 'port':
      return /^\d+$/.test(text) ? Number(text) : text;
    case 'printer-url':
      return [{ name: 'printer', url: text }];
    case 'list':
      return text
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '');
    default:
      return text;
  }
}
