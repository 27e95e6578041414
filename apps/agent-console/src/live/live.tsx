import {
  TICKET_EVENT_NAMES,
  type CallRingingPayload,
  type DepartmentDto,
  type EventsSinceDto,
  type FollowUpDuePayload,
  type ServerEventListeners,
  type ServerEvents,
  type SupervisionEventPayload,
  type TicketEventName,
  type TicketUpdatedPayload,
  type UserDto,
  type WarningIssuedPayload,
  type WarningListDto,
} from '@hotline/contracts';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { notification } from 'antd';
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { io, type Socket } from 'socket.io-client';
import { api } from '../api/client';
import { keys } from '../api/queries';
import { useSession } from '../auth/session';
import { warningNotice, withIssued } from '../pages/warnings/labels';

export type LiveStatus = 'connecting' | 'online' | 'offline';
const Ctx = createContext<LiveStatus>('connecting');
const CallCtx = createContext<{ call: CallRingingPayload | null; dismiss: () => void }>({ call: null, dismiss: () => undefined });

type TicketEvent = TicketEventName;

/** What deserves a notification for this user (not every change: only what asks them to act). */
export function notice(user: UserDto, name: TicketEvent, p: ServerEvents[TicketEvent]): string | null {
  const action = (p as TicketUpdatedPayload).action;
  const mine = user.role === 'handler' && p.departmentId === user.departmentId;
  if (name === 'follow_up.due') {
    const tracker = (p as FollowUpDuePayload).trackerId === user.id;
    return tracker ? `工单 ${p.no} 已到跟踪时间，请及时跟踪` : user.role === 'supervisor' ? `工单 ${p.no} 跟踪人未按时跟踪` : null;
  }
  if (name === 'supervision.opened' || name === 'supervision.updated') {
    const o = p as SupervisionEventPayload;
    if (user.role === 'handler') {
      if (!mine) return null;
      if (o.action === 'supervise') return `工单 ${p.no} 收到督办单，请按时反馈`;
      if (o.action === 'supervision_overdue') return `工单 ${p.no} 的督办单逾期未反馈`;
      return null;
    }
    if (user.role === 'supervisor' && o.action === 'supervision_response') return `工单 ${p.no} 的督办单已反馈，待办结`;
    if (user.role === 'supervisor' && o.action === 'supervision_overdue') return `工单 ${p.no} 的督办单逾期未反馈`;
    return null;
  }
  // a leader reads the cases on their page; the events do not say whose case a ticket is
  if (user.role === 'leader') return null;
  if (user.role === 'handler') {
    if (!mine) return null;
    if (action === 'instruct') return `工单 ${p.no} 有领导阅批`;
    if (name === 'ticket.created' && p.status === 'dispatched') return `新工单 ${p.no} 待签收`;
    if (action === 'dispatch') return `新工单 ${p.no} 待签收`;
    if (action === 'urge') return `工单 ${p.no} 被催办`;
    if (name === 'sla.breached') return `工单 ${p.no} 已超期`;
    if (action === 'extension_approved') return `工单 ${p.no} 延期已批准`;
    if (action === 'extension_rejected') return `工单 ${p.no} 延期被驳回`;
    return null;
  }
  if (user.role === 'supervisor' || user.role === 'admin') {
    if (name === 'sla.breached') return `工单 ${p.no} 已超期，请督办`;
    if (action === 'extension_requested') return `工单 ${p.no} 申请延期`;
    return null;
  }
  if (action === 'reply') return `工单 ${p.no} 已答复，待回访`;
  if (action === 'return') return `工单 ${p.no} 被退回，需重新派单`;
  return null;
}

function refresh(queries: QueryClient, ticketId: number): void {
  void queries.invalidateQueries({ queryKey: keys.tickets });
  void queries.invalidateQueries({ queryKey: keys.ticket(ticketId) });
  void queries.invalidateQueries({ queryKey: keys.trail(ticketId) });
  void queries.invalidateQueries({ queryKey: keys.escalations });
  void queries.invalidateQueries({ queryKey: keys.extensions });
  void queries.invalidateQueries({ queryKey: keys.supervisions });
  void queries.invalidateQueries({ queryKey: keys.followUps(ticketId) });
  void queries.invalidateQueries({ queryKey: keys.instructions(ticketId) });
  void queries.invalidateQueries({ queryKey: keys.backlog });
}

/**
 * 预警: the new warning joins the first page of the open (and the unfiltered) lists at once, the lists are read again
 * for their totals, and whoever should know is told — the department's handler to sign for it, the centre's readers.
 */
