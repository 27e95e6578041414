import { Tag } from 'antd';
import { countdownText, tone, type Deadline } from './countdown';
import { useNow } from './use-now';

const COLORS = { green: 'success', yellow: 'warning', red: 'error', stopped: 'default' } as const;

/** A live countdown to the deadline, coloured green / yellow / red. */
export function Countdown({ ticket }: { ticket: Deadline }) {
  const now = useNow();
  const t = tone(ticket, now);
  return (
    <Tag color={COLORS[t]} data-tone={t} style={{ fontVariantNumeric: 'tabular-nums' }}>
      {countdownText(ticket, now)}
    </Tag>
  );
}
