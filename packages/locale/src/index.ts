export type { Catalog, MessageKey } from './catalogs/en.ts';
export { catalogs, fallbackLanguage } from './catalogs/index.ts';
export { localeChain, localeProblem, spokenLanguages } from './locale-chain.ts';
export {
  type MessageValues,
  messageFor,
  type ParsedMessage,
  type Translator,
  translatorFor,
} from './translator.ts';
