import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { freePort, startApiProcess, type ApiProcess } from '../support/api-process';

/** Debian's Chromium: `.ci/run` installs the package when it is missing. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = join(__dirname, '..', '..');
export const SCREENSHOTS = join(ROOT, 'test-artifacts', 'screenshots');
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The real API as a process on a free port, in a fresh data directory, at a fixed time. */
export interface RunningService {
  api: ApiProcess;
  base: string;
  stop: () => Promise<void>;
}

export async function startService(now: string): Promise<RunningService> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vj-browser-'));
  const port = await freePort();
  const api = await startApiProcess(dataDir, port, {
    CLOCK_NOW: now,
    DEADLINE_CHECK_INTERVAL_MS: '0',
    LOG_LEVEL: 'warn',
  });
  return {
    api,
    base: api.baseUrl,
    stop: async () => {
      await api.kill();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Debian's Chromium, headless, with nothing reaching outside (no background networking, no
 * component updates): a missing browser fails the run with what to install, never skips it.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH. The browser tests need it and are not skipped.`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      '--no-first-run',
      '--no-default-browser-check',
      '--metrics-recording-only',
      // CI runs as root, where Chromium's sandbox cannot start.
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
  });
}

/** A browser context as a user in England has it: London time, British English. */
export async function newContext(browser: Browser, base: string): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: base,
    timezoneId: 'Europe/London',
    locale: 'en-GB',
    viewport: { width: 1280, height: 900 },
  });
}

/** The page's CSP violations: each page is checked to have none (scripts run only with the nonce). */
export function watchCspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
      violations.push(message.text());
  });
  return violations;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/**
 * Checks the page against WCAG 2.0, 2.1 and 2.2 A and AA with axe-core (evaluated through the
 * DevTools protocol, so the page's CSP is untouched), and saves a screenshot under
 * test-artifacts/screenshots. Answers the violations, as "rule: help (where)".
 */
export async function checkPage(page: Page, name: string): Promise<string[]> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  await page.evaluate(AXE_SOURCE);
  // Run in the page, which has a DOM: written as text so this file needs no DOM types.
  const violations: unknown = await page.evaluate(`
    axe
      .run(document, {
        runOnly: {
          type: 'tag',
          values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'],
        },
      })
      .then((result) => result.violations)
  `);
  return (violations as AxeViolation[]).map(
    (v) =>
      `${v.id} (${v.impact ?? 'n/a'}): ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`,
  );
}

/** Posts a hand-built journey's events as the agencies' systems do. */
export async function postAsAgency(
  base: string,
  key: string,
  path: string,
  body: unknown,
): Promise<{ victimId: string }> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { victimId: string };
}

/**
 * One user's browser on a service of its own, started at `now` with what `seed` posts: every page
 * the user sees is checked by `check` (screenshot, axe WCAG 2.2 AA, no CSP violation).
 */
export interface BrowserRun {
  page: Page;
  check: (name: string) => Promise<void>;
  close: () => Promise<void>;
}

export async function openBrowserRun(
  now: string,
  seed: (base: string) => Promise<void>,
): Promise<BrowserRun> {
  const browser = await launchChromium();
  const service = await startService(now);
  await seed(service.base);
  const context = await newContext(browser, service.base);
  const page = await context.newPage();
  const csp = watchCspViolations(page);
  return {
    page,
    check: async (name) => {
      expect(await checkPage(page, name)).toEqual([]);
      expect(csp).toEqual([]);
    },
    close: async () => {
      await context.close();
      await browser.close();
      await service.stop();
    },
  };
}

/** The element's text, white space collapsed as a reader sees it, contains `text`. */
export async function expectText(
  locator: { textContent: () => Promise<string | null> },
  text: string,
): Promise<void> {
  expect(((await locator.textContent()) ?? '').replace(/\s+/g, ' ')).toContain(text);
}
