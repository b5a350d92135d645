import { describe, expect, it } from 'vitest';
import { PageCache, pagesFor, visibleRows } from './virtual';

describe('visibleRows', () => {
  it('covers the viewport plus overscan, clamped to the list', () => {
    expect(visibleRows(0, 460, 46, 1000, 5)).toEqual({ start: 0, end: 16 });
    expect(visibleRows(4600, 460, 46, 1000, 5)).toEqual({ start: 95, end: 116 });
    expect(visibleRows(46 * 998, 460, 46, 1000, 5)).toEqual({ start: 993, end: 1000 });
    expect(visibleRows(0, 460, 46, 0)).toEqual({ start: 0, end: 0 });
  });
});

describe('pagesFor', () => {
  it('lists the pages holding a window', () => {
    expect(pagesFor({ start: 95, end: 116 }, 100)).toEqual([0, 1]);
    expect(pagesFor({ start: 0, end: 16 }, 100)).toEqual([0]);
    expect(pagesFor({ start: 5, end: 5 }, 100)).toEqual([]);
  });
});

describe('PageCache', () => {
  const fetcher = (calls: number[]) => async (offset: number, limit: number) => {
    calls.push(offset);
    return Array.from({ length: limit }, (_, i) => offset + i);
  };

  it('fetches each missing page once and serves rows from it', async () => {
    const cache = new PageCache<number>(10);
    const calls: number[] = [];
    expect(await cache.ensure([0, 1], fetcher(calls))).toBe(true);
    expect(await cache.ensure([1], fetcher(calls))).toBe(false);
    expect(calls).toEqual([0, 10]);
    expect(cache.row(15)).toBe(15);
    expect(cache.row(25)).toBeUndefined();
    expect(await cache.ensure([1], fetcher(calls), true)).toBe(true);
    expect(calls).toEqual([0, 10, 10]);
  });

  it('drops answers that arrive after a reset', async () => {
    const cache = new PageCache<number>(10);
    let release: () => void = () => {};
    const slow = (offset: number) =>
      new Promise<number[]>((resolve) => {
        release = () => resolve([offset]);
      });
    const pending = cache.ensure([0], slow);
    cache.reset();
    release();
    expect(await pending).toBe(false);
    expect(cache.has(0)).toBe(false);
  });
});
