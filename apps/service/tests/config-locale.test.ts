import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, loadConfig } from '../src/config/index.ts';
import { ticketLayoutFor } from '../src/stations/ticket-layout.ts';

const dir = mkdtempSync(join(tmpdir(), 'bonrelay-locale-'));
const printer = { cpl: 48, encoding: 'multilingual' } as const;

function configFile(json: unknown): string {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(json));
  return file;
}

function problemsOf(environment: NodeJS.ProcessEnv): readonly string[] {
  try {
    loadConfig(environment);
  } catch (error) {
    assert.instance(error, ConfigError);
    return (error as ConfigError).problems;
  }
  return assert.unreachable('the config should have been rejected') as never;
}

test('given nothing, every part speaks en-GB', () => {
  const config = loadConfig({});
  assert.is(config.locale, 'en-GB');
  assert.equal(
    [config.tickets.locale, config.dashboard.locale, config.alerts.locale],
    ['en-GB', 'en-GB', 'en-GB'],
  );
});

test('given BONRELAY_LOCALE=de-DE, tickets, dashboard and alerts speak German', () => {
  const config = loadConfig({ BONRELAY_LOCALE: 'de-DE' });
  assert.equal(
    [config.tickets.locale, config.dashboard.locale, config.alerts.locale],
    ['de-DE', 'de-DE', 'de-DE'],
  );
  const layout = ticketLayoutFor(config, printer);
  assert.is(layout.locale, 'de-DE');
  assert.is(layout.texts.kitchenTitle, 'KÜCHE');
  assert.is(layout.texts.thankYou, 'Vielen Dank und guten Appetit!');
});

test('given a German restaurant whose tickets print English, each section keeps its own locale', () => {
  const file = configFile({ tickets: { locale: 'en-IE', thankYou: 'Cheers!' }, alerts: { locale: 'en-GB' } });
  const config = loadConfig({ BONRELAY_CONFIG: file, BONRELAY_LOCALE: 'de-AT' });
  assert.equal(
    [config.tickets.locale, config.dashboard.locale, config.alerts.locale],
    ['en-IE', 'de-AT', 'en-GB'],
  );
  const layout = ticketLayoutFor(config, printer);
  assert.is(layout.texts.kitchenTitle, 'KITCHEN');
  assert.is(layout.texts.thankYou, 'Cheers!', 'a configured footer wins over the catalog');
});

test('given a malformed locale, the start stops naming the key and the variable', () => {
  assert.equal(problemsOf({ BONRELAY_LOCALE: 'de_DE' }), [
    'locale (from BONRELAY_LOCALE): "de_DE" is not a BCP 47 locale such as de-DE or en-GB',
  ]);
});

test('given a language bonrelay has no texts for in a section, the start stops naming that key', () => {
  const file = configFile({ dashboard: { locale: 'fr-FR' }, tickets: { locale: 'xx' } });
  const problems = problemsOf({ BONRELAY_CONFIG: file });
  assert.ok(
    problems.some((problem) => /^dashboard\.locale: bonrelay has no texts in "fr"/.test(problem)),
    problems.join('\n'),
  );
  assert.ok(
    problems.some((problem) => /^tickets\.locale: /.test(problem)),
    problems.join('\n'),
  );
});

test.run();
