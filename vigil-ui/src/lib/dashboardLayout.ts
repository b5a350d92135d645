// Dashboard grid maths: 12 columns, rows of fixed height, panels snapped to cells and never
// overlapping (a panel that would be covered is pushed down). Pure functions, unit-tested.

export const COLUMNS = 12;
export const MAX_Y = 1000;
export const MAX_H = 40;

export interface Rect {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

function clamp(v: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, v));
}

/** The rectangle moved and sized into the grid: 1..12 wide, inside the columns, y and h bounded. */
export function clampRect<T extends Rect>(r: T): T {
  const w = clamp(Math.round(r.w), 1, COLUMNS);
  const x = clamp(Math.round(r.x), 0, COLUMNS - w);
  const h = clamp(Math.round(r.h), 1, MAX_H);
  const y = clamp(Math.round(r.y), 0, MAX_Y);
  return { ...r, x, y, w, h };
}

export function overlaps(a: Rect, b: Rect): boolean {
  return a.id !== b.id && a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/**
 * Resolves overlaps, keeping `fixedId` (the panel the user just moved or resized) where it is:
 * the others are placed top to bottom, each pushed down below whatever it would cover, then
 * floated up into any free rows above them. The result keeps the input order.
 */
export function resolveLayout<T extends Rect>(items: T[], fixedId: string | null = null): T[] {
  const clamped = items.map(clampRect);
  const fixed = clamped.find((r) => r.id === fixedId);
  const rest = clamped
    .filter((r) => r !== fixed)
    .sort((a, b) => a.y - b.y || a.x - b.x);
  const placed: T[] = fixed ? [fixed] : [];
  for (const item of rest) {
    const r = { ...item };
    for (;;) {
      const hit = placed.find((p) => overlaps(p, r));
      if (!hit) break;
      r.y = hit.y + hit.h;
    }
    placed.push(r);
  }
  compactUp(placed, fixed?.id ?? null);
  const byId = new Map(placed.map((r) => [r.id, r]));
  return clamped.map((r) => byId.get(r.id)!);
}

/** Grid cell size in pixels for a container `width` wide with `gap` pixels between columns. */
export function cellWidth(width: number, gap: number): number {
  return Math.max(1, (width - gap * (COLUMNS - 1)) / COLUMNS);
}

/** Where a panel dragged by (dx, dy) pixels lands, snapped to whole cells. */
export function moveBy<T extends Rect>(r: T, dx: number, dy: number, colPx: number, rowPx: number): T {
  return clampRect({ ...r, x: r.x + Math.round(dx / colPx), y: r.y + Math.round(dy / rowPx) });
}

/** The size a panel's corner handle dragged by (dx, dy) pixels gives, snapped to whole cells. */
export function resizeBy<T extends Rect>(r: T, dx: number, dy: number, colPx: number, rowPx: number): T {
  const w = clamp(r.w + Math.round(dx / colPx), 1, COLUMNS - r.x);
  return clampRect({ ...r, w, h: r.h + Math.round(dy / rowPx) });
}

/** Pixel box of a rectangle on the grid. */
export function pixelBox(r: Rect, colPx: number, rowPx: number, gap: number): { left: number; top: number; width: number; height: number } {
  return {
    left: r.x * (colPx + gap),
    top: r.y * (rowPx + gap),
    width: r.w * colPx + (r.w - 1) * gap,
    height: r.h * rowPx + (r.h - 1) * gap,
  };
}

/** Rows the layout occupies (for the container's height). */
export function layoutRows(items: Rect[]): number {
  return items.reduce((max, r) => Math.max(max, r.y + r.h), 0);
}

/** The first free place for a new w x h panel: scanning rows top down, columns left to right. */
export function firstFreeSpot(items: Rect[], w: number, h: number): { x: number; y: number } {
  const width = clamp(w, 1, COLUMNS);
  const bottom = layoutRows(items);
  for (let y = 0; y <= bottom; y++) {
    for (let x = 0; x + width <= COLUMNS; x++) {
      const probe = { id: '\u0000new', x, y, w: width, h };
      if (!items.some((r) => overlaps(r, probe))) return { x, y };
    }
  }
  return { x: 0, y: bottom };
}

/** Moves every panel but `fixedId` up while the rows above it are free (top ones first). */
function compactUp(items: Rect[], fixedId: string | null): void {
  const order = [...items].sort((a, b) => a.y - b.y || a.x - b.x);
  for (const item of order) {
    if (item.id === fixedId) continue;
    while (item.y > 0 && !items.some((o) => overlaps(o, { ...item, y: item.y - 1 }))) item.y--;
  }
}
