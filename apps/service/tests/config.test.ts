import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ConfigError,
  configDigest,
  describeConfig,
  loadConfig,
  resolveWixPublicKey,
} from '../src/config/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'bonrelay-config-'));

function problemsOf(environment: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(environment);
  } catch (error) {
    assert.instance(error, ConfigError);
    return [...(error as ConfigError).problems];
  }
  assert.unreachable('the config should have been rejected');
  return [];
}

test('no file and no variables gives the documented defaults', () => {
  const config = loadConfig({});
  assert.is(config.server.host, '127.0.0.1');
  assert.is(config.server.port, 8080);
  assert.is(config.dataDir, './data');
  assert.is(config.server.bodyLimitBytes, 1_048_576);
  assert.equal(config.printers, []);
  assert.is(config.monitor.internetProbes, '1.1.1.1:53,8.8.8.8:53,208.67.222.222:53');
});

test('variables override the JSON file', () => {
  const file = join(dir, 'override.json');
  writeFileSync(file, JSON.stringify({ server: { port: 9000, host: '0.0.0.0' }, dataDir: '/srv/x' }));
  const config = loadConfig({ BONRELAY_CONFIG: file, BONRELAY_PORT: '9100' });
  assert.is(config.server.port, 9100);
  assert.is(config.server.host, '0.0.0.0');
  assert.is(config.dataDir, '/srv/x');
});

test('the printer shortcut names one printer for every ticket', () => {
  const config = loadConfig({ BONRELAY_PRINTER_URL: 'tcp://127.0.0.1:9100' });
  assert.is(config.printers.length, 1);
  assert.is(config.printers[0]?.url, 'tcp://127.0.0.1:9100');
});

test('a bad port names the key and the variable it came from', () => {
  const [problem] = problemsOf({ BONRELAY_PORT: 'eighty' });
  assert.match(problem ?? '', /^server\.port \(from BONRELAY_PORT\):/);
});

test('a bad printer url names the key', () => {
  const [problem] = problemsOf({ BONRELAY_PRINTER_URL: 'http://printer' });
  assert.match(
    problem ?? '',
    /printers\.0\.url \(from BONRELAY_PRINTER_URL\): scheme must be tcp:\/\/, usb:\/\/ or cloudprnt:\/\/, not http:\/\//,
  );
});

for (const [url, reason] of [
  ['usb://04b8', /printers\.0\.url \(from BONRELAY_PRINTER_URL\): product id "" must be 4 hex digits/],
  ['usb://4b8:0e32', /printers\.0\.url \(from BONRELAY_PRINTER_URL\): vendor id "4b8" must be 4 hex digits/],
  ['usb://dev/usb/lp0', /printers\.0\.url \(from BONRELAY_PRINTER_URL\): a device path needs three slashes/],
] as const) {
  test(`a bad usb printer url (${url}) names the key and the problem`, () => {
    assert.match(problemsOf({ BONRELAY_PRINTER_URL: url })[0] ?? '', reason);
  });
}

test('usb printer urls, by device path or by vendor:product[:serial], are accepted', () => {
  for (const url of ['usb:///dev/usb/lp0', 'usb://04b8:0e32', 'usb://04B8:0E32:X5E1234567']) {
    assert.is(loadConfig({ BONRELAY_PRINTER_URL: url }).printers[0]?.url, url);
  }
});

test('an unknown key in the file is refused by name, not ignored', () => {
  const file = join(dir, 'typo.json');
  writeFileSync(file, JSON.stringify({ server: { prot: 1 } }));
  const [problem] = problemsOf({ BONRELAY_CONFIG: file });
  assert.match(problem ?? '', /server/);
  assert.match(problem ?? '', /prot/);
});

test('an unknown key in the file names the closest known key', () => {
  const file = join(dir, 'near.json');
  writeFileSync(
    file,
    JSON.stringify({ server: { prot: 1 }, printing: { stopTimeotMs: 5 }, logLevle: 'debug' }),
  );
  const problems = problemsOf({ BONRELAY_CONFIG: file });
  assert.ok(problems.includes('server.prot: unknown key; did you mean server.port?'), problems.join('\n'));
  assert.ok(problems.includes('printing.stopTimeotMs: unknown key; did you mean printing.stopTimeoutMs?'));
  assert.ok(problems.includes('logLevle: unknown key; did you mean logLevel?'));
});

