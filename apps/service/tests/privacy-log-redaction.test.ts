import { Writable } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createLogger } from '../src/logger.ts';
import { erased, personalValues } from '../src/privacy/index.ts';
import { localOrder, wixOrders } from './privacy-support/private-log.ts';

function memoryLog() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger('debug', destination), text: () => lines.join('') };
}

const maria = localOrder('local-1', {
  name: 'Maria Schmidtke',
  phone: '+49 171 4445566',
  email: 'maria.s@example.org',
});
const secretsOf = (orders: readonly ReturnType<typeof wixOrders>[number][]) =>
  [...new Set(orders.flatMap((order) => Object.values(personalValues(order)) as string[]))].filter(
    (secret) => secret.length > 3,
  );

test('given orders logged in every shape the service has, when the log is read, then no personal data is in it', () => {
  const { logger, text } = memoryLog();
  const orders = [...wixOrders(), maria];
  logger.info({ order: maria }, 'order received');
  logger.warn({ event: { type: 'OrderReceived', data: { order: maria } } }, 'could not queue tickets');
  logger.error({ batch: orders.map((order) => ({ data: { order } })) }, 'append failed');
  logger.debug({ customer: maria.customer, address: maria.fulfilment.address, note: maria.note }, 'guest');
  const leaked = secretsOf(orders).filter((secret) => text().includes(secret));
  assert.equal(leaked, []);
  assert.ok(text().includes('Pizza Margherita'), 'what was ordered stays in the log');
  assert.ok(text().includes('[redacted]'));
});

test('given a raw Wix order in a log line, then its buyer, contact and shipping details are redacted too', () => {
  const { logger, text } = memoryLog();
  logger.warn(
    {
      wixOrder: {
        id: 'w1',
        buyerInfo: { email: 'guest@example.com' },
        billingInfo: { contactDetails: { firstName: 'Anna', lastName: 'Gastmann', phone: '+49 30 1234567' } },
        shippingInfo: { logistics: { shippingDestination: { address: { addressLine: 'Torstraße 42' } } } },
        buyerNote: 'Nussallergie',
      },
    },
    'rejected order',
  );
  for (const secret of ['guest@example.com', 'Gastmann', '1234567', 'Torstraße', 'Nussallergie'])
    assert.not.ok(text().includes(secret), secret);
  assert.ok(text().includes('"id":"w1"'));
});

test('given errors, secrets and erased values, when logged, then errors keep their message and erased stays erased', () => {
  const { logger, text } = memoryLog();
  logger.error({ err: new Error('printer on fire'), api: { token: 'secret-token' } }, 'failed');
  logger.info(
    { order: { customer: { firstName: erased } }, deep: [[[[[[[[[[[[[{ phone: '1' }]]]]]]]]]]]]] },
    'x',
  );
  const self: Record<string, unknown> = { id: 'loop' };
  self.self = self;
  logger.info({ self }, 'cycle');
  assert.ok(text().includes('printer on fire'));
  assert.not.ok(text().includes('secret-token'));
  assert.ok(text().includes('"id":"loop"'));
});

test.run();
