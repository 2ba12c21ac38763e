import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The project root, found from this file whether it runs from source (jest, swc) or from the
 * build in dist/ (`npm start`): the templates stay in the source tree, and GOV.UK Frontend in
 * node_modules, so both are read from the root rather than beside the compiled file.
 */
function projectRoot(): string {
  let dir = resolve(__dirname);
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'apps'))) {
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error('the project root (package.json beside apps/) is not found');
    dir = parent;
  }
  return dir;
}

const ROOT = projectRoot();

/** Where the pages' Nunjucks templates are. */
export const VIEWS_DIR = join(ROOT, 'apps', 'api', 'src', 'web', 'views');
/** GOV.UK Frontend's precompiled package: its templates, CSS, JS, fonts and images. */
export const GOVUK_FRONTEND_DIST = join(ROOT, 'node_modules', 'govuk-frontend', 'dist');
