import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

// One eslint process, with the project's own config, lints the same source as if it were each
// file: the type-aware set-up is paid once. Gives the lines no-restricted-syntax reports per file.
function restrictedLines(paths: string[], source: string): Record<string, number[]> {
  const script = `
    const { ESLint } = require('eslint');
    (async () => {
      const eslint = new ESLint({ cwd: ${JSON.stringify(ROOT)} });
      const out = {};
      for (const filePath of ${JSON.stringify(paths)}) {
        const [result] = await eslint.lintText(${JSON.stringify(source)}, { filePath });
        out[filePath] = result.messages
          .filter((m) => m.ruleId === 'no-restricted-syntax')
          .map((m) => m.line);
      }
      process.stdout.write(JSON.stringify(out));
    })();`;
  const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as Record<string, number[]>;
}

const SOURCE = [
  'export const a = Date.now();',
  'export const b = new Date();',
  'export const c = Math.random();',
  "export const d = new Date('2026-04-01T00:00:00Z');",
  "export const e = Date.parse('2026-04-01');",
  'export const f = crypto.randomUUID();',
  '',
].join('\n');

describe('the purity gates in lint', () => {
  it('forbid reading the time outside the Clock, and randomness in domain code; parsing a value is allowed', () => {
    expect(
      restrictedLines(
        [
          'projections/caseload/caseload.ts',
          'libs/victims-code/src/rights.ts',
          'apps/worker/src/projector-runner.ts',
          'libs/clock/src/index.ts',
        ],
        SOURCE,
      ),
    ).toEqual({
      'projections/caseload/caseload.ts': [1, 2, 3, 6],
      'libs/victims-code/src/rights.ts': [1, 2, 3, 6],
      'apps/worker/src/projector-runner.ts': [1, 2],
      'libs/clock/src/index.ts': [],
    });
  });
});
