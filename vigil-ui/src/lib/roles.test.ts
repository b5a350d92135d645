import { describe, expect, it } from 'vitest';
import { canEdit } from './roles';

describe('canEdit', () => {
  it('lets admins and operators edit, not viewers or nobody', () => {
    expect(canEdit({ username: 'a', roles: ['ADMIN'] })).toBe(true);
    expect(canEdit({ username: 'o', roles: ['OPERATOR'] })).toBe(true);
    expect(canEdit({ username: 'o', roles: ['ROLE_OPERATOR'] })).toBe(true);
    expect(canEdit({ username: 'v', roles: ['VIEWER'] })).toBe(false);
    expect(canEdit(null)).toBe(false);
  });
});
