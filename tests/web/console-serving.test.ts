// The server serves the built console under the strict CSP: index.html and its assets, the SPA
// fallback for non-API HTML requests, and JSON 404s for unknown API routes.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findConsoleDir } from '../../server/app.js';
import { startLab, type TestLab } from '../server/helpers.js';
import { ensureConsoleBuilt } from './build-console.js';

describe('console serving', () => {
  let lab: TestLab;
  beforeAll(async () => {
    ensureConsoleBuilt();
    lab = await startLab();
  });
  afterAll(async () => lab?.dispose());

  it('serves index.html with a strict CSP and no inline script or style', async () => {
    const res = await lab.app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    // Every script is external; no style attributes or <style> blocks.
    expect(res.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(res.body).not.toMatch(/<style|style=/);
  });

  it('serves the built assets', async () => {
    const html = (await lab.app.inject({ method: 'GET', url: '/' })).body;
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const a of assets) {
      const res = await lab.app.inject({ method: 'GET', url: a });
      expect(res.statusCode, a).toBe(200);
    }
  });

  it('answers other HTML requests with the console and API routes with the JSON error shape', async () => {
    const page = await lab.app.inject({ method: 'GET', url: '/exercises/3', headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<div id="app">');
    const api = await lab.app.inject({ method: 'GET', url: '/api/nope', headers: { accept: 'text/html' } });
    // Without a session the API answers 401 before routing; never the console's HTML.
    expect(api.statusCode).toBe(401);
    expect(api.headers['content-type']).toMatch(/application\/json/);
    expect(typeof api.json().error.code).toBe('string');
    const unknownAsset = await lab.app.inject({ method: 'GET', url: '/assets/nope.js', headers: { accept: 'text/html,*/*' } });
    expect(unknownAsset.body).not.toContain('<script');
  });

  it('ships no HTML-injection sinks in the console source', () => {
    const dir = findConsoleDir()!;
    expect(existsSync(dir)).toBe(true);
    for (const file of execFileSync('git', ['ls-files', '--others', '--cached', '--exclude-standard', 'web/src']).toString().split('\n').filter(Boolean)) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/dangerouslySetInnerHTML|\.innerHTML|outerHTML|insertAdjacentHTML|document\.write|style=\{/);
    }
  });
});
