/**
 * The browser tests' harness: headless Chromium (Debian's, driven by playwright-core), a step
 * runner that, when a step fails, prints the step, the page's address, where its screenshot is
 * and everything the browser console said, axe-core scans, and screenshots of each page under
 * .data/screenshots/web (git-ignored).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { repoRoot } from '../support/system.js';

export const webUrl = process.env.HS_WEB_URL ?? 'http://127.0.0.1:3100';
export const screenshotDir = path.join(repoRoot, '.data', 'screenshots', 'web');

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Debian's Chromium (set-up installs it), or CHROMIUM. */
export function chromiumPath(): string {
  const found = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => p && fs.existsSync(p));
  if (!found) throw new Error('No Chromium: npm test installs Debian’s chromium (or set CHROMIUM)');
  return found;
}

export async function launch(): Promise<Browser> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  return chromium.launch({
    executablePath: chromiumPath(),
    // As root (CI) Chromium needs --no-sandbox; the rest keeps it off the closed network.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** One person's visit: a page whose console is kept, and steps that report well when they fail. */
export class Visit {
  readonly console: string[] = [];
  readonly pageErrors: string[] = [];
  readonly scanned: { name: string; violations: number; serious: number }[] = [];
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {
    page.on('console', (message) => this.console.push(`[${message.type()}] ${message.text()}`));
    page.on('pageerror', (error) => {
      this.pageErrors.push(error.message);
      this.console.push(`[pageerror] ${error.message}`);
    });
    page.on('requestfailed', (request) => this.console.push(`[requestfailed] ${request.method()} ${request.url()} ${request.failure()?.errorText ?? ''}`));
  }

  static async open(browser: Browser): Promise<Visit> {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'ko-KR', timezoneId: 'Asia/Seoul' });
    context.setDefaultTimeout(15_000);
    return new Visit(context, await context.newPage());
  }

  /** Runs a step; on failure prints the step, a screenshot's path and the browser console, then fails. */
  async step<T>(name: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const file = path.join(screenshotDir, `FAILED-${name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60)}.png`);
      const saved = await this.page
        .screenshot({ path: file, fullPage: true })
        .then(() => file)
        .catch((e: unknown) => `(no screenshot: ${String(e)})`);
      console.error(
        [
          `✖ browser step failed: ${name}`,
          `  page:       ${this.page.url()}`,
          `  screenshot: ${saved}`,
          `  browser console (${this.console.length} lines):`,
          ...this.console.slice(-60).map((line) => `    ${line}`),
        ].join('\n'),
      );
      throw error;
    }
  }

  async screenshot(name: string): Promise<string> {
    const file = path.join(screenshotDir, `${name}.png`);
    await this.page.screenshot({ path: file, fullPage: true });
    return file;
  }

  /** axe-core over the whole page as it is now: no serious or critical violation. */
  async scan(name: string): Promise<void> {
    // page.evaluate runs through the DevTools protocol, which the page's CSP does not restrict.
    await this.page.evaluate(axeSource);
    const violations = await this.page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
      }));
    });
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    this.scanned.push({ name, violations: violations.length, serious: serious.length });
    assert.deepEqual(
      serious.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      [],
      `axe on ${name}: serious or critical violations`,
    );
  }

  /** Screenshot and accessibility scan of the page as it is now. */
  async record(name: string): Promise<void> {
    await this.screenshot(name);
    await this.scan(name);
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}

/** The access token the web client holds in this tab (sessionStorage), to check from outside what it did. */
export async function tokenOf(page: Page): Promise<string> {
  const raw = await page.evaluate(() => sessionStorage.getItem('healthsync.session'));
  assert.ok(raw, 'the web client holds a session');
  return (JSON.parse(raw) as { accessToken: string }).accessToken;
}

/** rgb(…) of an element's computed style property. */
export async function styleOf(page: Page, selector: string, property: 'color' | 'background-color'): Promise<string> {
  return page
    .locator(selector)
    .first()
    .evaluate((element, prop) => getComputedStyle(element).getPropertyValue(prop), property);
}
