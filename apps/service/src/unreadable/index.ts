export {
  startUnreadableRecovery,
  type UnreadableRecovery,
  type UnreadableRecoveryOptions,
} from './fetch-unreadable-orders.ts';
export { fetchedOrderEvents } from './fetched-order-events.ts';
export {
  type UnreadableOrderAnswer,
  unreadableOrdersPage,
  unreadableOrdersUpdates,
} from './unreadable-orders-page.ts';
export { type UnreadableOrdersView, watchUnreadableOrders } from './unreadable-orders-view.ts';
