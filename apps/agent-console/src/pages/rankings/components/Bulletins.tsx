import type { BulletinHeaderDto, RankingPeriod } from '@hotline/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Space, Table } from 'antd';
import dayjs from 'dayjs';
import { api, currentToken, post } from '../../../api/client';
import { useUser } from '../../../auth/session';
import { T } from '../labels';

/** The bulletin's printable page, fetched with the token, in a new window that prints itself. */
async function printBulletin(id: number): Promise<void> {
  const res = await fetch(`/api/v1/bulletins/${id}?format=html`, { headers: { authorization: `Bearer ${currentToken()}` } });
  const url = URL.createObjectURL(new Blob([await res.text()], { type: 'text/html' }));
  const w = window.open(url, '_blank');
  w?.addEventListener('load', () => w.print());
}

async function downloadXlsx(b: BulletinHeaderDto): Promise<void> {
  const res = await fetch(`/api/v1/bulletins/${b.id}?format=xlsx`, { headers: { authorization: `Bearer ${currentToken()}` } });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(await res.blob());
  a.download = `通报-${b.no}.xlsx`;
  a.click();
}

/** 通报: issued bulletins, and issuing the one of the period on screen (supervisors). */
export function Bulletins({ period, date }: { period: RankingPeriod; date: string | undefined }) {
  const { message } = App.useApp();
  const user = useUser();
  const queries = useQueryClient();
  const list = useQuery({ queryKey: ['bulletins'], queryFn: () => api<BulletinHeaderDto[]>('/bulletins') });
  const issue = async () => {
    try {
      const b = await post<BulletinHeaderDto>('/bulletins', { period, ...(date ? { date } : {}) });
      message.success(`${b.no}通报已印发`);
      await queries.invalidateQueries({ queryKey: ['bulletins'] });
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <Card
      title={T.bulletins}
      extra={
        user.role === 'supervisor' && (
          <Popconfirm title={T.issueConfirm} onConfirm={() => void issue()}>
            <Button type="primary" data-testid="bulletin-issue">
              {T.issue}
            </Button>
          </Popconfirm>
        )
      }
    >
      <Table<BulletinHeaderDto>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data}
        pagination={{ pageSize: 10 }}
        data-testid="bulletins"
        locale={{ emptyText: '暂无通报' }}
        columns={[
          { title: '期号', dataIndex: 'no' },
          { title: '统计期间', key: 'period', render: (_, b) => `${dayjs(b.from).format('YYYY年M月D日')}至${dayjs(b.to).subtract(1, 'ms').format('M月D日')}` },
          { title: '印发时间', dataIndex: 'issuedAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
          {
            title: '操作',
            key: 'ops',
            render: (_, b) => (
              <Space>
                <Button size="small" onClick={() => void printBulletin(b.id)} data-testid={`bulletin-print-${b.id}`}>
                  打印
                </Button>
                <Button size="small" onClick={() => void downloadXlsx(b)}>
                  下载 XLSX
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
