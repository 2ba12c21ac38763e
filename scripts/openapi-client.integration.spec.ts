import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const CLIENT_TYPES = 'test/support/api-types.ts';

/** What `npm run openapi:client` writes: openapi-typescript's output, formatted by Prettier. */
function generatedClientTypes(): string {
  const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);
  const generated = execFileSync(bin('openapi-typescript'), ['docs/openapi.json'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return execFileSync(bin('prettier'), ['--stdin-filepath', CLIENT_TYPES], {
    cwd: ROOT,
    encoding: 'utf8',
    input: generated,
  });
}

describe('the committed client types', () => {
  it('are what openapi-typescript generates from docs/openapi.json now (run npm run openapi:client after npm run openapi:generate)', () => {
    expect(readFileSync(join(ROOT, CLIENT_TYPES), 'utf8')).toBe(generatedClientTypes());
  }, 60_000);
});
