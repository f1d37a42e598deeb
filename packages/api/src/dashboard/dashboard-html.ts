import { createHash } from 'node:crypto';
import { clientAlarm } from './client-alarm.ts';
import { clientCore } from './client-core.ts';
import { clientFallback } from './client-fallback.ts';
import { clientHeld } from './client-held.ts';
import { clientLive } from './client-live.ts';
import { clientOrders } from './client-orders.ts';
import { clientStatus } from './client-status.ts';
import { clientTimeline } from './client-timeline.ts';
import { clientUnreadable } from './client-unreadable.ts';
import { dashboardMarkup } from './dashboard-markup.ts';
import { dashboardStyle } from './dashboard-style.ts';

export interface DashboardOptions {
  /** Shown in the header, so staff can tell support which bonrelay they run. */
  readonly version: string;
}

const script = `(() => {\n'use strict';\n${clientCore}${clientStatus}${clientUnreadable}${clientOrders}${clientHeld}${clientFallback}${clientAlarm}${clientTimeline}${clientLive}})();\n`;

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * Nothing may load from anywhere but this service, and only this exact script and style may run —
 * even a ticket text that slipped into markup could not execute.
 */
const contentSecurityPolicy = [
  "default-src 'none'",
  `script-src ${sha256(script)}`,
  `style-src ${sha256(dashboardStyle)}`,
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * The offline-status page a restaurant manager keeps open on a tablet: one self-contained document
 * (no build step, nothing from the internet — it must work exactly when the internet is down).
 */
export function dashboardHtml(options: DashboardOptions): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}">
<meta name="referrer" content="no-referrer">
<title>bonrelay — kitchen printing</title>
<link rel="icon" href="data:,">
<style>${dashboardStyle}</style>
</head>
<body>
${dashboardMarkup(escapeHtml(options.version))}
<script>${script}</script>
</body>
</html>
`;
}
