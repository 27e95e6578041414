import type { Role } from '@hotline/contracts';

/** Who is calling, as the access token says. */
export interface AuthUser {
  id: number;
  username: string;
  role: Role;
  departmentId: number | null;
}
