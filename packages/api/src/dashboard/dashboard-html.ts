import { createHash } from 'node:crypto';
import { catalogs, fallbackLanguage, type MessageKey, translatorFor } from '@bonrelay/locale';
import { clientAlarm } from './client-alarm.ts';
import { clientCore } from './client-core.ts';
import { clientFallback } from './client-fallback.ts';
import { clientHeld } from './client-held.ts';
import { clientLive } from './client-live.ts';
import { clientOrders } from './client-orders.ts';
import { clientSay } from './client-say.ts';
import { clientStatus } from './client-status.ts';
import { clientTimeline } from './client-timeline.ts';
import { clientUnreadable } from './client-unreadable.ts';
import { clientWixHealth } from './client-wix-health.ts';
import { dashboardMarkup } from './dashboard-markup.ts';
import { dashboardStyle } from './dashboard-style.ts';

export interface DashboardOptions {
  /** Shown in the header, so staff can tell support which bonrelay they run. */
  readonly version: string;
  /** BCP 47 locale of the page's words, dates and numbers, and its `lang`. */
  readonly locale: string;
}

const dashboardKeys = (Object.keys(catalogs[fallbackLanguage] ?? {}) as MessageKey[]).filter((key) =>
  key.startsWith('dashboard.'),
);

// The page's messages, parsed here, as a script literal: `<` escaped so no text can end the script.
function messagesFor(locale: string): string {
  const { parsed } = translatorFor(locale);
  const messages = Object.fromEntries(dashboardKeys.map((key) => [key, parsed(key)]));
  return JSON.stringify(messages).replace(/</g, '\\u003c');
}

function scriptFor(locale: string): string {
  const messages = `const messages = ${messagesFor(locale)};\n`;
  return `(() => {\n'use strict';\n${messages}${clientSay}${clientCore}${clientStatus}${clientUnreadable}${clientWixHealth}${clientOrders}${clientHeld}${clientFallback}${clientAlarm}${clientTimeline}${clientLive}})();\n`;
}

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * Nothing may load from anywhere but this service, and only this exact script and style may run —
 * even a ticket text that slipped into markup could not execute.
 */
function contentSecurityPolicy(script: string): string {
  return [
    "default-src 'none'",
    `script-src ${sha256(script)}`,
    `style-src ${sha256(dashboardStyle)}`,
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * The offline-status page a restaurant manager keeps open on a tablet: one self-contained document
 * (no build step, nothing from the internet — it must work exactly when the internet is down),
 * in the restaurant's language.
 */
export function dashboardHtml(options: DashboardOptions): string {
  const { say } = translatorFor(options.locale);
  const script = scriptFor(options.locale);
  return `<!doctype html>
<html lang="${escapeHtml(options.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(script)}">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(say('dashboard.title'))}</title>
<link rel="icon" href="data:,">
<style>${dashboardStyle}</style>
</head>
<body>
${dashboardMarkup(escapeHtml(options.version), (key) => escapeHtml(say(key)))}
<script>${script}</script>
</body>
</html>
`;
}
