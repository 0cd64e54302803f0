// Standalone broker: `tsx src/broker/main.ts` (configuration from the environment, see README).
import { brokerOptionsFromEnv } from './options.ts';
import { startBroker } from './server.ts';

const port = Number(process.env.BROKER_PORT ?? 8787);
const { url } = await startBroker({ port, host: process.env.HOST ?? '127.0.0.1', broker: brokerOptionsFromEnv() });
console.log(`ic-widgets broker listening on ${url}/api/v1`);
