/**
 * `pylogrx playground`: the page built from web/ (dist/web/index.html, `npm run build:web`), served on
 * 127.0.0.1 until Ctrl-C, or written to a directory. The page runs the core itself; the server only
 * hands it over. A format given on the command line goes into the URL's fragment, which the page reads.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { EXIT_USAGE, say, usageError } from './io.js';

export interface PlaygroundFlags {
  readonly port: number;
  readonly out?: string;
  readonly style: string;
  readonly datefmt?: string;
}

const PAGE = new URL('../web/index.html', import.meta.url);

export async function runPlayground(format: string | undefined, flags: PlaygroundFlags): Promise<number> {
  let page: Buffer;
  try {
    page = readFileSync(PAGE);
  } catch {
    return usageError(`the page is not built (${PAGE.pathname}): run npm run build:web`);
  }
  if (flags.out !== undefined) {
    try {
      mkdirSync(flags.out, { recursive: true });
      writeFileSync(join(flags.out, 'index.html'), page);
    } catch (e) {
      return usageError(`cannot write ${flags.out}: ${(e as Error).message}`);
    }
    say('note', `wrote ${join(flags.out, 'index.html')}`);
    return 0;
  }
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (request.method !== 'GET' && request.method !== 'HEAD') return void response.writeHead(405, { Allow: 'GET, HEAD' }).end();
    if (path !== '/' && path !== '/index.html') return void response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': page.length, 'Cache-Control': 'no-store' });
    response.end(request.method === 'HEAD' ? undefined : page);
  });
  const listening = await new Promise<boolean>((resolve) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      say('error', `cannot listen on 127.0.0.1:${flags.port}: ${e.code === 'EADDRINUSE' ? 'the port is in use (--port 0 takes a free one)' : e.message}`);
      resolve(false);
    });
    server.listen(flags.port, '127.0.0.1', () => resolve(true));
  });
  if (!listening) return EXIT_USAGE;
  const { port } = server.address() as { port: number };
  process.stdout.write(`http://127.0.0.1:${port}/${fragment(format, flags)}\n`);
  say('note', 'serving the playground; Ctrl-C stops it');
  await new Promise<void>((resolve) => {
    const stop = () => {
      server.closeAllConnections();
      server.close(() => resolve());
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

/** The page's state (web/model.ts stateFromFragment): the format, and its style and datefmt when not the defaults. */
function fragment(format: string | undefined, flags: PlaygroundFlags): string {
  if (format === undefined) return '';
  const params = new URLSearchParams({ format });
  if (flags.style !== '%') params.set('style', flags.style);
  if (flags.datefmt !== undefined) params.set('datefmt', flags.datefmt);
  return `#${params}`;
}
