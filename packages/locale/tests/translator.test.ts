import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { localeChain, localeProblem, messageFor, translatorFor } from '../src/index.ts';

test('given an Austrian locale, the lookup asks de-AT, then de, then en, only for catalogs that exist', () => {
  assert.equal(localeChain('de-AT'), ['de', 'en']);
  assert.equal(localeChain('DE-at'), ['de', 'en']);
  assert.equal(localeChain('en-IE'), ['en']);
  assert.equal(localeChain('fr-FR'), ['en']);
});

test('given de-AT, when a ticket word is looked up, then the German word is found', () => {
  assert.is(messageFor('de-AT', 'ticket.kitchenTitle'), 'KÜCHE');
  assert.is(messageFor('en-GB', 'ticket.kitchenTitle'), 'KITCHEN');
});

test('given a count, when a plural message is formatted, then each language picks its own form', () => {
  const german = translatorFor('de-DE');
  const english = translatorFor('en-GB');
  assert.is(german.say('dashboard.attempts', { count: 1 }), '1 Versuch');
  assert.is(german.say('dashboard.attempts', { count: 3 }), '3 Versuche');
  assert.is(english.say('dashboard.attempts', { count: 1 }), '1 attempt');
  assert.is(english.say('dashboard.attempts', { count: 1200 }), '1,200 attempts');
  assert.is(
    german.say('alert.queueStale', { waiting: 1200, printer: 'kitchen', minutes: 7 }),
    '1.200 Bons warten auf Drucker „kitchen“, der älteste seit 7 min',
  );
});

test('a locale must be well formed and in a language bonrelay speaks', () => {
  assert.is(localeProblem('de-DE'), undefined);
  assert.is(localeProblem('de-AT'), undefined);
  assert.is(localeProblem('en'), undefined);
  assert.match(localeProblem('de_DE') ?? '', /not a BCP 47 locale/);
  assert.match(localeProblem('fr-FR') ?? '', /no texts in "fr"; choose one of de, en/);
});

test.run();
