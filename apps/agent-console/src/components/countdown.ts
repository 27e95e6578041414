import type { SlaState, TicketStatus } from '@hotline/contracts';
import { chineseDuration, timeLeft } from '@hotline/domain';

export type Tone = 'green' | 'yellow' | 'red' | 'stopped';

export interface Deadline {
  status: TicketStatus;
  slaState: SlaState;
  createdAt: string;
  dueAt: string;
}

/** The share of the window left when a ticket turns yellow (the policies' default warning point is 75 %). */
const YELLOW_WHEN_LEFT = 0.25;

/**
 * Colour of a ticket's deadline (颜色管理): red past it, yellow in its last quarter or when the server says warning,
 * green otherwise; a replied or closed ticket's clock has stopped.
 */
export function tone(t: Deadline, now: number): Tone {
  if (t.status === 'replied' || t.status === 'closed') return 'stopped';
  const due = Date.parse(t.dueAt);
  if (t.slaState === 'breached' || now >= due) return 'red';
  const window = due - Date.parse(t.createdAt);
  if (t.slaState === 'warning' || (window > 0 && due - now <= window * YELLOW_WHEN_LEFT)) return 'yellow';
  return 'green';
}

/** 1小时5分 / 3分20秒 / 2天4小时 (libs/domain's chineseDuration). */
export const span = chineseDuration;

export function countdownText(t: Deadline, now: number): string {
  if (t.status === 'closed') return '已办结';
  if (t.status === 'replied') return '已答复';
  return timeLeft(t.dueAt, now);
}
