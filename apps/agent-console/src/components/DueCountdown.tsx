import { Tag } from 'antd';
import { dueText, dueTone, type Due } from './due';
import { useNow } from './use-now';

const COLORS = { green: 'success', yellow: 'warning', red: 'error', stopped: 'default' } as const;

/** A live countdown to a 督办单's or a follow-up's deadline, coloured like the ticket's. */
export function DueCountdown({ due, testId }: { due: Due; testId?: string }) {
  const now = useNow();
  const t = dueTone(due, now);
  return (
    <Tag color={COLORS[t]} data-tone={t} data-testid={testId} style={{ fontVariantNumeric: 'tabular-nums' }}>
      {dueText(due, now)}
    </Tag>
  );
}
