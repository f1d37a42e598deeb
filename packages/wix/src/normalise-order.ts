import type { ItemOption, LineItem, Order, OrderSource, OrderTotals } from '@bonrelay/domain';
import { defined, present } from './defined.ts';
import { customerOf, fulfilmentOf } from './fulfilment.ts';
import { fractionDigitsOf, toMinorUnits } from './money.ts';
import { type WixLineItemShape, type WixOrderShape, wixOrderSchema } from './wix-order-schema.ts';

export type NormalisedOrderResult =
  | { readonly ok: true; readonly order: Order }
  | { readonly ok: false; readonly problem: string };

class NormalisationProblem extends Error {}

type ReadMoney = (amount: string | undefined, path: string) => number | undefined;

function moneyReader(currency: string): ReadMoney {
  const digits = fractionDigitsOf(currency);
  return (amount, path) => {
    if (amount === undefined) return undefined;
    const minor = toMinorUnits(amount, digits);
    if (minor === undefined)
      throw new NormalisationProblem(`${path}: ${JSON.stringify(amount)} is not an exact amount`);
    return minor;
  };
}

function optionsOf(item: WixLineItemShape): ItemOption[] {
  return (item.descriptionLines ?? []).flatMap((line) => {
    const name = present(line.name?.original) ?? present(line.name?.translated);
    const value = present(line.plainText?.original) ?? present(line.colorInfo?.original);
    if (name === undefined) return value === undefined ? [] : [{ name: value }];
    return [defined({ name, value })];
  });
}

function lineItemsOf(order: WixOrderShape, money: ReadMoney): LineItem[] {
  return order.lineItems.map((item, index) => {
    const path = `lineItems[${index}]`;
    const unitPrice = money(item.price.amount, `${path}.price`) ?? 0;
    const linePrice =
      money(
        item.totalPriceAfterTax?.amount ?? item.totalPriceBeforeTax?.amount,
        `${path}.totalPriceAfterTax`,
      ) ?? unitPrice * item.quantity;
    const name = present(item.productName?.original) ?? present(item.productName?.translated) ?? '?';
    return { name, quantity: item.quantity, unitPrice, linePrice, options: optionsOf(item) };
  });
}

function totalsOf(order: WixOrderShape, lineItems: readonly LineItem[], money: ReadMoney): OrderTotals {
  const summary = order.priceSummary;
  const total = money(summary?.total?.amount ?? summary?.totalPrice?.amount, 'priceSummary.total');
  if (total === undefined) throw new NormalisationProblem('priceSummary.total: missing');
  return {
    subtotal:
      money(summary?.subtotal?.amount, 'priceSummary.subtotal') ??
      lineItems.reduce((sum, item) => sum + item.linePrice, 0),
    shipping: money(summary?.shipping?.amount, 'priceSummary.shipping') ?? 0,
    tax: money(summary?.tax?.amount, 'priceSummary.tax') ?? 0,
    discount: money(summary?.discount?.amount, 'priceSummary.discount') ?? 0,
    total,
  };
}

/**
 * Turns a raw Wix order into the restaurant's `Order`, the only shape tickets and views read.
 * Pure and total: a shape it cannot trust becomes a `problem`, never an exception or a guess.
 */
export function normaliseOrder(wixOrder: unknown, source: OrderSource): NormalisedOrderResult {
  const parsed = wixOrderSchema.safeParse(wixOrder);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, problem: `${issue?.path.join('.') || 'order'}: ${issue?.message ?? 'invalid'}` };
  }
  const raw = parsed.data;
  try {
    const money = moneyReader(raw.currency);
    const lineItems = lineItemsOf(raw, money);
    const order: Order = defined({
      id: raw.id,
      number: raw.number === null || raw.number === undefined ? undefined : String(raw.number),
      source,
      status: raw.status,
      paymentStatus: present(raw.paymentStatus),
      createdAt: raw.createdDate,
      currency: raw.currency,
      fulfilment: fulfilmentOf(raw),
      customer: customerOf(raw),
      lineItems,
      note: present(raw.buyerNote),
      totals: totalsOf(raw, lineItems, money),
    });
    return { ok: true, order };
  } catch (error) {
    if (error instanceof NormalisationProblem) return { ok: false, problem: error.message };
    throw error;
  }
}
