import { createHmac } from 'node:crypto';
import type { Order } from '@bonrelay/domain';

/** The same guest types "Maria@Example.com " one day and "maria@example.com" the next. */
export function normalEmail(text: string | undefined): string | undefined {
  const email = text?.trim().toLowerCase();
  return email?.includes('@') ? email : undefined;
}

/** "+49 170 555-0101" and "+491705550101" are one phone; fewer than 5 digits is not a phone. */
export function normalPhone(text: string | undefined): string | undefined {
  const digits = text?.replace(/\D/g, '');
  return digits !== undefined && digits.length >= 5 ? digits : undefined;
}

/** What identifies the guest behind an order: email first, then phone, else the order alone. */
export function customerHandle(order: Order): string {
  const email = normalEmail(order.customer.email);
  if (email) return `email:${email}`;
  const phone = normalPhone(order.customer.phone);
  if (phone) return `phone:${phone}`;
  return `order:${order.id}`;
}

/** What an operator typed into `bonrelay forget`: an email, a phone number, or an order id. */
export function handleForQuery(query: string): string {
  const email = normalEmail(query);
  if (email) return `email:${email}`;
  const trimmed = query.trim();
  const phone = /^[+\d\s()./-]+$/.test(trimmed) ? normalPhone(trimmed) : undefined;
  return phone ? `phone:${phone}` : `order:${trimmed}`;
}

/**
 * The guest's pseudonym: a keyed hash, so the id in the log and in `customer_keys` says nothing
 * about the email or phone to anyone without the master key, yet the same guest always maps to it.
 */
export function customerIdFor(handle: string, idKey: Buffer): string {
  return `cust-${createHmac('sha256', idKey).update(handle).digest('hex').slice(0, 40)}`;
}

/** Every way an operator may name the guest of this order, as handles to compare with a query. */
export function orderHandles(order: Order): string[] {
  const handles = [`order:${order.id}`];
  const email = normalEmail(order.customer.email);
  if (email) handles.push(`email:${email}`);
  const phone = normalPhone(order.customer.phone);
  if (phone) handles.push(`phone:${phone}`);
  return handles;
}
