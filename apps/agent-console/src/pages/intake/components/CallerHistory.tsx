import { normalizePhone } from '@hotline/domain';
import { List, Typography } from 'antd';
import { Link } from 'react-router';
import { useTickets } from '../../../api/queries';
import { AsyncView } from '../../../components/AsyncView';
import { Countdown } from '../../../components/Countdown';
import { countText } from '../../../components/TicketTable';
import { StatusTag } from '../../../components/tags';

/** The caller's earlier tickets, open ones first, as soon as the number is a valid one. */
export function CallerHistory({ phone }: { phone: string | null }) {
  const normalized = phone ? normalizePhone(phone) : null;
  // the phone filter is one read of the caller's index, however many tickets the number has
  const q = useTickets({ phone: normalized ?? undefined, pageSize: 20 }, Boolean(normalized));
  if (!normalized) return <Typography.Text type="secondary">输入来电号码后显示该来电人的历史工单</Typography.Text>;
  const items = [...(q.data?.items ?? [])].sort((a, b) => Number(a.status === 'closed') - Number(b.status === 'closed'));
  return (
    <AsyncView loading={q.isLoading} error={q.error} empty={!items.length} emptyText="该号码没有历史工单">
      <List
        size="small"
        header={<b>历史工单（{countText(q.data?.total ?? 0, q.data?.totalCapped ?? false)}）</b>}
        dataSource={items}
        renderItem={(t) => (
          <List.Item key={t.id} data-testid="history-item">
            <List.Item.Meta
              title={
                <span>
                  <Link to={`/tickets/${t.id}`}>{t.no}</Link> <StatusTag status={t.status} /> <Countdown ticket={t} />
                </span>
              }
              description={t.content.slice(0, 60)}
            />
          </List.Item>
        )}
      />
    </AsyncView>
  );
}
