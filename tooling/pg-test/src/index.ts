export { postgresTestUrl } from './postgres-test-url.ts';
export type { TestDatabase } from './test-database.ts';
export { createTestDatabase } from './test-database.ts';
