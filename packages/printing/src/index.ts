export * from './tickets/index.ts';
export * from './transport/index.ts';
