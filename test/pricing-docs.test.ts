// The pricing docs say which database, version and date are in use, and their provider table is
// what the database's own matching does.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as database from '@pydantic/genai-prices';
import { databaseProviderId, PRICE_DATA_AS_OF, PRICE_DATA_SOURCE, PRICE_DATA_VERSION } from '@promptkit/pricing';
import { repoRoot } from './support/backends.js';

const docs = readFileSync(join(repoRoot, 'docs/pricing.md'), 'utf8');

test('the docs name the price database, its pinned version and the date of its prices', () => {
  assert.ok(docs.includes(`\`${PRICE_DATA_SOURCE}\``));
  assert.ok(docs.includes(`pinned to exactly **${PRICE_DATA_VERSION}**`));
  assert.ok(docs.includes(`**${PRICE_DATA_AS_OF}**`));
  assert.ok(docs.includes(`promptkit_pricing_info{source="${PRICE_DATA_SOURCE}",version="${PRICE_DATA_VERSION}",as_of="${PRICE_DATA_AS_OF}"} 1`));
  assert.doesNotMatch(docs, /bundled/i);
});

test("the documented provider mapping is the database's", () => {
  const table = docs.slice(docs.indexOf('<!-- pricing:providers -->'), docs.indexOf('<!-- /pricing:providers -->'));
  const rows = table.split('\n').filter((line) => line.startsWith('| `'));
  assert.ok(rows.length >= 10, table);
  let labels = 0;
  for (const row of rows) {
    const [, left = '', right = ''] = row.split('|');
    const expected = /none: unpriced/.test(right) ? undefined : /`([^`]+)`/.exec(right)?.[1];
    for (const [, label] of left.matchAll(/`([^`]+)`/g)) {
      assert.equal(databaseProviderId(database, label!), expected, `${label} → ${expected ?? 'none'}`);
      labels++;
    }
  }
  assert.ok(labels >= 30, `${labels} labels checked`);
});
