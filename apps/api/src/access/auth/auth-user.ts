import type { Role } from '@hotline/contracts';

/** Who is calling, as the access token says. */
export interface AuthUser {
  id: number;
  username: string;
  role: Role;
  departmentId: number | null;
  /** The sign-in the token belongs to (its refresh-token family); absent for tokens made elsewhere (tests, tools). */
  sessionId?: string;
}
