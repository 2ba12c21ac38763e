import { readFileSync } from 'node:fs';
import { README, readmeWithRules } from './generate-rules-doc';

describe("the README's Victims' Code rule table", () => {
  it('is generated from the rule data (run npm run docs:rules after changing a rule)', () => {
    const readme = readFileSync(README, 'utf8');
    expect(readme).toEqual(readmeWithRules(readme));
  });
});
