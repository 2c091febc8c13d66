// Shared fixture of the browser tests: the built site (dist/) served on
// 127.0.0.1 and Debian's Chromium driven headless by playwright-core. Every
// request the page or its worker makes is recorded, so tests can assert
// that nothing left the site's origin.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, parse } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../serve.mjs';

export const here = dirname(fileURLToPath(import.meta.url));
export const demoDir = join(here, '..');
export const distDir = join(demoDir, 'dist');
export const repoDir = join(demoDir, '..');

// readShared parses a JSON file of the shared directory (conformance
// vectors) found next to the repository or in any directory above it, as
// the Go tests find it.
export function readShared(name) {
  for (let dir = repoDir; ; dir = dirname(dir)) {
    const path = join(dir, 'shared', name);
    if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8'));
    if (dir === parse(dir).root) throw new Error(`shared/${name} not found in any directory above ${repoDir}`);
  }
}

// The flags DESIGN.md lists for Debian's Chromium in a container.
const FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

// extraArgs are more Chromium flags, for the tests that need them.
export async function openSite({ extraArgs = [] } = {}) {
  const { server, url } = await startServer(distDir);
  const profile = mkdtempSync(join(tmpdir(), 'rm-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [...FLAGS, ...extraArgs],
  });
  const origin = new URL(url).origin;
  const requests = [];
  const record = (req) => requests.push(req.url());
  context.on('request', record);
  const page = context.pages()[0] ?? await context.newPage();
  page.on('request', record);
  const logs = [];
  page.on('console', (msg) => logs.push(`${msg.type()}: ${msg.text()}`));
  page.on('pageerror', (err) => logs.push(`pageerror: ${err.message}`));
  page.on('worker', (w) => w.on('console', (msg) => logs.push(`worker ${msg.type()}: ${msg.text()}`)));
  return {
    url,
    origin,
    page,
    context,
    requests,
    logs,
    foreignRequests: () => requests.filter((u) => !u.startsWith(origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:')),
    async close() {
      await context.close();
      await new Promise((ok) => server.close(ok));
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// inPage runs fn(runtime, arg) in the page against a runtime created once
// per page (window.rt), returning what fn returns. An engine error comes
// back as {error: {...fields of RemoteMediaError}} rather than throwing, so
// tests can check its fields.
export async function inPage(page, fn, arg) {
  return page.evaluate(async ([src, arg]) => {
    if (!window.rt) {
      const { createRuntime } = await import('./remotemedia.js');
      window.rt = await createRuntime();
    }
    const f = new Function(`return (${src})`)();
    try {
      return { value: await f(window.rt, arg) };
    } catch (e) {
      return { error: { name: e.name, message: e.message, code: e.code, exit: e.exit, node: e.node, nodeType: e.nodeType,
        input: e.input, phase: e.phase, problems: e.problems, traceback: e.traceback, pythonType: e.pythonType } };
    }
  }, [fn.toString(), arg]);
}
