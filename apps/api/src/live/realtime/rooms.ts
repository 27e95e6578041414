import type { ServerEvents, TicketEventName } from '@hotline/contracts';
import type { AuthUser } from '../../access/auth/auth-user';

/** Agents, supervisors and admins: the hotline centre, which hears every event and the wallboard. */
export const STAFF_ROOM = 'staff';
export const departmentRoom = (id: number): string => `dept:${id}`;
export const userRoom = (id: number): string => `user:${id}`;
/** One sign-in's sockets (its refresh-token family), closed when that sign-in ends. */
export const signInRoom = (sessionId: string): string => `signin:${sessionId}`;

/** The rooms a socket joins at connection: what it may hear follows from who it is, never from what it asks. */
export function roomsOf(user: AuthUser): string[] {
  const rooms = [userRoom(user.id)];
  if (user.sessionId) rooms.push(signInRoom(user.sessionId));
  if (user.role === 'handler') {
    if (user.departmentId !== null) rooms.push(departmentRoom(user.departmentId));
  } else {
    rooms.push(STAFF_ROOM);
  }
  return rooms;
}

/** The departments a ticket event concerns: the one holding the ticket and, when it just left, the one it left. */
export function departmentsOf(payload: ServerEvents[TicketEventName]): number[] {
  const ids = new Set<number>();
  if (payload.departmentId !== null) ids.add(payload.departmentId);
  const previous = 'previousDepartmentId' in payload ? payload.previousDepartmentId : null;
  if (previous !== null && previous !== undefined) ids.add(previous);
  return [...ids];
}

/** Whether a user may hear an event about a ticket in these departments. */
export function mayHear(user: AuthUser, departments: readonly number[]): boolean {
  return user.role !== 'handler' || (user.departmentId !== null && departments.includes(user.departmentId));
}
