import { describe, expect, it } from 'vitest';
import { compareTable, needsTagIds, seriesId } from './compare';
import { unitOfField } from './format';
import type { CompareResponse } from '../overviewApi';

describe('compareTable', () => {
  it('aligns every series on one x axis, labelling shifted ones', () => {
    const response: CompareResponse = {
      resolution: 'RAW',
      from: 0,
      to: 100,
      shift: '1d',
      series: [
        { host: 'a', tags: { cpu: 'total' }, shifted: false, timestamps: [10, 20], values: [1, null] },
        { host: 'a', tags: { cpu: 'total' }, shifted: true, timestamps: [15, 20], values: [3, 4] },
      ],
      stats: [],
    };
    const table = compareTable(response, 'shifted');
    expect(table.xs).toEqual([10, 15, 20]);
    expect(table.lines.map((l) => l.label)).toEqual(['a total', 'a total (shifted)']);
    expect(table.lines.map((l) => l.key)).toEqual(['a', 'a-shifted']);
    expect(table.lines[0]!.avg).toEqual([1, undefined, null]);
    expect(table.lines[1]!.avg).toEqual([undefined, 3, 4]);
  });

  it('adds tag values to ids only when a host has several series', () => {
    const two = [
      { host: 'a', tags: { mount: '/' }, shifted: false },
      { host: 'a', tags: { mount: '/var' }, shifted: false },
    ];
    expect(needsTagIds(two)).toBe(true);
    expect(seriesId(two[1]!, true)).toBe('a-/var');
    expect(needsTagIds([two[0]!, { host: 'a', tags: {}, shifted: true }])).toBe(false);
  });
});

describe('unitOfField', () => {
  it('follows the field-name suffix', () => {
    expect(unitOfField('used_pct')).toBe('pct');
    expect(unitOfField('rx_bytes_ps')).toBe('bytesPs');
    expect(unitOfField('used_bytes')).toBe('bytes');
    expect(unitOfField('connect_ms')).toBe('ms');
    expect(unitOfField('processes')).toBe('count');
  });
});
