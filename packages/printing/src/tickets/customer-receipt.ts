import type { Order } from '@bonrelay/domain';
import { dateAndTime, wantedTimeText } from './clock-text.ts';
import { escapePropertyValue } from './escape.ts';
import type { TicketContext, TicketLayout } from './layout.ts';
import { formatAmount, formatMoney } from './money.ts';
import { fulfilmentLabel, paymentLabel } from './order-text.ts';
import { createTicketWriter, type TicketWriter, widths, writeMarks } from './ticket-writer.ts';

function writeHeader(writer: TicketWriter): void {
  const { restaurant, texts } = writer.layout;
  writer.line(`^^^${writer.text(restaurant.name)}`);
  if (restaurant.address) writer.line(writer.text(restaurant.address));
  if (restaurant.phone) writer.line(`${writer.text(texts.phone)} ${writer.text(restaurant.phone)}`);
  if (restaurant.vatId) writer.line(`${writer.text(texts.vatId)} ${writer.text(restaurant.vatId)}`);
}

function writeItems(writer: TicketWriter, order: Order): void {
  const amount = (minor: number) => formatAmount(minor, order.currency, writer.layout);
  const quantities = order.lineItems.map((item) => `${item.quantity}x`.length);
  const units = order.lineItems.map((item) => amount(item.unitPrice).length);
  const lines = order.lineItems.map((item) => amount(item.linePrice).length);
  writer.line(widths(Math.max(2, ...quantities), '*', Math.max(4, ...units), Math.max(4, ...lines)));
  for (const item of order.lineItems) {
    writer.row(
      { markup: `${item.quantity}x` },
      { markup: writer.text(item.name) },
      { markup: writer.text(amount(item.unitPrice)), align: 'right' },
      { markup: writer.text(amount(item.linePrice)), align: 'right' },
    );
    for (const option of item.options) {
      const chosen = option.value ? `${option.name}: ${option.value}` : option.name;
      writer.row({ markup: '' }, { markup: `\\- ${writer.text(chosen)}` }, { markup: '' }, { markup: '' });
    }
  }
  writer.line(widths());
}

function writeTotals(writer: TicketWriter, order: Order): void {
  const { texts } = writer.layout;
  const { totals, currency } = order;
  const amount = (minor: number) => writer.text(formatAmount(minor, currency, writer.layout));
  writer.row({ markup: writer.text(texts.subtotal) }, { markup: amount(totals.subtotal), align: 'right' });
  if (totals.discount !== 0) {
    const off = totals.discount > 0 ? -totals.discount : totals.discount;
    writer.row({ markup: writer.text(texts.discount) }, { markup: amount(off), align: 'right' });
  }
  if (totals.shipping !== 0 || order.fulfilment.kind === 'delivery') {
    writer.row(
      { markup: writer.text(texts.deliveryFee) },
      { markup: amount(totals.shipping), align: 'right' },
    );
  }
  if (totals.tax !== 0)
    writer.row({ markup: writer.text(texts.tax) }, { markup: amount(totals.tax), align: 'right' });
  writer.line('-');
  writer.row(
    { markup: `^^${writer.text(texts.total)}` },
    { markup: `^^${writer.text(formatMoney(totals.total, currency, writer.layout))}`, align: 'right' },
  );
  writer.row(
    { markup: writer.text(texts.payment) },
    { markup: `"${writer.text(paymentLabel(order, texts))}"`, align: 'right' },
  );
}

/**
 * The guest's receipt: who sold it (name, address, VAT id), when, what at which price, the totals
 * Wix computed (never recomputed here: the guest was charged Wix's numbers) and whether it is paid.
 */
export function renderCustomerReceipt(order: Order, context: TicketContext, layout: TicketLayout): string {
  const writer = createTicketWriter(layout);
  const { texts } = layout;
  writeMarks(writer, context);
  writeHeader(writer);
  writer.line('-');
  const number = order.number ? `${writer.text(texts.order)} ${writer.text(order.number)}` : '';
  writer.row({ markup: `^^#${context.ticketNumber}` }, { markup: number, align: 'right' });
  writer.row(
    { markup: writer.text(dateAndTime(order.createdAt, layout)) },
    {
      markup: writer.text(
        `${fulfilmentLabel(order.fulfilment.kind, texts)} ${wantedTimeText(order.fulfilment.wanted, texts.asap, context.printedAt, layout)}`,
      ),
      align: 'right',
    },
  );
  writer.line('-');
  writeItems(writer, order);
  writer.line('-');
  writeTotals(writer, order);
  writer.line('-', `^^${writer.text(texts.thankYou)}`);
  if (layout.customerQrUrl) {
    writer.line(`{code: ${escapePropertyValue(layout.customerQrUrl)}; option: qrcode, 5, m}`);
  }
  return writer.finish();
}
