import { SLA_STATE_LABELS, STATUS_LABELS, URGENCY_LABELS, type SlaState, type TicketStatus, type Urgency } from '@hotline/contracts';
import { Tag } from 'antd';

const STATUS_COLORS: Record<TicketStatus, string> = {
  registered: 'default',
  dispatched: 'processing',
  accepted: 'blue',
  returned: 'orange',
  replied: 'cyan',
  closed: 'green',
};
const URGENCY_COLORS: Record<Urgency, string> = { extra_urgent: 'red', urgent: 'orange', normal: 'default' };
const SLA_COLORS: Record<SlaState, string> = { on_track: 'success', warning: 'warning', breached: 'error' };

export const StatusTag = ({ status }: { status: TicketStatus }) => <Tag color={STATUS_COLORS[status]}>{STATUS_LABELS[status]}</Tag>;
export const UrgencyTag = ({ urgency }: { urgency: Urgency }) => <Tag color={URGENCY_COLORS[urgency]}>{URGENCY_LABELS[urgency]}</Tag>;
export const SlaTag = ({ state }: { state: SlaState }) => <Tag color={SLA_COLORS[state]}>{SLA_STATE_LABELS[state]}</Tag>;
