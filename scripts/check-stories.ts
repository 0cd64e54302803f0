// Opens every story of the built Storybook in real Chromium and fails it on a
// page error, a console error, Storybook's error display, an empty root, a
// failed play function, or any WCAG 2.x A/AA axe violation. The stories' broker
// is a mock service worker (stories/broker-handlers.ts): the errors it answers
// on purpose (a declined card, a refusal, being offline) are the states the
// stories show, not failures; a broker request it has no handler for is.
// `storybook build` succeeds even when every story renders blank, so only
// rendering each story proves the stories work.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type * as Axe from 'axe-core';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const root = resolve(import.meta.dirname, '..');
// IC_STORYBOOK_DIR: another built Storybook; IC_STORY_FILTER: only stories whose id contains it.
const staticDir = resolve(root, process.env.IC_STORYBOOK_DIR ?? 'storybook-static');
const axePath = join(root, 'node_modules/axe-core/axe.min.js');
// The broker's base path, as the contract publishes it (and the stories' broker answers below it).
const brokerPath = (JSON.parse(readFileSync(join(root, 'openapi.json'), 'utf8')) as { servers: { url: string }[] }).servers[0]!.url;
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const concurrency = Number(process.env.IC_STORY_CONCURRENCY ?? 3);
const storyTimeoutMs = 30_000;
const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

interface IndexEntry {
  type: 'story' | 'docs';
  id: string;
  title: string;
  name: string;
}

/** What the page records from Storybook's channel (see the init script). */
interface StoryProbe {
  finished: boolean;
  status?: string;
  errors: string[];
}

type ProbeWindow = Window & { __icStoryProbe?: StoryProbe };

if (!existsSync(join(staticDir, 'index.json'))) {
  console.log('storybook-static/ is missing: building it');
  const built = spawnSync('npx', ['storybook', 'build', '--quiet', '-o', staticDir], {
    cwd: root,
    stdio: 'inherit',
  });
  if (built.status !== 0) {
    console.log('FAIL storybook build');
    finish(0, 1);
  }
}

const index = JSON.parse(readFileSync(join(staticDir, 'index.json'), 'utf8')) as {
  entries: Record<string, IndexEntry>;
};
const stories = Object.values(index.entries).filter((e) => e.type === 'story' && e.id.includes(process.env.IC_STORY_FILTER ?? ''));

const server = await serveStatic(staticDir);
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const profile = mkdtempSync(join(tmpdir(), 'ic-stories-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: chromiumPath,
  headless: true,
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
});
// Functions passed to the page are compiled with their names kept, which wraps
// them in a `__name` helper that only exists on the Node side.
await context.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
await context.addInitScript(probeStoryChannel);

let passed = 0;
let failed = 0;
const queue = [...stories];
try {
  await Promise.all(
    Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
      for (let story = queue.shift(); story; story = queue.shift()) {
        const problems = await checkStory(context, story);
        if (problems.length === 0) {
          passed++;
          console.log(`ok ${story.id}`);
        } else {
          failed++;
          console.log(`FAIL ${story.id}: ${problems.join('; ')}`);
        }
      }
    }),
  );
} finally {
  await context.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}
if (stories.length === 0) {
  // An empty index means the stories glob matched nothing: never a silent pass.
  console.log('FAIL no stories found in storybook-static/index.json');
  failed++;
}
finish(passed, failed);

function finish(passedCount: number, failedCount: number): never {
  console.log(`stories: ${passedCount} passed, ${failedCount} failed`);
  if (process.env.IC_SUMMARY_FILE) {
    writeFileSync(process.env.IC_SUMMARY_FILE, JSON.stringify({ passed: passedCount, failed: failedCount }));
  }
  process.exit(failedCount > 0 ? 1 : 0);
}

