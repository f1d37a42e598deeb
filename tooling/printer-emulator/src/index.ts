export type {
  CloudprntEmulatedJob,
  CloudprntEmulator,
  CloudprntEmulatorOptions,
} from './cloudprnt-client.ts';
export { startCloudprntEmulator } from './cloudprnt-client.ts';
export type { EmulatedJob, PrinterEmulator, PrinterEmulatorOptions } from './emulator.ts';
export { startPrinterEmulator } from './emulator.ts';
export type { FaultMode } from './fault-mode.ts';
export { faultModes, isFaultMode } from './fault-mode.ts';
export { renderPlainText } from './plain-text.ts';
export type { UsbPtyPrinter } from './usb-pty.ts';
export { canEmulateUsb, startUsbPty } from './usb-pty.ts';
export type { FakeUsbSysfs, UsbIds } from './usb-sysfs-fake.ts';
export { fakeUsbSysfs } from './usb-sysfs-fake.ts';
