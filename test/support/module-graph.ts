/**
 * What an element imported alone brings: its module graph, for the tests
 * that check each element alone registers what its code uses (words, client calls).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Each element's module, src/elements/<tag>/<tag>.ts. */
export function elementEntries(): string[] {
  return readdirSync('src/elements').map((tag) => `src/elements/${tag}/${tag}.ts`);
}

/** The modules an entry loads: its static imports (not `import type`), followed through. */
export function moduleGraph(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const code = readFileSync(entry, 'utf8');
  for (const m of code.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"](\.[^'"]+)['"]/gm)) moduleGraph(resolve(dirname(entry), m[1]!), seen);
  return seen;
}
