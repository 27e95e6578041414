import { CATEGORY_LABELS, SATISFACTION_LABELS } from '@hotline/contracts';
import { Card, Descriptions, Space, Tag, Timeline, Typography } from 'antd';
import { chineseDateTime } from '@hotline/domain';
import { Link, useParams } from 'react-router';
import { useDepartmentName, useStaffName, useTicket, useTrail } from '../../api/queries';
import { AsyncView } from '../../components/AsyncView';
import { Countdown } from '../../components/Countdown';
import { SlaTag, StatusTag, UrgencyTag } from '../../components/tags';
import { ActionPanel } from './components/ActionPanel';
import { CaseCard } from './components/CaseCard';
import { caseFileLine } from './components/case-file';

const RED_LINES = new Set<string>(['sla_breached', 'accept_overdue', 'supervision_overdue']);
const time = (v: string | null) => (v ? chineseDateTime(v) : '—');

/** 一案一档: the ticket, its deadline, the actions the signed-in role may take, who tracks and supervises it, and its whole record. */
export default function TicketDetailPage() {
  const id = Number(useParams().id);
  const ticket = useTicket(id);
  const trail = useTrail(id);
  const deptName = useDepartmentName();
  const staffName = useStaffName();
  const t = ticket.data;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {/* an archived ticket is read-only: no actions to offer */}
      <Card title={t ? `工单 ${t.no}` : '工单'} extra={t && !t.archivedAt && <ActionPanel ticket={t} />}>
        <AsyncView loading={ticket.isLoading} error={ticket.error}>
          {t && (
            <Descriptions column={{ xs: 1, md: 2, lg: 3 }} bordered size="small">
              <Descriptions.Item label="状态">
                <Space>
                  <StatusTag status={t.status} />
                  {t.archivedAt && <Tag title={`归档于 ${time(t.archivedAt)}`}>已归档（只读）</Tag>}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label="紧急程度">
                <UrgencyTag urgency={t.urgency} />
              </Descriptions.Item>
              <Descriptions.Item label="办理时限">
                <Space>
                  {time(t.dueAt)} <Countdown ticket={t} /> <SlaTag state={t.slaState} />
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label="诉求类型">{CATEGORY_LABELS[t.category]}</Descriptions.Item>
              <Descriptions.Item label="承办部门">{deptName(t.departmentId)}</Descriptions.Item>
              <Descriptions.Item label="受理时间">{time(t.createdAt)}</Descriptions.Item>
              <Descriptions.Item label="来电人">{t.callerName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="来电号码">{t.callerPhone}</Descriptions.Item>
              <Descriptions.Item label="地址">{t.address ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="诉求内容" span={3}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{t.content}</Typography.Paragraph>
              </Descriptions.Item>
              {t.reply && (
                <Descriptions.Item label="答复" span={3}>
                  {t.reply}
                </Descriptions.Item>
              )}
              {t.satisfaction && <Descriptions.Item label="满意度">{SATISFACTION_LABELS[t.satisfaction]}</Descriptions.Item>}
              <Descriptions.Item label="催办次数">{t.urgeCount} 次</Descriptions.Item>
              <Descriptions.Item label="重办次数">{t.reopenCount} 次</Descriptions.Item>
              {t.duplicateOfId != null && (
                <Descriptions.Item label="重复件">
                  已并入 <Link to={`/tickets/${t.duplicateOfId}`}>原工单</Link>
                </Descriptions.Item>
              )}
            </Descriptions>
          )}
        </AsyncView>
      </Card>
      {t && (
        <Card title="跟踪督办" data-testid="case-card">
          <CaseCard ticket={t} />
        </Card>
      )}
      <Card title="办理过程（一案一档）">
        <AsyncView loading={trail.isLoading} error={trail.error} empty={!trail.data?.length}>
          <Timeline
            data-testid="timeline"
            items={(trail.data ?? []).map((e) => {
              const line = caseFileLine(e, deptName, staffName);
              return {
                color: RED_LINES.has(e.action) ? 'red' : e.action === 'sla_warning' || e.action === 'follow_up_missed' ? 'orange' : 'blue',
                children: (
                  <div data-testid="timeline-item" data-action={e.action}>
                    <Space size={4} wrap>
                      <b>{line.what}</b>
                      <Typography.Text type="secondary">{line.when}</Typography.Text>
                      <span data-testid="timeline-actor">{line.who}</span>
                      {line.to && <span data-testid="timeline-to">{line.to}</span>}
                      {line.statusChange && <Tag>{line.statusChange}</Tag>}
                    </Space>
                    {line.details.map((d) => (
                      <div key={d} style={{ color: '#666' }}>
                        {d}
                      </div>
                    ))}
                    {line.related.map((r) => (
                      <div key={r.id}>
                        {r.relation}：
                        <Link to={`/tickets/${r.id}`} data-testid="timeline-related">
                          工单 {r.no ?? r.id}
                        </Link>
                      </div>
                    ))}
                  </div>
                ),
              };
            })}
          />
        </AsyncView>
      </Card>
    </Space>
  );
}
