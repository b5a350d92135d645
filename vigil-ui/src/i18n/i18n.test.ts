import { describe, expect, it } from 'vitest';
import { messages } from './index';

function keys(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('message catalogues', () => {
  it('Korean has every English key and no key English lacks', () => {
    expect(keys(messages.ko).sort()).toEqual(keys(messages.en).sort());
  });

  it('no message is empty', () => {
    for (const locale of ['en', 'ko'] as const) {
      const empty = keys(messages[locale]).filter((k) => {
        const value = k.split('.').reduce<unknown>((o, part) => (o as Record<string, unknown>)[part], messages[locale]);
        return typeof value !== 'string' || value.trim() === '';
      });
      expect(empty, locale).toEqual([]);
    }
  });
});
