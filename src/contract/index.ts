export * from './common.ts';
export * from './payments.ts';
export * from './guest.ts';
export * from './sessions.ts';
