// A read-only npm registry on 127.0.0.1 that serves the packed tarballs, one version each. Used
// as the registry of the `@threadline` scope only (`@threadline:registry=<url>` in a project's
// .npmrc), so an install line from a README runs word for word: our packages and the
// `@threadline/*` dependencies among them come from the tarballs, everything else from the
// public registry, with npm and with pnpm alike.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { basename } from 'node:path';
import { run } from './lib.mjs';

async function manifestOf(tarball) {
  const result = await run('tar', ['-xOzf', tarball, 'package/package.json']);
  if (result.code !== 0)
    throw new Error(`cannot read package.json of ${tarball}: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

/**
 * Starts the registry for `tarballs` (a Map of package name to tarball path). Resolves to
 * { url, close() }. The url has a random path segment, so a package manager's metadata cache
 * from an earlier run (keyed by registry url) can never answer for this run's tarballs.
 */
export async function startTarballRegistry({ tarballs }) {
  const prefix = `/r-${randomBytes(6).toString('hex')}`;
  const packuments = new Map(); // name -> packument
  const files = new Map(); // `${name}/-/${file}` -> Buffer
  let origin = '';
  const entries = [];
  for (const [name, path] of tarballs)
    entries.push({ name, path, manifest: await manifestOf(path) });

  const server = createServer((req, res) => {
    const send = (status, body, type = 'application/json') => {
      const data = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
      res.writeHead(status, { 'content-type': type, 'content-length': data.length });
      res.end(data);
    };
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (req.method !== 'GET' || !path.startsWith(`${prefix}/`))
      return send(404, { error: 'not_found' });
    const rest = path.slice(prefix.length + 1);
    if (files.has(rest)) return send(200, files.get(rest), 'application/octet-stream');
    const packument = packuments.get(rest);
    return packument ? send(200, packument) : send(404, { error: 'not_found' });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  const url = `${origin}${prefix}/`;

  for (const { name, path, manifest } of entries) {
    const data = readFileSync(path);
    const file = basename(path);
    files.set(`${name}/-/${file}`, data);
    const { version } = manifest;
    packuments.set(name, {
      _id: name,
      name,
      'dist-tags': { latest: version },
      versions: {
        [version]: {
          ...manifest,
          _id: `${name}@${version}`,
          dist: {
            tarball: `${url}${name}/-/${file}`,
            shasum: createHash('sha1').update(data).digest('hex'),
            integrity: `sha512-${createHash('sha512').update(data).digest('base64')}`,
          },
        },
      },
      time: { [version]: new Date().toISOString() },
    });
  }
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
