// `node --import ./log-modules.mjs ...` writes every file module the run loads to stderr
// ("loaded file:///..."): the CLI test checks that a command loads only what it uses.
import { register } from 'node:module';

const hooks = `export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (result.url.startsWith('file:')) process.stderr.write('loaded ' + result.url + '\\n');
  return result;
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