test('an unknown key far from every known one lists the keys that exist there', () => {
  const file = join(dir, 'far.json');
  writeFileSync(file, JSON.stringify({ routing: { bar: 'kitchen' } }));
  assert.equal(problemsOf({ BONRELAY_CONFIG: file }), [
    'routing.bar: unknown key; known here: kitchen, customer, driver, cancellation, test, fallback',
  ]);
});

test('a fallback printer that is not configured, a printer its own fallback, or a ring of fallbacks stops the start, naming the key', () => {
  const file = join(dir, 'fallback.json');
  const printers = ['kitchen', 'bar', 'front', 'terrace'].map((name, index) => ({
    name,
    url: `tcp://127.0.0.1:${9100 + index}`,
  }));
  writeFileSync(
    file,
    JSON.stringify({
      printers,
      routing: {
        fallback: { kitchen: 'bar', bar: 'kitchen', front: 'front', terrace: 'grill', grill: 'bar' },
      },
    }),
  );
  assert.equal(problemsOf({ BONRELAY_CONFIG: file }), [
    'routing.fallback.kitchen: the fallbacks go round (kitchen → bar → kitchen)',
    'routing.fallback.bar: the fallbacks go round (bar → kitchen → bar)',
    'routing.fallback.front: a printer cannot be its own fallback',
    'routing.fallback.terrace: no printer named grill; printers: kitchen, bar, front, terrace',
    'routing.fallback.grill: no printer named grill; printers: kitchen, bar, front, terrace',
  ]);
  writeFileSync(file, JSON.stringify({ printers, routing: { fallback: { kitchen: 'bar', bar: 'front' } } }));
  assert.equal(loadConfig({ BONRELAY_CONFIG: file }).routing.fallback, { kitchen: 'bar', bar: 'front' });
});

test('a fallback is waited for two minutes unless configured', () => {
  assert.is(loadConfig({}).printing.fallbackAfterMs, 120_000);
  assert.equal(loadConfig({}).routing.fallback, {});
});

test('a misspelt BONRELAY_ variable is refused and the closest known one named', () => {
  const problems = problemsOf({ BONRELAY_PRINTER_URLS: 'tcp://127.0.0.1:9100', BONRELAY_PROT: '80' });
  assert.equal(problems, [
    'BONRELAY_PRINTER_URLS: not a bonrelay variable; did you mean BONRELAY_PRINTER_URL?',
    'BONRELAY_PROT: not a bonrelay variable; did you mean BONRELAY_PORT?',
  ]);
});

test('a BONRELAY_ variable like no known one lists the ones bonrelay reads', () => {
  const [problem] = problemsOf({ BONRELAY_SPEED: 'fast' });
  assert.match(problem ?? '', /^BONRELAY_SPEED: not a bonrelay variable; bonrelay reads BONRELAY_CONFIG, /);
  assert.match(problem ?? '', /BONRELAY_PRINTER_URL.*BONRELAY_TEST_\*/);
});

test('an unknown variable is reported together with bad values, so all are fixed at once', () => {
  const problems = problemsOf({ BONRELAY_LOGLEVEL: 'debug', BONRELAY_PORT: 'eighty' });
  assert.is(problems.length, 2);
  assert.match(
    problems.join('\n'),
    /BONRELAY_LOGLEVEL: not a bonrelay variable; did you mean BONRELAY_LOG_LEVEL\?/,
  );
  assert.match(problems.join('\n'), /server\.port \(from BONRELAY_PORT\)/);
});

test('BONRELAY_TEST_* belongs to tests and benches: config loading ignores it by name', () => {
  const config = loadConfig({ BONRELAY_TEST_CHAOS_SEED: '7', BONRELAY_TEST_ANYTHING: 'x' });
  assert.is(config.server.port, 8080);
});

