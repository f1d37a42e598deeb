import { readFileSync } from 'node:fs';

/** The service's own version, recorded in `ServiceStarted` so an audit knows which code ran. */
export const serviceVersion: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
