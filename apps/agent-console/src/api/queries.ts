import type {
  DepartmentDto,
  FollowUpDto,
  InstructionDto,
  StaffDto,
  SupervisionDto,
  SupervisionKind,
  SupervisionStatus,
  TicketDto,
  TicketEventDto,
  TicketListPage,
  TicketListQuery,
} from '@hotline/contracts';
import { useQuery } from '@tanstack/react-query';
import { api, qs } from './client';

/** Query keys: live events invalidate by these prefixes. */
export const keys = {
  tickets: ['tickets'] as const,
  ticket: (id: number) => ['ticket', id] as const,
  trail: (id: number) => ['trail', id] as const,
  wallboard: ['wallboard'] as const,
  escalations: ['escalations'] as const,
  extensions: ['extensions'] as const,
  hotspots: ['hotspots'] as const,
  /** 督办单 lists (the supervision page, a handler's inbox, a ticket's orders). */
  supervisions: ['supervisions'] as const,
  followUps: (id: number) => ['follow-ups', id] as const,
  instructions: (id: number) => ['instructions', id] as const,
  backlog: ['backlog'] as const,
  /** 预警 lists (`warning.issued` adds to them). */
  warnings: ['warnings'] as const,
  /** What the service understood of a ticket after registering it (pushed live as `ticket.understood`). */
  understood: (id: number) => ['understood', id] as const,
};

export function useDepartments() {
  return useQuery({ queryKey: ['departments'], queryFn: () => api<DepartmentDto[]>('/departments'), staleTime: Infinity });
}

/** The department's name by id ('未派单' when none). */
export function useDepartmentName(): (id: number | null) => string {
  const { data } = useDepartments();
  return (id) => (id === null ? '未派单' : (data?.find((d) => d.id === id)?.name ?? `部门 ${id}`));
}

export function useTickets(query: TicketListQuery, enabled = true) {
  return useQuery({
    queryKey: [...keys.tickets, query],
    queryFn: () => api<TicketListPage>(`/tickets${qs({ ...query })}`),
    enabled,
    placeholderData: (prev) => prev,
  });
}

export function useTicket(id: number) {
  return useQuery({ queryKey: keys.ticket(id), queryFn: () => api<TicketDto>(`/tickets/${id}`) });
}

export function useTrail(id: number) {
  return useQuery({ queryKey: keys.trail(id), queryFn: () => api<TicketEventDto[]>(`/tickets/${id}/events`) });
}

/** The centre's agents, supervisors and leaders by name (for trackers, leaders, follow-ups and instructions). */
export function useStaff() {
  return useQuery({ queryKey: ['staff'], queryFn: () => api<StaffDto[]>('/users/directory'), staleTime: 5 * 60_000 });
}

/** A person's name by id ('—' for none; `用户 7` until the directory has loaded or when unknown). */
export function useStaffName(): (id: number | null) => string {
  const { data } = useStaff();
  return (id) => (id === null ? '—' : (data?.find((u) => u.id === id)?.displayName ?? `用户 ${id}`));
}

/** A ticket's 督办单, open first by deadline. */
export function useTicketSupervisions(ticketId: number) {
  return useQuery({
    queryKey: [...keys.supervisions, { ticketId }],
    queryFn: () => api<{ items: SupervisionDto[]; total: number }>(`/supervisions${qs({ ticketId })}`),
  });
}

export function useFollowUps(id: number) {
  return useQuery({ queryKey: keys.followUps(id), queryFn: () => api<FollowUpDto[]>(`/tickets/${id}/follow-ups`) });
}

export function useInstructions(id: number) {
  return useQuery({ queryKey: keys.instructions(id), queryFn: () => api<InstructionDto[]>(`/tickets/${id}/instructions`) });
}

/** 督办单 by status, kind and department, open first by deadline (a handler gets its department's only). */
export function useOrders(filter: { status?: SupervisionStatus; kind?: SupervisionKind; departmentId?: number }, enabled = true) {
  return useQuery({
    queryKey: [...keys.supervisions, filter],
    queryFn: () => api<{ items: SupervisionDto[]; total: number }>(`/supervisions${qs(filter)}`),
    enabled,
    placeholderData: (prev) => prev,
  });
}
