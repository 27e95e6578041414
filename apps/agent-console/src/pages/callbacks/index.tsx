import type { TicketListQuery } from '@hotline/contracts';
import { Card } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { TicketTable } from '../../components/TicketTable';

/** 回访: tickets the departments have replied to, waiting for the call back to the citizen. */
export default function CallbacksPage() {
  const [query, setQuery] = useState<TicketListQuery>({ status: 'replied', page: 1, pageSize: 20 });
  return (
    <Card title="待回访">
      <TicketTable
        query={query}
        onQuery={(q) => setQuery({ ...q, status: 'replied' })}
        extra={[{ title: '操作', key: 'ops', width: 90, fixed: 'right', render: (_, t) => <Link to={`/tickets/${t.id}`}>回访</Link> }]}
      />
    </Card>
  );
}
