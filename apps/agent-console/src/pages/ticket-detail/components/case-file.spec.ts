import type { TicketEventDto } from '@hotline/contracts';
import { describe, expect, it } from 'vitest';
import { caseFileLine } from './case-file';

const dept = (id: number | null) => (id === 13 ? '水电气公用事业' : id === 2 ? '商务局' : '未派单');
const ev = (over: Partial<TicketEventDto>): TicketEventDto => ({
  id: 1,
  action: 'create',
  fromStatus: null,
  toStatus: 'registered',
  actorId: 1,
  actorRole: 'agent',
  actor: { name: '话务员小李', departmentId: null },
  at: '2026-12-03T10:30:00.000Z',
  data: {},
  ...over,
});
const latin = /[A-Za-z]{2,}/;

describe('the case file (一案一档) reads who, what, to whom, with units', () => {
  it('a dispatch names the person, the department it went to and the sign-for limit', () => {
    const l = caseFileLine(
      ev({ action: 'dispatch', fromStatus: 'registered', toStatus: 'dispatched', data: { departmentId: 13, note: '请尽快', acceptDueAt: '2026-12-03T10:45:00.000Z' } }),
      dept,
    );
    expect(l).toMatchObject({ what: '派单', when: '2026年12月3日 18:30', who: '话务员小李（话务员 · 热线中心）', to: '派至 水电气公用事业', statusChange: '已登记 → 待签收' });
    expect(l.details).toEqual(['签收时限：2026年12月3日 18:45前', '备注：请尽快']);
  });

  it('a handler is named with their department', () => {
    const l = caseFileLine(
      ev({ action: 'accept', actorRole: 'handler', actor: { name: '刘建国', departmentId: 13 }, fromStatus: 'dispatched', toStatus: 'accepted', data: { departmentId: 13 } }),
      dept,
    );
    expect(l.who).toBe('刘建国（承办人 · 水电气公用事业）');
  });

  it('extension hours carry 小时, days 天', () => {
    expect(caseFileLine(ev({ action: 'extension_requested', data: { hours: 24, reason: '需更换管道' } }), dept).details).toEqual(['申请延长 24小时', '理由：需更换管道']);
    expect(caseFileLine(ev({ action: 'extension_approved', data: { hours: 48, dueAt: '2026-12-05T10:30:00.000Z' } }), dept).details).toEqual([
      '延长 2天',
      '新时限：2026年12月5日 18:30',
    ]);
  });

  it('merges link the related tickets both ways', () => {
    const merged = caseFileLine(ev({ action: 'duplicate_merged', data: { duplicateId: 7, duplicateNo: '20261203-000007' } }), dept);
    expect(merged.related).toEqual([{ id: 7, no: '20261203-000007', relation: '重复来电' }]);
    expect(merged.to).toBe('重复来电工单 20261203-000007 并入本工单');
    const merge = caseFileLine(ev({ action: 'merge', fromStatus: 'registered', toStatus: 'closed', data: { duplicateOfId: 3, duplicateOfNo: '20261203-000003' } }), dept);
    expect(merge.related).toEqual([{ id: 3, no: '20261203-000003', relation: '合并到原工单' }]);
  });

  it('the system and the clock', () => {
    const l = caseFileLine(ev({ action: 'sla_breached', actorId: null, actorRole: 'system', actor: null, data: { dueAt: '2026-12-03T12:30:00.000Z', lateMs: 90_000 } }), dept);
    expect(l).toMatchObject({ who: '系统', what: '超期', details: ['办理时限：2026年12月3日 20:30', '晚于时限 1分30秒'] });
  });

  it('an unsatisfied callback says where it went back and the new deadline', () => {
    const l = caseFileLine(
      ev({
        action: 'callback',
        fromStatus: 'replied',
        toStatus: 'dispatched',
        data: { satisfaction: 'unsatisfied', reopened: true, reopenCount: 1, departmentId: 2, dueAt: '2026-12-04T02:30:00.000Z' },
      }),
      dept,
    );
    expect(l.to).toBe('退回 商务局重办');
    expect(l.details).toEqual(['满意度：不满意', '第 1 次重办', '新时限：2026年12月4日 10:30']);
  });

  it('no line carries English', () => {
    for (const action of [
      'create',
      'dispatch',
      'accept',
      'return',
      'reply',
      'callback',
      'resolve',
      'urge',
      'reclassify',
      'merge',
      'sla_warning',
      'sla_breached',
      'accept_overdue',
      'extension_requested',
      'extension_approved',
      'extension_rejected',
      'citizen_update',
      'duplicate_merged',
    ] as const) {
      const l = caseFileLine(ev({ action, data: { departmentId: 13, hours: 4, urgency: 'urgent', satisfaction: 'satisfied', urgeCount: 2 } }), dept);
      expect([l.what, l.who, l.to ?? '', ...l.details].join()).not.toMatch(latin);
    }
  });
});

