import type { Role, TicketAction, TicketDto } from '@hotline/contracts';
import { availableActions } from '@hotline/domain';

/** What a button on the detail page may do: the contract's actions, and the extension request of a handler. */
export type ConsoleAction = TicketAction | 'extension';

export const CONSOLE_ACTION_LABELS: Record<ConsoleAction, string> = {
  dispatch: '派单',
  accept: '签收',
  return: '退单',
  reply: '答复',
  callback: '回访',
  resolve: '当场答复办结',
  urge: '催办',
  reclassify: '修改分类',
  merge: '合并重复件',
  redirect: '改派',
  extension: '申请延期',
};

/** The buttons the signed-in role sees now, from the one transition table (libs/domain). */
export function actionsFor(role: Role, ticket: Pick<TicketDto, 'status'>): ConsoleAction[] {
  const out: ConsoleAction[] = availableActions(role, ticket.status);
  if (role === 'handler' && (ticket.status === 'dispatched' || ticket.status === 'accepted')) out.push('extension');
  return out;
}
