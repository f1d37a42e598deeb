import { join } from 'node:path';
import { test } from 'uvu';
import { isTicketSkipped, renderTestTicket, renderTicket, toPlainText } from '../src/tickets/index.ts';
import { matchGolden } from './fixtures/golden-file.ts';
import { berlinLayout, firstPrint, fixtures } from './fixtures/orders.ts';

// Each golden file holds what a person reads off the paper, then the receiptline document itself
// (where inversion, sizes and QR codes show). Rewrite them after an intended change with
// `UPDATE_GOLDEN=1 node --import tsx tests/ticket-golden.test.ts` and review the diff.
const goldenDir = join(import.meta.dirname, 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

function golden(name: string, doc: string): void {
  const actual = `${toPlainText(doc, berlinLayout)}\n===== receiptline document =====\n${doc}`;
  matchGolden(join(goldenDir, `${name}.golden.txt`), actual, update);
}

const templates = ['kitchen', 'customer', 'driver', 'cancellation'] as const;

for (const template of templates) {
  for (const [fixture, order] of Object.entries(fixtures)) {
    const doc = renderTicket(template, order, firstPrint, berlinLayout);
    if (isTicketSkipped(doc)) continue;
    test(`${template} ticket for ${fixture} matches its golden file`, () =>
      golden(`${template}-${fixture}`, doc));
  }
}

test('test ticket matches its golden file', () => {
  golden('test-ticket', renderTestTicket('Kitchen printer', firstPrint, berlinLayout));
});

test.run();
