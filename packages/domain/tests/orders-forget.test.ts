import assert from 'node:assert/strict';
import { test } from 'uvu';
import { eventLog, sampleOrder } from './support/domain-events.ts';
import { specify } from './support/given-when-then.ts';
import { noOrders, orderRows } from './support/order-rows.ts';

const { given } = specify(orderRows(), noOrders);
const event = eventLog();
const guest = sampleOrder({
  id: 'o1',
  customer: { firstName: 'Anna', lastName: 'Schmidt', phone: '030 123', email: 'anna@example.org' },
  note: 'Ring twice',
  fulfilment: {
    kind: 'delivery',
    wanted: { kind: 'asap' },
    address: { line: 'Torstraße 1', city: 'Berlin' },
    instructions: 'Back door',
  },
});
const other = sampleOrder({ id: 'o2', customer: { firstName: 'Ben' } });

test('given a guest who asked to be forgotten, then every personal field reads [erased] and the food stays', () => {
  given(
    event('OrderReceived', '2024-05-10T11:00:00.000Z', { order: guest }),
    event('OrderReceived', '2024-05-10T11:01:00.000Z', { order: other }),
  )
    .when(
      event('CustomerForgotten', '2024-06-01T09:00:00.000Z', {
        customerId: 'cust-1',
        at: '2024-06-01T09:00:00.000Z',
        orderIds: ['o1'],
      }),
    )
    .then(({ orders }) => {
      const order = orders.o1?.order;
      assert.deepEqual(order?.customer, {
        firstName: '[erased]',
        lastName: '[erased]',
        phone: '[erased]',
        email: '[erased]',
      });
      assert.deepEqual(order?.fulfilment.address, { line: '[erased]', city: '[erased]' });
      assert.equal(order?.fulfilment.instructions, '[erased]');
      assert.equal(order?.note, '[erased]');
      assert.deepEqual(order?.lineItems, guest.lineItems);
      assert.equal(orders.o1?.updatedAt, '2024-06-01T09:00:00.000Z');
      assert.equal(orders.o2?.order.customer.firstName, 'Ben');
    });
});

test('given a guest forgotten, when an order no row holds is named, then nothing changes', () => {
  given(event('OrderReceived', '2024-05-10T11:00:00.000Z', { order: other }))
    .when(
      event('CustomerForgotten', '2024-06-01T09:00:00.000Z', {
        customerId: 'cust-2',
        at: '2024-06-01T09:00:00.000Z',
        orderIds: ['nope'],
      }),
    )
    .then((view, before) => assert.equal(view, before));
});

test.run();
