// `npm run size` first builds each element alone (`vite build --mode size-<tag>`,
// into .size/<tag>/) so size-limit can hold every one to its own budget.
import { readdirSync, rmSync } from 'node:fs';
import { build } from 'vite';

rmSync('.size', { recursive: true, force: true });
for (const tag of readdirSync('src/elements').sort()) {
  await build({ mode: `size-${tag}`, logLevel: 'warn' });
}
