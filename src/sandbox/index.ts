/** The InvoiceCloud sandbox: see sandbox.ts (the app) and server.ts (on a socket). */
export { createSandbox, type Sandbox, type SandboxOptions } from './sandbox.ts';
export { startSandbox, type RunningSandbox, type StartSandboxOptions } from './server.ts';
export type { SandboxEnv } from './api.ts';
export { BILLER_NAME, DEFAULT_API_KEY } from './fixtures.ts';
export { OPERATION_NAMES, type LoggedOperationName } from './operation-names.ts';
