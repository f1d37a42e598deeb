import { dateAndTime } from './clock-text.ts';
import type { TicketContext, TicketLayout } from './layout.ts';
import { createTicketWriter, writeMarks } from './ticket-writer.ts';

// Dishes from the menus this service meets: what survives shows what this code page can print.
const sampleDishes = ['Käsespätzle', 'Phở bò', '寿司', 'Crème brûlée'];

/**
 * Proves a printer works end to end before service: its name, the time, the paper width (a ruler
 * exactly `cpl` wide shows whether the setting matches the paper) and how the code page prints
 * the dishes it will meet.
 */
export function renderTestTicket(printerName: string, context: TicketContext, layout: TicketLayout): string {
  const writer = createTicketWriter(layout);
  const { texts } = layout;
  writeMarks(writer, context);
  writer.line(`\`^^^ ${writer.text(texts.testTitle)} \``);
  writer.line(`^^${writer.text(printerName)}`, writer.text(dateAndTime(context.printedAt, layout)));
  writer.line(writer.text(`${layout.encoding}, ${layout.cpl}`), '-');
  const ruler = Array.from({ length: layout.cpl }, (_, index) => String((index + 1) % 10)).join('');
  writer.line('{width: *}', ruler, '{width: auto}');
  writer.line(...sampleDishes.map((dish) => writer.text(dish)));
  writer.line('^Aa ^^Aa ^^^Aa', '_underline_ "emphasis" `invert`', '-', writer.text(texts.testBody));
  return writer.finish();
}
