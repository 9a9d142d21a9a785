// `npm run build:web`: web/ → dist/web/index.html, one static page with the core, its CSS and the YAML
// library inline (esbuild bundles and minifies; the page loads nothing else, so it works offline and
// from a file). The core's yaml.ts loads the library through node:module; the page gets web/yaml.ts.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = dirname(fileURLToPath(import.meta.url));
const out = join(web, '..', 'dist', 'web', 'index.html');

const browserYaml = {
  name: 'browser-yaml',
  setup(b) {
    b.onResolve({ filter: /\/yaml\.js$/ }, (args) => (args.importer.includes('/src/core/') ? { path: join(web, 'yaml.ts') } : undefined));
  },
};

const bundled = await build({
  entryPoints: [join(web, 'main.ts')],
  bundle: true,
  minify: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  legalComments: 'none',
  write: false,
  plugins: [browserYaml],
});
const script = bundled.outputFiles[0].text.replace(/<\/(script)/giu, '<\\/$1');
const style = readFileSync(join(web, 'style.css'), 'utf8');
const page = readFileSync(join(web, 'index.html'), 'utf8')
  .replace('/*STYLE*/', () => style)
  .replace('/*SCRIPT*/', () => script);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, page);
console.log(`wrote ${out} (${Buffer.byteLength(page)} bytes)`);
