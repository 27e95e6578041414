import type { DepartmentDto, TicketDto, TicketEventDto, TicketListPage, TicketListQuery } from '@hotline/contracts';
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