test('every BONRELAY_ variable the README and docs set or tabulate is one bonrelay reads', () => {
  const root = new URL('../../../', import.meta.url).pathname;
  // Table rows and the unit's Environment= lines; prose may quote a misspelling on purpose.
  const documented = new Set(
    ['README.md', 'docs/configuration.md', 'deploy/bonrelay.service'].flatMap((file) =>
      readFileSync(join(root, file), 'utf8')
        .split('\n')
        .filter((line) => line.startsWith('|') || line.startsWith('Environment='))
        .flatMap((line) => [...line.matchAll(/\bBONRELAY_[A-Z0-9_]*[A-Z0-9]\b/g)].map((match) => match[0])),
    ),
  );
  assert.ok(documented.size >= 14, [...documented].join(', '));
  const environment = Object.fromEntries([...documented].map((name) => [name, '']));
  assert.not.throws(() => loadConfig(environment), [...documented].join(', '));
});

test('a config file that is missing or not JSON names BONRELAY_CONFIG', () => {
  assert.match(
    problemsOf({ BONRELAY_CONFIG: join(dir, 'missing.json') })[0] ?? '',
    /^BONRELAY_CONFIG: cannot read/,
  );
  const file = join(dir, 'broken.json');
  writeFileSync(file, '{ nope');
  assert.match(problemsOf({ BONRELAY_CONFIG: file })[0] ?? '', /^BONRELAY_CONFIG: .* is not a JSON object/);
});

test('a short API token and a bad time zone are both reported at once', () => {
  const file = join(dir, 'two.json');
  writeFileSync(file, JSON.stringify({ businessDay: { timeZone: 'Mars/Olympus' } }));
  const problems = problemsOf({ BONRELAY_CONFIG: file, BONRELAY_API_TOKEN: 'short' });
  assert.is(problems.length, 2);
  assert.ok(problems.some((problem) => problem.startsWith('api.token (from BONRELAY_API_TOKEN)')));
  assert.ok(problems.some((problem) => problem.startsWith('businessDay.timeZone')));
});

test('secrets are masked in the description and digest', () => {
  const config = loadConfig({
    BONRELAY_API_TOKEN: 'a-very-secret-token-123',
    BONRELAY_WIX_API_KEY: 'wix-secret',
  });
  const text = JSON.stringify(describeConfig(config));
  assert.not.match(text, /a-very-secret-token-123|wix-secret/);
  assert.is(configDigest(config).length, 16);
  assert.is.not(configDigest(config), configDigest(loadConfig({})));
});

test('the Wix key comes from the variable or a PEM file, and a bad file names its key', () => {
  const pem = '-----BEGIN PUBLIC KEY-----\nabc\n-----END PUBLIC KEY-----\n';
  assert.is(resolveWixPublicKey(loadConfig({ BONRELAY_WIX_PUBLIC_KEY: pem })), pem);
  const file = join(dir, 'wix.pem');
  writeFileSync(file, pem);
  assert.is(resolveWixPublicKey(loadConfig({ BONRELAY_WIX_PUBLIC_KEY_FILE: file })), pem);
  assert.is(resolveWixPublicKey(loadConfig({})), undefined);
  const notPem = join(dir, 'not.pem');
  writeFileSync(notPem, 'hello');
  assert.throws(
    () => resolveWixPublicKey(loadConfig({ BONRELAY_WIX_PUBLIC_KEY_FILE: notPem })),
    /wix\.publicKeyFile \(BONRELAY_WIX_PUBLIC_KEY_FILE\): .* is not a PEM public key/,
  );
  assert.throws(
    () => resolveWixPublicKey(loadConfig({ BONRELAY_WIX_PUBLIC_KEY_FILE: join(dir, 'nope.pem') })),
    /cannot read/,
  );
});

test('the documented example config in deploy/ is valid and sets every section', () => {
  const example = new URL('../../../deploy/bonrelay.example.json', import.meta.url).pathname;
  const config = loadConfig({ BONRELAY_CONFIG: example });
  assert.is(config.printers.length, 2);
  assert.is(config.routing.kitchen, 'kitchen');
  const sections = Object.keys(JSON.parse(readFileSync(example, 'utf8')));
  for (const section of ['server', 'wix', 'printers', 'routing', 'tickets', 'printing', 'monitor']) {
    assert.ok(sections.includes(section), section);
  }
});

test.run();
