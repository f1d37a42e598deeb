import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { eventsOf, placeOrder } from './support/cloudprnt-service.ts';
import { eventually, startTestService, type TestService } from './support/test-service.ts';

const kitchenMac = '00:11:62:00:00:0a';
const counterMac = '00:11:62:00:00:0b';
const kitchenLogin = `Basic ${Buffer.from('kitchen:s3cret-roll').toString('base64')}`;
const apiToken = 'a-long-api-token-for-the-dashboard';

/** Two CloudPRNT printers that poll only when the spec does: kitchen with credentials, counter without. */
function startTwoPrinters(): Promise<TestService> {
  return startTestService({
    env: { BONRELAY_PRINTER_URL: '', BONRELAY_API_TOKEN: apiToken },
    config: {
      printers: [
        {
          name: 'kitchen',
          url: `cloudprnt://${kitchenMac.toUpperCase()}`,
          username: 'kitchen',
          password: 's3cret-roll',
          pollIntervalMs: 60_000,
        },
        { name: 'counter', url: `cloudprnt://${counterMac.replaceAll(':', '-')}`, pollIntervalMs: 60_000 },
      ],
      routing: { kitchen: 'kitchen', customer: 'counter' },
    },
  });
}

function poll(app: TestService, mac: string, authorization?: string): Promise<Response> {
  return fetch(`${app.url}/cloudprnt`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ printerMAC: mac, statusCode: '200%20OK', printingInProgress: false }),
  });
}

/** Polls as `mac` until a job is offered; returns its token. */
async function offeredToken(app: TestService, mac: string, authorization?: string): Promise<string> {
  return eventually(`a job offered to ${mac}`, async () => {
    const answer = (await (await poll(app, mac, authorization)).json()) as {
      jobReady: boolean;
      jobToken?: string;
    };
    return answer.jobReady ? answer.jobToken : undefined;
  });
}

const job = (app: TestService, params: string, init: RequestInit = {}) =>
  fetch(`${app.url}/cloudprnt?${params}`, init);

test('the CloudPRNT endpoint answers only configured printers, with their credentials, outside the API token', async () => {
  const app = await startTwoPrinters();
  try {
    assert.is(
      (await fetch(`${app.url}/cloudprnt-setting.json?mac=${kitchenMac}`)).status,
      404,
      'HTTP polling',
    );
    assert.is((await fetch(`${app.url}/api/orders`)).status, 401, 'the API wants its token');
    assert.is((await poll(app, 'de:ad:be:ef:00:01')).status, 403, 'an unknown MAC');
    assert.is(
      (
        await fetch(`${app.url}/cloudprnt`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"statusCode":"200 OK"}',
        })
      ).status,
      400,
      'not a poll',
    );
    const anonymous = await poll(app, kitchenMac);
    assert.is(anonymous.status, 401, 'kitchen without credentials');
    assert.match(anonymous.headers.get('www-authenticate') ?? '', /^Basic /);
    const wrong = `Basic ${Buffer.from('kitchen:guess').toString('base64')}`;
    assert.is((await poll(app, kitchenMac, wrong)).status, 401, 'kitchen with a wrong password');
    const welcome = await poll(app, kitchenMac, kitchenLogin);
    assert.is(welcome.status, 200);
    assert.equal(await welcome.json(), {
      jobReady: false,
      clientAction: [{ request: 'PageInfo', options: '' }],
    });
    assert.is((await poll(app, counterMac)).status, 200, 'counter has no credentials set');
    const refusals = app.logLines.filter((line) => line.includes('a CloudPRNT printer was refused'));
    assert.equal(
      refusals.map((line) => (JSON.parse(line) as { mac: string; msg: string }).msg.split(': ')[1]),
      ['not configured', 'wrong or missing credentials'],
      'the operator is told once per printer and reason',
    );
  } finally {
    await app.stop();
  }
});

test("a printer never sees another printer's job; each fetches and confirms its own, by DELETE or GET …&delete", async () => {
  const app = await startTwoPrinters();
  try {
    const order = await placeOrder(app);
    const kitchenToken = await offeredToken(app, kitchenMac, kitchenLogin);
    const counterToken = await offeredToken(app, counterMac);

    // The counter printer tries the kitchen's job, with and without credentials: nothing.
    assert.is((await job(app, `mac=${counterMac}&type=text/plain&token=${kitchenToken}`)).status, 404);
    assert.is((await job(app, `mac=${kitchenMac}&type=text/plain&token=${kitchenToken}`)).status, 401);
    assert.is(
      (await job(app, `mac=${counterMac}&code=200&token=${kitchenToken}`, { method: 'DELETE' })).status,
      404,
      "nor can it confirm the kitchen's job",
    );
    assert.is(
      (
        await job(app, `mac=${kitchenMac}&type=text/plain&token=${counterToken}`, {
          headers: { authorization: kitchenLogin },
        })
      ).status,
      404,
    );

    const png = await job(app, `mac=${kitchenMac}&type=image/png&token=${kitchenToken}`, {
      headers: { authorization: kitchenLogin },
    });
    assert.is(png.status, 200);
    assert.is(png.headers.get('content-type'), 'image/png');
    const picture = Buffer.from(await png.arrayBuffer());
    assert.is(picture.readUInt32BE(16), 576, '80 mm paper: 576 dots');
    const confirmed = await job(app, `mac=${kitchenMac}&code=200%20OK&token=${kitchenToken}`, {
      method: 'DELETE',
      headers: { authorization: kitchenLogin },
    });
    assert.is(confirmed.status, 200);

    const receipt = await job(app, `mac=${counterMac}&type=text/plain&token=${counterToken}`);
    assert.match(await receipt.text(), order.number);
    assert.is((await job(app, `mac=${counterMac}&code=200%20OK&token=${counterToken}&delete`)).status, 200);

    const printed = await eventually('both tickets printed', () => {
      const events = eventsOf<{ printer: string; confirmation: string }>(app, 'PrintJobPrinted');
      return events.length === 2 ? events : undefined;
    });
    assert.equal(printed.map((event) => [event.printer, event.confirmation]).sort(), [
      ['counter', 'confirmed'],
      ['kitchen', 'confirmed'],
    ]);
  } finally {
    await app.stop();
  }
});

test.run();
