import { describe, expect, it } from 'vitest';
import { messages } from './index';

// Every literal key the sources pass to t() / te() must exist in the English catalogue (and so,
// by i18n.test.ts, in Korean): a typo would otherwise show the raw key on screen.
const SOURCES = import.meta.glob<string>(['../**/*.vue', '../**/*.ts', '!../**/*.test.ts'], { query: '?raw', import: 'default', eager: true });

function has(key: string): boolean {
  let node: unknown = messages.en;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object' || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string';
}

describe('message keys used in the sources', () => {
  it('all exist in the English catalogue', () => {
    const missing: string[] = [];
    expect(Object.keys(SOURCES).length).toBeGreaterThan(50);
    for (const [file, text] of Object.entries(SOURCES)) {
      for (const m of text.matchAll(/\b(?:t|tr|te|i18n\.global\.t)\(\s*'([a-zA-Z0-9_.-]+)'/g)) {
        if (!has(m[1]!)) missing.push(`${file}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
