import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Countdown } from './Countdown';
import { countdownText, span, tone, type Deadline } from './countdown';

const T0 = Date.parse('2026-11-22T00:00:00.000Z');
const ticket = (over: Partial<Deadline> = {}): Deadline => ({
  status: 'accepted',
  slaState: 'on_track',
  createdAt: new Date(T0).toISOString(),
  dueAt: new Date(T0 + 4 * 3600_000).toISOString(),
  ...over,
});
const at = (minutes: number) => T0 + minutes * 60_000;

describe('deadline colour (颜色管理)', () => {
  it('green while more than a quarter of the window is left', () => {
    expect(tone(ticket(), at(0))).toBe('green');
    expect(tone(ticket(), at(179))).toBe('green');
  });
  it('yellow in the last quarter, or when the server already says warning', () => {
    expect(tone(ticket(), at(180))).toBe('yellow');
    expect(tone(ticket(), at(239))).toBe('yellow');
    expect(tone(ticket({ slaState: 'warning' }), at(10))).toBe('yellow');
  });
  it('red at and past the deadline, or when the server says breached', () => {
    expect(tone(ticket(), at(240))).toBe('red');
    expect(tone(ticket(), at(600))).toBe('red');
    expect(tone(ticket({ slaState: 'breached' }), at(1))).toBe('red');
  });
  it('stopped once replied or closed, whatever the time', () => {
    expect(tone(ticket({ status: 'replied' }), at(600))).toBe('stopped');
    expect(tone(ticket({ status: 'closed', slaState: 'breached' }), at(600))).toBe('stopped');
  });
  it('says how long is left or how long overdue', () => {
    expect(countdownText(ticket(), at(0))).toBe('剩余 4小时0分');
    expect(countdownText(ticket(), at(239.5))).toBe('剩余 30秒');
    expect(countdownText(ticket(), at(245))).toBe('超期 5分0秒');
    expect(countdownText(ticket({ status: 'replied' }), at(245))).toBe('已答复');
    expect(span(2 * 86400_000 + 3 * 3600_000)).toBe('2天3小时');
  });
});

describe('<Countdown>', () => {
  it('renders the colour and ticks with the clock', async () => {
    vi.useFakeTimers({ now: at(170) });
    try {
      render(<Countdown ticket={ticket()} />);
      const tag = screen.getByText(/剩余/);
      expect(tag.getAttribute('data-tone')).toBe('green');
      expect(tag.textContent).toBe('剩余 1小时10分');
      await vi.advanceTimersByTimeAsync(11 * 60_000);
      expect(screen.getByText(/剩余/).getAttribute('data-tone')).toBe('yellow');
      await vi.advanceTimersByTimeAsync(60 * 60_000);
      expect(screen.getByText(/超期/).getAttribute('data-tone')).toBe('red');
    } finally {
      vi.useRealTimers();
    }
    // 71 minutes of one-second ticks re-render the tag ~4,000 times: seconds on a busy machine
  }, 30_000);
});