async function checkStory(ctx: BrowserContext, story: IndexEntry): Promise<string[]> {
  const problems: string[] = [];
  const page = await ctx.newPage();
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const failedLoad = msg.text().startsWith('Failed to load resource');
    if (failedLoad && msg.location().url.startsWith(`${base}${brokerPath}/`)) return;
    const where = failedLoad ? ` (${msg.location().url})` : '';
    problems.push(`console error: ${msg.text()}${where}`);
  });
  try {
    await page.goto(`${base}/iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story`, {
      timeout: storyTimeoutMs,
    });
    const done = await page
      .waitForFunction(
        () => {
          const probe = (window as ProbeWindow).__icStoryProbe;
          return probe?.finished || document.body.classList.contains('sb-show-errordisplay');
        },
        undefined,
        { timeout: storyTimeoutMs },
      )
      .then(() => true)
      .catch(() => false);
    if (!done) problems.push(`did not finish rendering within ${storyTimeoutMs / 1000} s`);

    const probe = await page.evaluate(() => (window as ProbeWindow).__icStoryProbe);
    problems.push(...(probe?.errors ?? []));
    if (probe?.status && probe.status !== 'success') problems.push(`story finished with status "${probe.status}"`);

    const state = await page.evaluate(async () => {
      const rootEl = document.getElementById('storybook-root');
      // Let pending Lit updates settle before inspecting or auditing.
      const pending: Promise<unknown>[] = [];
      const collect = (node: ParentNode) => {
        for (const el of Array.from(node.querySelectorAll('*'))) {
          const update = (el as Element & { updateComplete?: Promise<unknown> }).updateComplete;
          if (update instanceof Promise) pending.push(update);
          if (el.shadowRoot) collect(el.shadowRoot);
        }
      };
      if (rootEl) collect(rootEl);
      await Promise.race([Promise.all(pending), new Promise((r) => setTimeout(r, 5000))]);
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return {
        errorDisplay: document.body.classList.contains('sb-show-errordisplay'),
        errorText: document.querySelector('#error-message')?.textContent?.trim() ?? '',
        hasRoot: rootEl !== null,
        // Storybook wraps the story in `#root-inner`; that wrapper alone is empty.
        empty: !rootEl || (rootEl.querySelector('*:not(#root-inner)') === null && !rootEl.textContent?.trim()),
        undefinedElements: rootEl
          ? [...new Set(Array.from(rootEl.querySelectorAll('*'), (el) => el.localName))].filter(
              (tag) => tag.includes('-') && !customElements.get(tag),
            )
          : [],
      };
    });
    if (state.errorDisplay) problems.push(`Storybook error display${state.errorText ? `: ${state.errorText}` : ''}`);
    if (!state.hasRoot) problems.push('no #storybook-root');
    else if (state.empty) problems.push('empty #storybook-root');
    for (const tag of state.undefinedElements) problems.push(`<${tag}> is not defined`);

    if (state.hasRoot) problems.push(...(await axeViolations(page)));
  } catch (err) {
    problems.push(`check crashed: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await page.close();
  }
  // First line of each problem only: stack traces would drown the report.
  return [...new Set(problems.map((p) => (p.split('\n')[0] ?? '').slice(0, 400)))];
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: typeof Axe }).axe;
    const result = await axe.run({ include: ['#storybook-root'] }, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      help: v.help,
      targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)),
    }));
  }, axeTags);
  return violations.map((v) => `axe ${v.id} (${v.help}) at ${v.targets.join(', ')}`);
}

/**
 * Runs in the page before Storybook loads: hooks the channel as soon as the
 * preview installs it, and records when the story is finished (rendered and
 * play function done) and any error Storybook reports on the way.
 */
function probeStoryChannel(): void {
  const probe: StoryProbe = { finished: false, errors: [] };
  (window as ProbeWindow).__icStoryProbe = probe;
  const describe = (e: unknown): string => {
    if (e && typeof e === 'object' && 'message' in e) return String((e as { message: unknown }).message);
    return typeof e === 'string' ? e : JSON.stringify(e);
  };
  type Channel = { on(event: string, listener: (...args: unknown[]) => void): void };
  const hooked = new WeakSet<object>();
  const hook = (channel: Channel | undefined) => {
    if (!channel || typeof channel.on !== 'function' || hooked.has(channel)) return;
    hooked.add(channel);
    channel.on('storyFinished', (...args) => {
      probe.finished = true;
      probe.status = (args[0] as { status?: string } | undefined)?.status;
    });
    channel.on('storyErrored', (...args) => probe.errors.push(`story errored: ${describe(args[0])}`));
    channel.on('storyThrewException', (...args) => probe.errors.push(`story threw: ${describe(args[0])}`));
    channel.on('storyMissing', () => probe.errors.push('story missing from the index'));
    channel.on('playFunctionThrewException', (...args) => probe.errors.push(`play function threw: ${describe(args[0])}`));
    channel.on('unhandledErrorsWhilePlaying', (...args) =>
      probe.errors.push(`unhandled errors while playing: ${(args[0] as unknown[]).map(describe).join(', ')}`),
    );
  };
  let current: Channel | undefined;
  Object.defineProperty(globalThis, '__STORYBOOK_ADDONS_CHANNEL__', {
    configurable: true,
    get: () => current,
    set: (value: Channel) => {
      current = value;
      hook(value);
    },
  });
}

function serveStatic(dir: string): Promise<Server> {
  const types: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.mjs': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.json': 'application/json; charset=utf-8',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.ico': 'image/x-icon',
    '.woff2': 'font/woff2',
    '.map': 'application/json; charset=utf-8',
  };
  const srv = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(dir, pathname));
    if (file !== dir && !file.startsWith(dir + sep)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file) && pathname === '/favicon.ico') {
      // Chromium asks for it on its own; a 404 would show up as a console error.
      res.writeHead(204).end();
      return;
    }
    if (!existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((ok) => srv.listen(0, '127.0.0.1', () => ok(srv)));
}
