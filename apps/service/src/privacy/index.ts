/** What an erased field reads as, and where an order names its guest: the domain's words. */
export { erased, personalValues } from '@bonrelay/domain';
export { customerHandle, customerIdFor, handleForQuery, normalEmail, normalPhone } from './customer-id.ts';
export { type ForgetDependencies, type ForgetReport, forgetCustomer } from './forget-customer.ts';
export { guestPersonalData, withheldPersonalData } from './guest-personal-data.ts';
export { type Keyring, KeyringMismatchError, type KeyringOptions, openKeyring } from './keyring.ts';
export {
  type KeyLogger,
  loadOrCreateMasterKey,
  MasterKeyError,
  masterKeyBytes,
  readMasterKey,
} from './master-key.ts';
export {
  createPrivacyCodec,
  orderEventTypes,
  type PrivacyCodecOptions,
  type SealedPersonalData,
} from './privacy-codec.ts';
export { masterKeyFile, openPrivateEventStore, type PrivateEventStore } from './private-event-store.ts';
export { redactPersonalData } from './redact-personal-data.ts';
export { createViewSealer, type RowSealer } from './view-sealer.ts';
