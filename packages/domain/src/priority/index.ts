export { foldText } from './fold-text.ts';
export { mentionsUrgentWord, priorityOf } from './priority-of.ts';
export type { PriorityRules } from './priority-rules.ts';
export { defaultFalseFriends, defaultPriorityRules, defaultUrgentWords } from './priority-rules.ts';
