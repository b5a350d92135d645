// Host tags as the server accepts them (docs/api.md "Host tags"): identifier names, non-blank
// values of at most 256 characters without control characters. The limit of 32 tags per host is
// left to the server, whose 400 message the editor shows.

export type Tags = Record<string, string>;

export const MAX_TAG_VALUE_LENGTH = 256;

const NAME = /^[a-z][a-z0-9_]{0,62}$/;
// Java's Character.isISOControl, which the server applies: C0 controls, DEL and C1 controls.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Why a tag would be refused, or null when it is fine. */
export type TagProblem = 'name' | 'blank' | 'long' | 'control';

/** Checks one tag's name and value (as they will be sent: trim the inputs first). */
export function tagProblem(name: string, value: string): TagProblem | null {
  if (!NAME.test(name)) return 'name';
  if (value.trim() === '') return 'blank';
  if (value.length > MAX_TAG_VALUE_LENGTH) return 'long';
  if (CONTROL.test(value)) return 'control';
  return null;
}

/** A copy of `tags` with `name` set to `value`. */
export function withTag(tags: Tags, name: string, value: string): Tags {
  return { ...tags, [name]: value };
}

/** A copy of `tags` without `name`. */
export function withoutTag(tags: Tags, name: string): Tags {
  const rest = { ...tags };
  delete rest[name];
  return rest;
}

/** Tags in name order, for stable display. */
export function sortedTags(tags: Tags): [string, string][] {
  return Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** True when both hold the same names with the same values. */
export function sameTags(a: Tags, b: Tags): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => k in b && a[k] === b[k]);
}
