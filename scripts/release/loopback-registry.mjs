// A throwaway npm registry on 127.0.0.1 for the publish dry run: just enough of the registry
// protocol for `npm info`, `npm publish`/`pnpm publish` and `npm install` of what was published.
// Packages live in memory; nothing is proxied to the public registry, so a package that is not
// published here is a 404 (which is how `changeset publish` learns it is unpublished).
import { createServer } from 'node:http';

/**
 * Starts the registry. `token` is the bearer token a publish must carry (as a `.npmrc` gives it).
 * Resolves to { url, packages, close() }; `packages` maps a name to its packument and tarballs.
 */
export async function startLoopbackRegistry({ token }) {
  const packages = new Map(); // name -> { packument, tarballs: Map(file -> Buffer) }
  let url = '';

  const send = (res, status, body) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  };

  const publish = (name, body, res) => {
    const entry = packages.get(name) ?? {
      packument: { _id: name, name, 'dist-tags': {}, versions: {}, time: {} },
      tarballs: new Map(),
    };
    for (const [version, manifest] of Object.entries(body.versions ?? {})) {
      if (entry.packument.versions[version]) {
        send(res, 403, { error: `cannot publish over the existing version ${name}@${version}` });
        return;
      }
      const attachment = Object.entries(body._attachments ?? {})[0];
      if (!attachment) {
        send(res, 400, { error: 'no tarball attached' });
        return;
      }
      const [file, { data }] = attachment;
      const fileName = file.split('/').pop();
      entry.tarballs.set(fileName, Buffer.from(data, 'base64'));
      entry.packument.versions[version] = {
        ...manifest,
        dist: { ...manifest.dist, tarball: `${url}/${encodeURIComponent(name)}/-/${fileName}` },
      };
      entry.packument.time[version] = new Date().toISOString();
    }
    Object.assign(entry.packument['dist-tags'], body['dist-tags']);
    packages.set(name, entry);
    send(res, 201, { ok: true });
  };

  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '');
      if (path === '-/ping') return send(res, 200, {});
      if (path === '-/whoami') return send(res, 200, { username: 'dry-run' });
      const tarball = path.match(/^(@[^/]+\/[^/]+|[^@/][^/]*)\/-\/([^/]+\.tgz)$/);
      if (req.method === 'GET' && tarball) {
        const data = packages.get(tarball[1])?.tarballs.get(tarball[2]);
        if (!data) return send(res, 404, { error: 'not_found' });
        res.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-length': data.length,
        });
        return res.end(data);
      }
      const name = path.match(/^(@[^/]+\/[^/]+|[^@/][^/]*)$/)?.[1];
      if (!name) return send(res, 404, { error: 'not_found' });
      if (req.method === 'GET') {
        const entry = packages.get(name);
        return entry ? send(res, 200, entry.packument) : send(res, 404, { error: 'not_found' });
      }
      if (req.method === 'PUT') {
        if (req.headers.authorization !== `Bearer ${token}`) {
          return send(res, 401, { error: 'publish needs the dry-run token' });
        }
        try {
          return publish(name, JSON.parse(Buffer.concat(chunks).toString('utf8')), res);
        } catch (error) {
          return send(res, 400, { error: `bad publish body: ${error.message}` });
        }
      }
      return send(res, 405, { error: 'method not allowed' });
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    packages,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
