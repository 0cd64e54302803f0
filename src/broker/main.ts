// Standalone broker: `tsx src/broker/main.ts` (configuration from the environment, see README).
import { brokerOptionsFromEnv } from './options.ts';
import { startBroker } from './server.ts';

const port = Number(process.env.BROKER_PORT ?? 8787);
try {
  const { url } = await startBroker({ port, host: process.env.HOST ?? '127.0.0.1', broker: brokerOptionsFromEnv() });
  console.log(`ic-widgets broker listening on ${url}/api/v1`);
} catch (e) {
  // A configuration the broker refuses is the operator's to fix: the reason, not a stack trace.
  console.error((e as Error).message);
  process.exit(1);
}
