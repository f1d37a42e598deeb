import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { en } from '../src/catalogs/en.ts';
import { catalogs, type MessageKey, type ParsedMessage } from '../src/index.ts';

const keys = Object.keys(en) as MessageKey[];
const languages = Object.keys(catalogs).filter((tag) => !tag.includes('-'));

// The names a message fills in, however deep in plurals and selects they sit.
function argumentsOf(elements: ParsedMessage, into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if ('value' in element && element.type !== 0) into.add(String(element.value));
    if ('options' in element) {
      for (const option of Object.values(element.options) as { value: ParsedMessage }[]) {
        argumentsOf(option.value, into);
      }
    }
  }
  return into;
}

test('every catalog file in the catalogs folder is one bonrelay offers', () => {
  const files = readdirSync(join(import.meta.dirname, '..', 'src', 'catalogs'))
    .filter((file) => file !== 'index.ts')
    .map((file) => file.replace(/\.ts$/, ''))
    .sort();
  assert.equal(files, Object.keys(catalogs).sort());
});

test('German and English are both offered', () => {
  assert.ok(languages.includes('de'));
  assert.ok(languages.includes('en'));
});

for (const language of languages) {
  test(`the ${language} catalog has a message for every key`, () => {
    const catalog = catalogs[language] ?? {};
    assert.equal(
      keys.filter((key) => catalog[key] === undefined),
      [],
    );
  });
}

for (const [tag, catalog] of Object.entries(catalogs)) {
  test(`the ${tag} catalog has no key English lacks, and each message parses and fills the same names`, () => {
    assert.equal(
      Object.keys(catalog).filter((key) => !(key in en)),
      [],
    );
    for (const [key, message] of Object.entries(catalog)) {
      const names = argumentsOf(new IntlMessageFormat(message as string, tag).getAst());
      const english = argumentsOf(new IntlMessageFormat(en[key as MessageKey], 'en').getAst());
      assert.equal([...names].sort(), [...english].sort(), `${tag} ${key}`);
    }
  });
}

test.run();
