// A tiny static file server for the built site (dist/), used by scripts/smoke-built.mjs and
// scripts/visual-check.mjs. It serves `root` under the sub-path `base` (e.g. /some/repo/), answers
// like GitHub Pages does for the things the tests look at (Content-Type, nosniff, CORS), and serves
// nothing outside `root`. Extra in-memory files can be mounted at fixed paths with `routes`.
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.mjs': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/**
 * Starts the server on 127.0.0.1 at a free port; resolves to the node:http Server once it listens.
 * @param {{ root: string, base?: string, routes?: Map<string, Buffer | string | { body: Buffer | string, headers: Record<string, string> }> }} options
 *   root: the directory served; base: the sub-path it is served under (ends with "/");
 *   routes: absolute request paths answered with the given body, typed by the path's extension
 *   (with `headers`, sent with those headers too: e.g. a gzip-compressed body with its Content-Encoding).
 */
export function startStaticServer({ root, base = '/', routes = new Map() }) {
  const server = createServer((req, res) => {
    const send = (status, body, type = 'text/plain; charset=utf-8', extra = {}) => {
      // GitHub Pages answers with this header too; it lets another site's page load cluster-timeline.js as a module.
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff', 'Access-Control-Allow-Origin': '*', ...extra });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed', undefined, { Allow: 'GET, HEAD' });
    let path;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      return send(400, 'bad request');
    }
    if (path === base.slice(0, -1)) return send(301, '', undefined, { Location: base });
    if (routes.has(path)) {
      const route = routes.get(path);
      const { body, headers = {} } = typeof route === 'string' || Buffer.isBuffer(route) ? { body: route } : route;
      return send(200, body, TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream', headers);
    }
    if (!path.startsWith(base)) return send(404, 'not found');
    let file = normalize(join(root, path.slice(base.length)));
    if (file !== root && !file.startsWith(root + sep)) return send(404, 'not found');
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file) || !statSync(file).isFile()) return send(404, 'not found');
    send(200, readFileSync(file), TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream');
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok(server));
  });
}
