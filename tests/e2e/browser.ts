// Shared set-up for the real-browser tests: Debian's Chromium (skipped with a note when missing,
// a failure under CI=true), a real lab server listening on 127.0.0.1 over a temp SQLite file and
// serving the built console (built first when dist/web is missing).
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildApp, type SoclabApp } from '../../server/app.js';
import { ensureConsoleBuilt } from '../web/build-console.js';
import type { ServerConfig } from '../../server/config.js';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(import.meta.dirname, 'screenshots');

/** True when the browser tests can run; without Chromium they skip, except under CI=true (then they fail). */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true') throw new Error(`Chromium not found at ${CHROMIUM}; the console's browser tests need it under CI`);
  console.warn(`[e2e] skipped: Chromium not found at ${CHROMIUM} (apt-get install chromium to run the console's browser tests)`);
  return false;
}

export interface E2eLab {
  app: SoclabApp;
  baseUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startE2eLab(overrides: Partial<ServerConfig> = {}): Promise<E2eLab> {
  ensureConsoleBuilt();
  mkdirSync(SCREENSHOTS, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'soclab-e2e-'));
  const app = await buildApp({ dbPath: join(dir, 'lab.db'), logLevel: 'silent', seedDemo: false, ...overrides });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  // Playwright starts Chromium on a fresh temporary profile (user-data dir) of its own each launch.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
    ],
  });
  return {
    app,
    baseUrl: `http://127.0.0.1:${address.port}`,
    browser,
    close: async () => {
      await browser.close().catch(() => undefined);
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const opened = new WeakMap<E2eLab, BrowserContext[]>();

/** A browser context (own cookies and storage) closed by the lab's closeContexts(). */
export async function newContext(lab: E2eLab, viewport: { width: number; height: number }, deviceScaleFactor = 1): Promise<BrowserContext> {
  const context = await lab.browser.newContext({ baseURL: lab.baseUrl, viewport, deviceScaleFactor });
  let list = opened.get(lab);
  if (!list) opened.set(lab, (list = []));
  list.push(context);
  return context;
}

/** Closes every context newContext opened for `lab` (call after each test). */
export async function closeContexts(lab: E2eLab): Promise<void> {
  for (const c of (opened.get(lab) ?? []).splice(0)) await c.close().catch(() => undefined);
}

/** A fresh browser context (own cookies and storage), with page errors collected for assertions. */
export async function openPage(lab: E2eLab): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await newContext(lab, { width: 1280, height: 900 });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/status of 40[14]/.test(msg.text())) problems.push(`console: ${msg.text()}`);
  });
  return { context, page, problems };
}

export async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByText(`Signed in as ${username}`).waitFor();
}
