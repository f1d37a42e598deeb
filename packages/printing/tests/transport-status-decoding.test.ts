import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { StatusReplies } from '../src/index.ts';
import { decodePrinterStatus } from '../src/index.ts';

// Bytes as the ESC/POS reference defines them: every reply keeps (b & 0x93) === 0x12.
const fine: StatusReplies = { printer: 0x12, offlineCause: 0x12, paperSensor: 0x12 };

const table: [string, StatusReplies, string][] = [
  ['all clear', fine, 'online'],
  ['drawer pin high only', { ...fine, printer: 0x16 }, 'online'],
  ['paper near end (0x0C)', { ...fine, paperSensor: 0x1e }, 'paper-near-end'],
  ['paper end in the sensor (0x60)', { ...fine, paperSensor: 0x72 }, 'paper-end'],
  ['paper end as the offline cause', { printer: 0x1a, offlineCause: 0x32, paperSensor: 0x7e }, 'paper-end'],
  ['cover open', { printer: 0x1a, offlineCause: 0x16, paperSensor: 0x12 }, 'cover-open'],
  ['cover open wins over paper end', { printer: 0x1a, offlineCause: 0x36, paperSensor: 0x7e }, 'cover-open'],
  ['error as the offline cause', { printer: 0x1a, offlineCause: 0x52, paperSensor: 0x12 }, 'error'],
  ['autocutter error cause', { ...fine, errorCause: 0x1a }, 'error'],
  ['unrecoverable error cause', { ...fine, errorCause: 0x32 }, 'error'],
  ['auto-recoverable error cause', { ...fine, errorCause: 0x52 }, 'error'],
  ['mechanical error cause', { ...fine, errorCause: 0x16 }, 'error'],
  ['offline bit with no cause', { printer: 0x1a, offlineCause: 0x12, paperSensor: 0x12 }, 'offline'],
  ['paper fed by button only', { ...fine, offlineCause: 0x1a }, 'online'],
  ['only the printer byte', { printer: 0x12 }, 'online'],
  ['nothing answered', {}, 'unknown'],
  ['bytes that are not status replies', { printer: 0x00, offlineCause: 0xff }, 'unknown'],
  ['an invalid cause byte is ignored', { printer: 0x12, offlineCause: 0x24 }, 'online'],
];

for (const [name, replies, expected] of table) {
  test(`given ${name}, when decoded, then the printer is ${expected}`, () => {
    assert.is(decodePrinterStatus(replies), expected);
  });
}

test.run();