export async function warningIssued(queries: QueryClient, user: UserDto, p: WarningIssuedPayload): Promise<void> {
  // a department's sockets hear only its own; the list never takes another's whatever arrives
  if (user.role === 'handler' && p.warning.departmentId !== user.departmentId) return;
  queries.setQueriesData<WarningListDto>(
    {
      queryKey: keys.warnings,
      predicate: (q) => {
        const f = q.queryKey[1] as { status?: string; page?: number } | undefined;
        return f?.page === 1 && (f.status === undefined || f.status === 'open');
      },
    },
    (list) => withIssued(list, p.warning),
  );
  void queries.invalidateQueries({ queryKey: keys.warnings });
  const departments = await queries
    .fetchQuery({ queryKey: ['departments'], queryFn: () => api<DepartmentDto[]>('/departments'), staleTime: Infinity })
    .catch(() => [] as DepartmentDto[]);
  const text = warningNotice(user, p.warning, (id) => departments.find((d) => d.id === id)?.name ?? `部门 ${id}`);
  if (text) notification.warning({ ...text, placement: 'bottomRight', duration: 0 });
}

/**
 * The live connection: lists and details refresh when an event about them arrives, the wallboard takes pushed
 * snapshots, and after a gap the console catches up by sequence (or reloads everything when told to).
 */
export function LiveProvider({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const queries = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [call, setCall] = useState<CallRingingPayload | null>(null);
  const cursor = useRef<{ seq?: number; epoch?: string }>({});

  useEffect(() => {
    if (!session) return undefined;
    const { user, token } = session;
    // typed by the contract's event map: a name the API does not send does not compile
    const socket: Socket<ServerEventListeners> = io({ auth: { token }, transports: ['websocket'] });
    const apply = (name: TicketEvent, p: ServerEvents[TicketEvent], announce: boolean) => {
      if (p.seq !== undefined) cursor.current.seq = Math.max(cursor.current.seq ?? 0, p.seq);
      refresh(queries, p.ticketId);
      const text = announce ? notice(user, name, p) : null;
      if (text) notification.info({ message: text, placement: 'bottomRight', duration: 6 });
    };
    const catchUp = async () => {
      const { seq, epoch } = cursor.current;
      const res = await api<EventsSinceDto>(`/events${seq === undefined ? '' : `?since=${seq}&epoch=${encodeURIComponent(epoch ?? '')}`}`);
      if (seq !== undefined && res.reset) await queries.invalidateQueries();
      for (const e of res.events) apply(e.name, e.payload, false);
      cursor.current = { seq: Math.max(res.seq, cursor.current.seq ?? 0), epoch: res.epoch };
    };
    socket.on('connect', () => {
      setStatus('online');
      // warnings are not sequenced (no catch-up): one issued while the console was away shows on reconnect
      void queries.invalidateQueries({ queryKey: keys.warnings });
      catchUp().catch(() => void queries.invalidateQueries());
    });
    socket.on('disconnect', () => setStatus('offline'));
    socket.on('connect_error', () => setStatus('offline'));
    for (const name of TICKET_EVENT_NAMES) socket.on(name, (p: ServerEvents[TicketEvent]) => apply(name, p, true));
    socket.on('wallboard.updated', (snap) => queries.setQueryData(keys.wallboard, snap));
    // telephony screen-pop: only this agent's sockets get it
    socket.on('call.ringing', (p) => setCall(p));
    // 热点: the centre's screens hear of a new hotspot; supervisors are asked to look at it
    socket.on('hotspot.detected', (p) => {
      void queries.invalidateQueries({ queryKey: keys.hotspots });
      if (user.role === 'supervisor' || user.role === 'agent') {
        notification.warning({
          message: `热点预警：${p.hotspot.area}`,
          description: `${p.hotspot.ticketCount} 件同类诉求（${p.hotspot.keywords.slice(0, 3).join('、')}），请关注`,
          placement: 'bottomRight',
          duration: 0,
        });
      }
    });
    socket.on('warning.issued', (p) => void warningIssued(queries, user, p));
    socket.on('hotspot.updated', () => void queries.invalidateQueries({ queryKey: keys.hotspots }));
    // repeat calls and the hotspot of a ticket this agent just registered, found after the commit (the intake form shows them)
    socket.on('ticket.understood', (p) => queries.setQueryData(keys.understood(p.ticketId), p));
    return () => {
      socket.close();
      setStatus('connecting');
    };
  }, [session, queries]);

  return (
    <Ctx.Provider value={status}>
      <CallCtx.Provider value={{ call, dismiss: () => setCall(null) }}>{children}</CallCtx.Provider>
    </Ctx.Provider>
  );
}

/** The call ringing on the signed-in agent's extension, if any. */
export function useIncomingCall() {
  return useContext(CallCtx);
}

export function useLiveStatus(): LiveStatus {
  return useContext(Ctx);
}
