import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cloudprntFindings } from '../src/cloudprnt/cloudprnt-reachability.ts';
import { describeConfig, loadConfig } from '../src/config/index.ts';
import { cli } from './cli-scenario.ts';
import { fakeInternet, startTestService } from './support/test-service.ts';

const kitchen = { name: 'kitchen', url: 'cloudprnt://00:11:62:aa:bb:cc' };

/** Writes `config` to a fresh data dir and returns the environment that starts bonrelay with it. */
function environmentFor(config: Record<string, unknown>, extra: Record<string, string> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'bonrelay-cloudprnt-config-'));
  writeFileSync(join(dataDir, 'config.json'), JSON.stringify(config));
  return { BONRELAY_CONFIG: join(dataDir, 'config.json'), BONRELAY_DATA_DIR: dataDir, ...extra };
}

function problemsOf(config: Record<string, unknown>): string {
  try {
    loadConfig(environmentFor(config));
  } catch (error) {
    return (error as Error).message;
  }
  return 'no problem';
}

test('a cloudprnt:// printer is accepted with its defaults: polls every 5 s, 60 s to confirm, PNG width from its paper', () => {
  const config = loadConfig(environmentFor({ printers: [kitchen] }));
  assert.is(config.printers[0]?.pollIntervalMs, 5_000);
  assert.is(config.printing.cloudprntConfirmTimeoutMs, 60_000);
  const upperCase = loadConfig(
    environmentFor({ printers: [{ ...kitchen, url: 'cloudprnt://00-11-62-AA-BB-CC' }] }),
  );
  assert.is(upperCase.printers[0]?.url, 'cloudprnt://00-11-62-AA-BB-CC');
});

test('bad CloudPRNT settings stop the start, naming the key', () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [
      { printers: [{ ...kitchen, url: 'cloudprnt://kitchen-printer' }] },
      /printers\.0\.url: expected a MAC address like cloudprnt:\/\/00:11:62:aa:bb:cc/,
    ],
    [{ printers: [{ ...kitchen, pollIntervalMs: 0 }] }, /printers\.0\.pollIntervalMs: /],
    [
      { printers: [{ ...kitchen, username: 'star' }] },
      /printers\.0\.password: must be set together with username/,
    ],
    [
      { printers: [{ name: 'bar', url: 'tcp://10.0.0.9:9100', username: 'a', password: 'b' }] },
      /printers\.0\.username: only a cloudprnt:\/\/ printer sends credentials/,
    ],
    [
      { printers: [kitchen, { name: 'counter', url: 'cloudprnt://00-11-62-AA-BB-CC' }] },
      /printers\.1\.url: printers\.0 already has this printer MAC/,
    ],
    [{ printing: { cloudprntConfirmTimeoutMs: -5 } }, /printing\.cloudprntConfirmTimeoutMs: /],
    [{ printers: [{ ...kitchen, pollIntervalMS: 5000 }] }, /printers\.0\.pollIntervalMS.*pollIntervalMs/],
  ];
  for (const [config, expected] of cases) assert.match(problemsOf(config), expected);
});

test("the printer's password never reaches the log", () => {
  const config = loadConfig(
    environmentFor({ printers: [{ ...kitchen, username: 'star', password: 'hunter22' }] }),
  );
  const described = JSON.stringify(describeConfig(config));
  assert.not.ok(described.includes('hunter22'));
  assert.ok(described.includes('"password":"***"'));
});

test('on a loopback bind, the start log and doctor say a CloudPRNT printer cannot reach the service, and how to fix it', async () => {
  const app = await startTestService({ env: { BONRELAY_PRINTER_URL: '' }, config: { printers: [kitchen] } });
  try {
    assert.ok(
      app.logLines.some((line) =>
        /CloudPRNT printer kitchen polls over the LAN.*BONRELAY_HOST=0\.0\.0\.0/.test(line),
      ),
      app.logLines.join('\n'),
    );
  } finally {
    await app.stop();
  }
  const internet = await fakeInternet();
  const probes = `127.0.0.1:${(internet.address() as { port: number }).port}`;
  try {
    const loopback = await cli(
      ['doctor'],
      environmentFor(
        { printers: [kitchen] },
        { BONRELAY_INTERNET_PROBES: probes, BONRELAY_LOG_LEVEL: 'silent' },
      ),
    );
    assert.match(
      loopback.out,
      /\[warn\] CloudPRNT .*listens on 127\.0\.0\.1 only: set BONRELAY_HOST=0\.0\.0\.0/,
    );
    const lan = await cli(
      ['doctor'],
      environmentFor(
        { printers: [kitchen] },
        { BONRELAY_INTERNET_PROBES: probes, BONRELAY_LOG_LEVEL: 'silent', BONRELAY_HOST: '0.0.0.0' },
      ),
    );
    assert.match(
      lan.out,
      /\[ok {2}\] CloudPRNT .*server URL to http:\/\/<this machine's LAN address>:8080\/cloudprnt/,
    );
    assert.match(lan.out, /\[warn\] CloudPRNT +kitchen: no CloudPRNT credentials, so anyone on the LAN/);
    const guarded = await cli(
      ['doctor'],
      environmentFor(
        { printers: [{ ...kitchen, username: 'star', password: 'hunter22' }] },
        { BONRELAY_INTERNET_PROBES: probes, BONRELAY_LOG_LEVEL: 'silent', BONRELAY_HOST: '0.0.0.0' },
      ),
    );
    assert.not.match(guarded.out, /no CloudPRNT credentials/);
  } finally {
    internet.close();
  }
});

test('a machine without a font for ticket text is told before a printer prints blank tickets', () => {
  const config = loadConfig(environmentFor({ printers: [kitchen] }));
  assert.equal(cloudprntFindings(config, () => true).length, 1);
  assert.match(
    cloudprntFindings(config, () => false)[1]?.detail ?? '',
    /no font .*install fonts-dejavu-core/,
  );
  assert.equal(cloudprntFindings(loadConfig(environmentFor({}))), []);
});

test.run();
