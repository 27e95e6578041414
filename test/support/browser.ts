import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (npm test installs it when missing), never a browser a test tool downloads. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    // the machine's network is closed: without these Chromium keeps trying to reach Google's services
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Screenshots go to test-results/screenshots, or to docs/screenshots with UPDATE_SCREENSHOTS=1 (the README's set). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.UPDATE_SCREENSHOTS === '1' ? join(__dirname, '../../docs/screenshots') : join(__dirname, '../../test-results/screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: false });
}

/** Signs in through the login screen and waits for the role's home screen. */
export async function signIn(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('live-status').waitFor();
}

/**
 * One console suite's browser and the pages it signs in, and their orderly close: the browser first, but never at the
 * cost of leaving the API running (its SLA worker would go on writing into the next suite's database).
 */
export class ConsoleBrowser {
  private browser: Browser | null = null;
  private readonly contexts: BrowserContext[] = [];

  constructor(private readonly viewport = { width: 1600, height: 900 }) {}

  async start(): Promise<void> {
    this.browser = await launchChromium();
  }

  /** A fresh context (zh-CN, Asia/Shanghai), its page not signed in. */
  async page(options: { viewport?: { width: number; height: number } | null } = {}): Promise<Page> {
    const context = await this.browser!.newContext({
      ...(options.viewport === null ? {} : { viewport: options.viewport ?? this.viewport }),
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    this.contexts.push(context);
    return context.newPage();
  }

  /** A page signed in as `username`, on its role's home screen. */
  async open(url: string, username: string, password: string): Promise<Page> {
    const page = await this.page();
    await signIn(page, url, username, password);
    return page;
  }

  /** Closes the pages and the browser (each given 10 s), then the app, whatever happened before. */
  async close(app: { close(): Promise<void> } | undefined): Promise<void> {
    const within = (p: Promise<unknown>, ms: number) => Promise.race([p.catch(() => undefined), new Promise((r) => setTimeout(r, ms))]);
    try {
      await within(Promise.all(this.contexts.map((c) => c.close())), 10_000);
      await within(this.browser?.close() ?? Promise.resolve(), 10_000);
    } finally {
      await app?.close();
    }
  }
}