describe('supervision lines (跟踪、督办、包案) read in Chinese with names', () => {
  const person = (id: number | null) => (id === 4 ? '班长王敏' : id === 7 ? '分管领导陈刚' : '话务员小李');
  it('a tracker named, a follow-up, a leader assigned, an instruction', () => {
    expect(caseFileLine(ev({ action: 'track', data: { trackerId: 4, previousTrackerId: 1 } }), dept, person)).toMatchObject({
      what: '指定跟踪人',
      to: '跟踪人：班长王敏',
      details: ['原跟踪人：话务员小李'],
    });
    expect(caseFileLine(ev({ action: 'track', data: { trackerId: 1, automatic: true } }), dept, person).to).toBe('跟踪人：话务员小李（特急工单自动指定）');
    expect(caseFileLine(ev({ action: 'follow_up', data: { contact: 'citizen', note: '已告知市民处理进度' } }), dept, person).details).toEqual([
      '跟踪方式：联系市民',
      '跟踪情况：已告知市民处理进度',
    ]);
    expect(caseFileLine(ev({ action: 'assign_leader', data: { leaderId: 7, note: '积案' } }), dept, person)).toMatchObject({
      to: '包案领导：分管领导陈刚',
      details: ['备注：积案'],
    });
    expect(caseFileLine(ev({ action: 'instruct', data: { text: '三日内办结' } }), dept, person).details).toEqual(['阅批意见：三日内办结']);
  });
  it('an order given, escalated and answered; a redirect', () => {
    const given = caseFileLine(
      ev({ action: 'supervise', data: { kind: 'manual', level: 'centre', dueAt: '2026-12-03T12:30:00.000Z', departmentId: 13, note: '今日办结' } }),
      dept,
      person,
    );
    expect(given).toMatchObject({ what: '督办', to: '督办 水电气公用事业', details: ['督办类型：督办', '督办级别：中心督办', '督办时限：2026年12月3日 20:30', '备注：今日办结'] });
    const up = caseFileLine(
      ev({
        action: 'supervision_overdue',
        actorRole: 'system',
        actor: null,
        data: { kind: 'breach', level: { from: 'centre', to: 'leader' }, dueAt: '2026-12-03T12:30:00.000Z', lateMs: 120_000 },
      }),
      dept,
      person,
    );
    expect(up.details).toEqual(['督办类型：超期督办', '逾期未反馈，由中心督办升级为领导督办', '督办时限：2026年12月3日 20:30', '晚于时限 2分0秒']);
    expect(caseFileLine(ev({ action: 'supervision_response', data: { kind: 'manual', response: '已修复' } }), dept, person).details).toEqual(['督办类型：督办', '反馈：已修复']);
    const moved = caseFileLine(ev({ action: 'redirect', data: { from: 2, departmentId: 13, reason: '属供水问题' } }), dept, person);
    expect(moved).toMatchObject({ what: '改派', to: '改派至 水电气公用事业', details: ['原承办部门：商务局', '改派理由：属供水问题'] });
    for (const l of [given, up, moved]) expect([l.what, l.to, ...l.details].join('')).not.toMatch(latin);
  });
});
