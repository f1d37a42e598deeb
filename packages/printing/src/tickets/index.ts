export { renderCancellationTicket } from './cancellation-ticket.ts';
export { renderCustomerReceipt } from './customer-receipt.ts';
export { isTicketSkipped, mapsLink, renderDriverSlip, type TicketSkipped } from './driver-slip.ts';
export { escapePropertyValue, escapeReceiptText } from './escape.ts';
export { type FittedText, fitTextToEncoding } from './fit-text.ts';
export { renderKitchenTicket } from './kitchen-ticket.ts';
export {
  defaultTicketLayout,
  defaultTicketTexts,
  isReceiptEncoding,
  type ReceiptEncoding,
  receiptEncodings,
  type TicketContext,
  type TicketLayout,
  type TicketTexts,
} from './layout.ts';
export { formatAmount, formatMoney, type MoneyPaper } from './money.ts';
export { type PaperSettings, toEscPos, toPlainText, toSvg, UnsupportedEncodingError } from './output.ts';
export { renderTicket } from './render-ticket.ts';
export { renderTestTicket } from './test-ticket.ts';
export { ticketTexts } from './ticket-texts.ts';
