// A virtualised list's arithmetic: which rows are visible and which server pages hold them.
// Rows have a fixed height, so the window is pure arithmetic on the scroll position.

export interface RowWindow {
  /** First row to render (inclusive). */
  start: number;
  /** Row after the last to render (exclusive). */
  end: number;
}

export function visibleRows(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  total: number,
  overscan = 5,
): RowWindow {
  if (total <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const count = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(total, first) - overscan);
  const end = Math.min(total, first + count + overscan);
  return { start, end };
}

/** Pages (of `pageSize` rows) that hold rows start..end-1. */
export function pagesFor(window: RowWindow, pageSize: number): number[] {
  if (window.end <= window.start) return [];
  const first = Math.floor(window.start / pageSize);
  const last = Math.floor((window.end - 1) / pageSize);
  const pages: number[] = [];
  for (let p = first; p <= last; p++) pages.push(p);
  return pages;
}

/**
 * Rows fetched page by page. A generation number discards answers to requests made before the
 * last reset (a filter change), so a slow old page never lands in the new result.
 */
export class PageCache<T> {
  private pages = new Map<number, T[]>();
  private pending = new Set<number>();
  private generation = 0;

  constructor(readonly pageSize: number) {}

  reset(): void {
    this.pages.clear();
    this.pending.clear();
    this.generation++;
  }

  row(index: number): T | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  has(page: number): boolean {
    return this.pages.has(page);
  }

  loadedPages(): number[] {
    return [...this.pages.keys()];
  }

  /**
   * Fetches the missing pages among `pages` (all of them when `refresh`); resolves true when
   * something new arrived for the current generation.
   */
  async ensure(pages: number[], fetch: (offset: number, limit: number) => Promise<T[]>, refresh = false): Promise<boolean> {
    const generation = this.generation;
    const wanted = pages.filter((p) => (refresh || !this.pages.has(p)) && !this.pending.has(p));
    if (!wanted.length) return false;
    wanted.forEach((p) => this.pending.add(p));
    try {
      const results = await Promise.all(wanted.map((p) => fetch(p * this.pageSize, this.pageSize)));
      if (generation !== this.generation) return false;
      wanted.forEach((p, i) => this.pages.set(p, results[i]!));
      return true;
    } finally {
      if (generation === this.generation) wanted.forEach((p) => this.pending.delete(p));
    }
  }
}
