// Who may change configuration: ADMIN and OPERATOR; a VIEWER only reads (the server answers 403).
import type { User } from '../api';

const EDITORS = ['ADMIN', 'OPERATOR'];

export function canEdit(user: User | null | undefined): boolean {
  return !!user && user.roles.some((r) => EDITORS.includes(r.replace(/^ROLE_/, '').toUpperCase()));
}
