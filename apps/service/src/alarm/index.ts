export type { AlarmInputs, AlarmState } from './alarm-reasons.ts';
export { alarmState } from './alarm-reasons.ts';
export type { AlarmOptions } from './alarm-updates.ts';
export { alarmUpdates } from './alarm-updates.ts';
