import { createHash } from 'node:crypto';
import { catalogs } from '@bonrelay/locale';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type BonrelayPorts, createApi, dashboardHtml } from '../src/index.ts';
import { fakePorts } from './routes-fake-ports.ts';

const token = 'kitchen-token-0123456789';
const page = dashboardHtml({ version: '1.2.3', locale: 'en-GB' });

const empty = () => ({ items: [], next: null });
const ports: BonrelayPorts = fakePorts(
  {},
  {
    listOrders: empty,
    orderById: () => undefined,
    listPrintJobs: empty,
    connectivityEvents: empty,
    offlinePeriods: empty,
    listEvents: empty,
    unreadableOrders: empty,
    retryPrintJob: () => ({ status: 202, body: { jobId: 'job-1' } }),
    ticketPreview: () => '<svg xmlns="http://www.w3.org/2000/svg"/>',
    dashboardHtml: () => page,
  },
);
const api = createApi(ports, {
  token,
  remoteAddress: () => '192.168.1.20',
  bodyLimitBytes: 65_536,
  version: '1.2.3',
});

function between(html: string, open: string, close: string): string {
  const start = html.indexOf(open);
  const end = html.indexOf(close, start + open.length);
  assert.ok(start >= 0 && end > start, `${open} is in the page`);
  return html.slice(start + open.length, end);
}

const script = between(page, '<script>', '</script>');
const style = between(page, '<style>', '</style>');
const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

test('given a token is configured, when a tablet on the Wi-Fi opens /, then it gets the page without one', async () => {
  const response = await api.request('/');
  assert.is(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
  assert.is(await response.text(), page);
});

test('the page carries every data-testid the browser tests and monitors rely on', () => {
  for (const id of [
    'mode',
    'internet',
    'queue-waiting',
    'queue-printing',
    'queue-retrying',
    'queue-gave-up',
    'orders',
    'timeline',
    'unreadable-orders',
  ]) {
    assert.ok(page.includes(`data-testid="${id}"`), id);
  }
  assert.ok(script.includes("'printer-' + printer.printer"), 'printer rows are named printer-<name>');
  assert.ok(script.includes("'order-' + view.orderId"), 'order rows are named order-<id>');
});

test('nothing is loaded from outside this service, so the page works while the internet is down', () => {
  const withoutSvgNamespace = page.replaceAll("'http://www.w3.org/2000/svg'", '');
  assert.not.match(withoutSvgNamespace, /https?:\/\//);
  assert.not.match(page, /(src|href)="\/\//);
  assert.not.match(page, /@import|url\(/);
  assert.is((page.match(/<script/g) ?? []).length, 1, 'one inline script, no external one');
});

test('the Content-Security-Policy allows exactly the inline script and style and nothing inline besides', () => {
  const policy = between(page, 'http-equiv="Content-Security-Policy" content="', '"');
  assert.ok(policy.includes("default-src 'none'"));
  assert.ok(policy.includes(`script-src ${sha256(script)}`), 'the script hash matches');
  assert.ok(policy.includes(`style-src ${sha256(style)}`), 'the style hash matches');
  assert.not.ok(policy.includes('unsafe-inline'));
  assert.not.match(page, /\son[a-z]+=/, 'no inline event handlers');
  assert.not.match(page, /\sstyle="/, 'no style attributes');
});

test('given de-DE, the page says lang="de-DE", its skeleton speaks German and its own script hash is allowed', () => {
  const german = dashboardHtml({ version: '1.2.3', locale: 'de-DE' });
  assert.ok(german.startsWith('<!doctype html>\n<html lang="de-DE">'));
  assert.ok(page.startsWith('<!doctype html>\n<html lang="en-GB">'));
  for (const words of [
    '<title>bonrelay — Küchendruck</title>',
    '>Jetzt prüfen</button>',
    '>Druckwarteschlange</h2>',
    '>7 Tage</button>',
    '<b>0</b>wartend',
    '>Vorbestellungen – warten auf die Zubereitungszeit</h2>',
    '>10 Min. stumm</button>',
  ]) {
    assert.ok(german.includes(words), words);
  }
  const germanScript = between(german, '<script>', '</script>');
  assert.ok(germanScript.includes('"dashboard.attempts":'), 'the messages travel with the script');
  assert.ok(germanScript.includes('Versuche'));
  const policy = between(german, 'http-equiv="Content-Security-Policy" content="', '"');
  assert.ok(policy.includes(`script-src ${sha256(germanScript)}`), 'the German script hash matches');
  assert.not.ok(germanScript.includes('</'), 'no text in the messages can end the script');
});

test('every word the script asks for is in the English catalog', () => {
  const english = catalogs.en ?? {};
  const asked = [...script.matchAll(/\bsay\('([^']+)'(?! \+)/g)].map((match) => match[1]!);
  assert.ok(asked.length > 30, `${asked.length} words found`);
  assert.equal(
    asked.filter((key) => !(key in english)),
    [],
  );
  const prefixes = [...script.matchAll(/\bword\('([^']+)'/g)].map((match) => match[1]!);
  for (const prefix of prefixes) {
    assert.ok(
      Object.keys(english).some((key) => key.startsWith(`${prefix}.`)),
      prefix,
    );
  }
  for (const dynamic of [...script.matchAll(/\bsay\('(dashboard\.[a-z]+\.)' \+/g)].map(
    (match) => match[1]!,
  )) {
    assert.ok(
      Object.keys(english).some((key) => key.startsWith(dynamic)),
      dynamic,
    );
  }
});

test('the script only inserts text: no innerHTML, no eval, and it parses', () => {
  assert.not.match(script, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
  assert.not.throws(() => new Function(script));
});

test('the version is escaped into the header', () => {
  const hostile = dashboardHtml({ version: '<img src=x onerror=alert(1)>', locale: 'en-GB' });
  assert.not.ok(hostile.includes('<img src=x'));
  assert.ok(hostile.includes('&#60;img src=x onerror=alert(1)&#62;'));
});

test('every read the page makes exists; the stream and previews take the token in the query', async () => {
  const to = new Date().toISOString();
  const from = new Date(Date.parse(to) - 86_400_000).toISOString();
  const reads = [
    '/connectivity/status',
    '/offline/queue/status',
    '/api/orders?limit=20',
    `/api/offline-periods?limit=500&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
  ];
  for (const path of reads) {
    assert.ok(script.includes(path.split('&')[0]!), path);
    assert.is((await api.request(path)).status, 401, `${path} needs the token`);
    const response = await api.request(path, { headers: { authorization: `Bearer ${token}` } });
    assert.is(response.status, 200, path);
  }
  // EventSource and <img> cannot send headers.
  assert.ok(script.includes("withToken('/events/stream')"));
  assert.ok(
    script.includes("withToken('/api/print-jobs/' + encodeURIComponent(ticket.jobId) + '/preview.svg')"),
  );
  assert.is((await api.request(`/api/print-jobs/job-1/preview.svg?token=${token}`)).status, 200);
});

test('every command the page sends exists', async () => {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const commands = [
    ['/orders/order-1/reprint', '{"tickets":["kitchen"]}'],
    ['/print-jobs/job-1/retry', ''],
    ['/connectivity/check', ''],
    ['/print-jobs/test', ''],
  ] as const;
  for (const [path, body] of commands) {
    const response = await api.request(path, { method: 'POST', headers, body });
    assert.ok(response.status < 300, `${path} answered ${response.status}`);
  }
  for (const path of ["'/reprint'", "'/retry'", "'/connectivity/check'", "'/print-jobs/test'"]) {
    assert.ok(script.includes(path), path);
  }
});

test.run();
