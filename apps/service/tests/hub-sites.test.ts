import { spawnSync } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { describeConfig, loadConfig } from '../src/config/index.ts';
import { openHubDatabase } from '../src/hub/open-hub-database.ts';
import { siteOfToken, siteOfWixInstance } from '../src/hub/sites-registry.ts';
import { cli } from './cli-scenario.ts';
import { hubDatabasesUnderTest } from './support/hub-databases.ts';

const main = new URL('../src/main.ts', import.meta.url).pathname;

test('a hub started without BONRELAY_DATABASE_URL refuses with exit 2, naming the key', () => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', main], {
    env: { ...process.env, BONRELAY_ROLE: 'hub', BONRELAY_PORT: '0' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.is(result.status, 2);
  assert.match(result.stderr, /database\.url \(BONRELAY_DATABASE_URL\): a hub needs a database/);
});

test('a site with a hub URL but no token refuses with exit 2, naming what is missing', () => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', main], {
    env: {
      ...process.env,
      BONRELAY_HUB_URL: 'http://127.0.0.1:9',
      BONRELAY_SITE_ID: 'mitte',
      BONRELAY_PORT: '0',
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.is(result.status, 2);
  assert.match(result.stderr, /hub\.token \(BONRELAY_HUB_TOKEN\)/);
});

test('the database password and the hub token never reach the configuration log', () => {
  const config = loadConfig({
    BONRELAY_DATABASE_URL: 'postgres://bonrelay:db-secret-1@db.example:5432/bonrelay',
    BONRELAY_HUB_URL: 'https://hub.example',
    BONRELAY_SITE_ID: 'mitte',
    BONRELAY_HUB_TOKEN: 'hub-token-secret-0123456789',
  });
  const text = JSON.stringify(describeConfig(config));
  assert.not.match(text, /db-secret-1|hub-token-secret/);
  assert.match(text, /postgres:\/\/bonrelay:\*\*\*@db\.example:5432\/bonrelay/);
});

for (const database of hubDatabasesUnderTest()) {
  test(`[${database.dialect}] sites add prints the token alone on the last line; only its hash is stored`, async () => {
    const env = { BONRELAY_DATABASE_URL: await database.fresh(), BONRELAY_LOG_LEVEL: 'silent' };
    const added = await cli(['sites', 'add', 'berlin-mitte', '--wix-instance', 'inst-1'], env);
    assert.is(added.code, 0, added.err);
    const token = added.out.trimEnd().split('\n').at(-1) as string;
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);

    const hub = await openHubDatabase(env.BONRELAY_DATABASE_URL, 1);
    try {
      assert.is(await siteOfToken(hub.db, token), 'berlin-mitte');
      assert.is(await siteOfToken(hub.db, `${token.slice(0, -1)}x`), undefined);
      assert.is(await siteOfWixInstance(hub.db, 'inst-1'), 'berlin-mitte');
      const stored = await hub.db.selectFrom('hub_sites').selectAll().execute();
      assert.not.ok(JSON.stringify(stored).includes(token), 'the token itself is nowhere in the database');
    } finally {
      await hub.close();
    }
  });

  test(`[${database.dialect}] sites list shows each site; a taken id or instance is refused; remove takes a site off`, async () => {
    const env = { BONRELAY_DATABASE_URL: await database.fresh(), BONRELAY_LOG_LEVEL: 'silent' };
    assert.is((await cli(['sites', 'add', 'mitte', '--wix-instance', 'inst-a'], env)).code, 0);
    assert.is((await cli(['sites', 'add', 'kreuzberg'], env)).code, 0);
    const twice = await cli(['sites', 'add', 'mitte'], env);
    assert.is(twice.code, 1);
    assert.match(twice.out, /site mitte exists already/);
    const sameInstance = await cli(['sites', 'add', 'wedding', '--wix-instance', 'inst-a'], env);
    assert.match(sameInstance.out, /Wix instance inst-a belongs to site mitte/);

    const listed = await cli(['sites', 'list'], env);
    assert.equal(
      listed.out
        .trimEnd()
        .split('\n')
        .map((line) => line.split('\t').slice(0, 2).join(' ')),
      ['kreuzberg -', 'mitte inst-a'],
    );
    assert.is((await cli(['sites', 'remove', 'mitte'], env)).code, 0);
    assert.is((await cli(['sites', 'remove', 'mitte'], env)).code, 1);
    assert.match((await cli(['sites', 'list'], env)).out, /^kreuzberg\t/);
  });
}

test.run();
