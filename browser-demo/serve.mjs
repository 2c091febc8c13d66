// A tiny static server for the site: `node serve.mjs DIR [PORT]` serves DIR
// on 127.0.0.1 (make serve-web). The tests import startServer. It sends the
// MIME types browsers insist on (.wasm for streaming compilation, .mjs and
// .js as JavaScript for module workers) and cross-origin isolation headers,
// which give performance.now() (and so the engine's timings) 5 µs resolution,
// and Last-Modified, so a reload revalidates (304) instead of re-downloading.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.zip': 'application/zip',
  '.rmpkg': 'application/zip',
  '.py': 'text/x-python; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

export function startServer(root, port = 0, host = '127.0.0.1') {
  const base = resolve(root);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    let file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    let stat;
    try {
      stat = statSync(file);
      if (stat.isDirectory()) {
        file = join(file, 'index.html');
        stat = statSync(file);
      }
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const modified = stat.mtime.toUTCString();
    const since = req.headers['if-modified-since'];
    if (since && Date.parse(since) >= Math.floor(stat.mtimeMs / 1000) * 1000) {
      res.writeHead(304, { 'Last-Modified': modified, 'Cache-Control': 'no-cache' }).end();
      return;
    }
    res.writeHead(200, {
      'Last-Modified': modified,
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': stat.size,
      'Cache-Control': 'no-cache',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cross-Origin-Resource-Policy': 'same-origin',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok({ server, url: `http://${host}:${server.address().port}/` }));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [root = 'dist', port = '8080'] = process.argv.slice(2);
  const { url } = await startServer(root, Number(port));
  console.log(`serving ${resolve(root)} at ${url} (Ctrl-C to stop)`);
}
