import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadConfig } from '../src/config/index.ts';
import { hubRoleProblems } from '../src/hub/hub-role-problems.ts';

const deployDir = new URL('../../../deploy/hub/', import.meta.url).pathname;
const template = join(deployDir, 'bonrelay-hub@.service');
const systemdAnalyze = '/usr/bin/systemd-analyze';
const verifiable = existsSync(systemdAnalyze) ? test : test.skip;

verifiable('the hub template unit, instantiated for a port, passes systemd-analyze verify', () => {
  const unit = join(mkdtempSync(join(tmpdir(), 'bonrelay-unit-')), 'bonrelay-hub@8081.service');
  copyFileSync(template, unit);
  const result = spawnSync(systemdAnalyze, ['verify', unit], { encoding: 'utf8' });
  assert.is(result.status, 0, result.stderr);
  assert.is(result.stderr.trim(), '');
});

test('the hub unit runs the bundle in the hub role on its instance port, with its secrets in an environment file', () => {
  const text = readFileSync(template, 'utf8');
  for (const line of [
    'Environment=BONRELAY_ROLE=hub',
    'Environment=BONRELAY_PORT=%i',
    'EnvironmentFile=/etc/bonrelay/hub.environment',
    'ExecStart=/usr/bin/node --max-semi-space-size=1 /opt/bonrelay/apps/service/dist/main.js',
    'Restart=on-failure',
    'User=bonrelay',
    'ProtectSystem=strict',
  ]) {
    assert.ok(text.includes(line), line);
  }
});

test('the reverse proxy example spreads over two replicas and lets a catch-up batch and a held order poll through', () => {
  const text = readFileSync(join(deployDir, 'nginx-hub.conf'), 'utf8');
  const upstream = text.match(/upstream bonrelay_hub \{([^}]*)\}/)?.[1] ?? '';
  assert.is(upstream.match(/^\s*server 127\.0\.0\.1:808[12]\b/gm)?.length, 2);
  const defaults = loadConfig({}).hub;
  const bodyMiB = Number(text.match(/client_max_body_size (\d+)m;/)?.[1]);
  assert.ok(bodyMiB * 1024 * 1024 >= defaults.replicationBodyLimitBytes);
  const readTimeoutS = Number(text.match(/proxy_read_timeout (\d+)s;/)?.[1]);
  assert.ok(readTimeoutS * 1000 > defaults.orderPollWaitMs);
});

test('the example hub config and environment make a hub that starts', () => {
  const environment = Object.fromEntries(
    readFileSync(join(deployDir, 'hub.environment.example'), 'utf8')
      .split('\n')
      .filter((line) => /^BONRELAY_DATABASE_URL=/.test(line))
      .map((line) => line.split('=', 2) as [string, string]),
  );
  const config = loadConfig({
    BONRELAY_CONFIG: join(deployDir, 'hub.example.json'),
    BONRELAY_ROLE: 'hub',
    ...environment,
  });
  assert.equal(hubRoleProblems(config), []);
});

test.run();
