export {
  jobQueuedSchema,
  orderCreatedSchema,
  type ReprintRequest,
  reconciliationSchema,
  reprintRequestSchema,
  reprintsQueuedSchema,
  webhookReceiptSchema,
} from './commands.ts';
export {
  connectivityCheckSchema,
  connectivityStatusSchema,
  offlinePeriodSchema,
  printerConnectivitySchema,
} from './connectivity.ts';
export { healthSchema } from './health.ts';
export * from './list-queries.ts';
export { type LocalOrder, localOrderSchema } from './local-order.ts';
export { orderDetailSchema, orderSchema, orderTicketSchema, orderViewSchema } from './order.ts';
export { printJobSchema, queueSummarySchema } from './print-job.ts';
export { invalidOrderSchema, problemSchema } from './problem.ts';
export { storedEventSchema } from './stored-event.ts';
export { unreadableOrderSchema } from './unreadable-order.ts';
