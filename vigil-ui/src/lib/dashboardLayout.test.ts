import { describe, expect, it } from 'vitest';
import { cellWidth, clampRect, firstFreeSpot, layoutRows, moveBy, overlaps, pixelBox, resizeBy, resolveLayout, type Rect } from './dashboardLayout';

const r = (id: string, x: number, y: number, w: number, h: number): Rect => ({ id, x, y, w, h });

function noOverlap(items: Rect[]): boolean {
  return items.every((a) => items.every((b) => !overlaps(a, b)));
}

describe('clampRect', () => {
  it('keeps panels inside the 12 columns and size limits', () => {
    expect(clampRect(r('a', 10, -3, 6, 0))).toEqual(r('a', 6, 0, 6, 1));
    expect(clampRect(r('a', 0, 2000, 20, 99))).toEqual(r('a', 0, 1000, 12, 40));
    expect(clampRect(r('a', 2.6, 1.4, 3.5, 2.2))).toEqual(r('a', 3, 1, 4, 2));
  });
});

describe('overlaps', () => {
  it('detects shared cells only', () => {
    expect(overlaps(r('a', 0, 0, 6, 4), r('b', 5, 3, 2, 2))).toBe(true);
    expect(overlaps(r('a', 0, 0, 6, 4), r('b', 6, 0, 6, 4))).toBe(false);
    expect(overlaps(r('a', 0, 0, 6, 4), r('b', 0, 4, 6, 4))).toBe(false);
    expect(overlaps(r('a', 0, 0, 6, 4), r('a', 0, 0, 6, 4))).toBe(false);
  });
});

describe('resolveLayout', () => {
  it('pushes covered panels down below the fixed one', () => {
    const out = resolveLayout([r('a', 0, 0, 6, 4), r('b', 6, 0, 6, 4), r('c', 0, 4, 12, 2)], 'b');
    expect(out).toEqual([r('a', 0, 0, 6, 4), r('b', 6, 0, 6, 4), r('c', 0, 4, 12, 2)]);
    const moved = resolveLayout([r('a', 0, 0, 6, 4), r('b', 3, 1, 6, 4), r('c', 0, 4, 12, 2)], 'b');
    expect(moved.find((i) => i.id === 'b')).toEqual(r('b', 3, 1, 6, 4));
    expect(moved.find((i) => i.id === 'a')!.y).toBe(5);
    expect(moved.find((i) => i.id === 'c')!.y).toBe(9);
    expect(noOverlap(moved)).toBe(true);
    expect(moved.map((i) => i.id)).toEqual(['a', 'b', 'c']);
  });
  it('cascades pushes and never leaves an overlap', () => {
    const items = [r('a', 0, 0, 12, 3), r('b', 0, 0, 4, 2), r('c', 2, 1, 4, 2), r('d', 3, 2, 9, 5)];
    const out = resolveLayout(items, 'a');
    expect(noOverlap(out)).toBe(true);
    expect(out.find((i) => i.id === 'a')).toEqual(r('a', 0, 0, 12, 3));
    expect(out.every((i) => i.id === 'a' || i.y >= 3)).toBe(true);
  });
  it('floats panels up into free rows, but not the fixed one', () => {
    const out = resolveLayout([r('a', 0, 6, 6, 4), r('b', 6, 3, 6, 2), r('c', 0, 12, 12, 2)], 'b');
    expect(out).toEqual([r('a', 0, 0, 6, 4), r('b', 6, 3, 6, 2), r('c', 0, 5, 12, 2)]);
    expect(resolveLayout([r('a', 0, 6, 6, 4)], null)).toEqual([r('a', 0, 0, 6, 4)]);
  });
  it('works without a fixed panel', () => {
    expect(noOverlap(resolveLayout([r('a', 0, 0, 6, 6), r('b', 0, 0, 6, 6)]))).toBe(true);
  });
});

describe('pointer snapping', () => {
  it('moves by whole cells', () => {
    expect(moveBy(r('a', 0, 0, 4, 4), 130, 95, 100, 40)).toEqual(r('a', 1, 2, 4, 4));
    expect(moveBy(r('a', 0, 0, 4, 4), 2000, -500, 100, 40)).toEqual(r('a', 8, 0, 4, 4));
  });
  it('resizes from the corner within the columns', () => {
    expect(resizeBy(r('a', 2, 0, 4, 4), 260, 170, 100, 40)).toEqual(r('a', 2, 0, 7, 8));
    expect(resizeBy(r('a', 8, 0, 4, 4), 1000, 0, 100, 40)).toEqual(r('a', 8, 0, 4, 4));
    expect(resizeBy(r('a', 0, 0, 4, 4), -1000, -1000, 100, 40)).toEqual(r('a', 0, 0, 1, 1));
  });
  it('computes cells and pixel boxes', () => {
    expect(cellWidth(1288, 8)).toBe(100);
    expect(pixelBox(r('a', 1, 2, 3, 2), 100, 40, 8)).toEqual({ left: 108, top: 96, width: 316, height: 88 });
  });
});

describe('firstFreeSpot', () => {
  it('fills gaps before adding rows', () => {
    expect(firstFreeSpot([], 6, 4)).toEqual({ x: 0, y: 0 });
    expect(firstFreeSpot([r('a', 0, 0, 6, 4)], 6, 4)).toEqual({ x: 6, y: 0 });
    expect(firstFreeSpot([r('a', 0, 0, 12, 4)], 6, 4)).toEqual({ x: 0, y: 4 });
    expect(layoutRows([r('a', 0, 0, 12, 4), r('b', 0, 4, 3, 7)])).toBe(11);
  });
});
