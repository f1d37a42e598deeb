import { join } from 'node:path';
import pg from 'pg';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { clusterDirFor, ensurePostgres } from '../ensure-postgres.mjs';

const root = join(import.meta.dirname, '..', '..', '..');

test('given two checkouts, then each has its own cluster directory', () => {
  assert.is.not(clusterDirFor('/work/wt/a'), clusterDirFor('/work/wt/b'));
  assert.is(clusterDirFor(root), clusterDirFor(root));
});

test('given the setup ran, when it runs again, then the same running server answers on loopback', async () => {
  const said: string[] = [];
  const first = await ensurePostgres({ root, say: (message: string) => said.push(message) });
  const again = await ensurePostgres({ root, say: (message: string) => said.push(message) });
  const url = first.BONRELAY_TEST_POSTGRES_URL;
  assert.ok(url, said.join('\n'));
  assert.is(again.BONRELAY_TEST_POSTGRES_URL, url);
  assert.match(url, /^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ listen_addresses: string }>('SHOW listen_addresses');
  await client.end();
  assert.equal(rows, [{ listen_addresses: '127.0.0.1' }]);
});

test.run();
