import type { KbSearchResultDto } from '@hotline/contracts';
import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input, List, Space, Tag, Typography, type FormInstance } from 'antd';
import { useState } from 'react';
import { api, qs } from '../../../api/client';
import { AsyncView } from '../../../components/AsyncView';
import { useDebounced } from '../../../components/use-debounced';
import type { IntakeValues } from '../validation';

/** 知识库: articles matching what the caller asks (or what the agent searches); one click puts an answer in the reply. */
export function KbPanel({ form }: { form: FormInstance<IntakeValues> }) {
  const content = (Form.useWatch('content', form) ?? '').trim();
  const chosen = Form.useWatch('articleId', form);
  const [typed, setTyped] = useState('');
  const query = useDebounced((typed.trim() || content).slice(0, 500));
  const q = useQuery({
    queryKey: ['kb', query, typed.trim() ? 'typed' : 'call'],
    queryFn: () => api<KbSearchResultDto>(`/kb/articles/search${qs({ q: query, limit: 5, ...(typed.trim() ? {} : { context: 'call' }) })}`),
    enabled: query.length >= 2,
    staleTime: 30_000,
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input.Search allowClear placeholder="搜索知识库（默认按诉求内容）" value={typed} onChange={(e) => setTyped(e.target.value)} data-testid="kb-search" />
      {query.length < 2 ? (
        <Typography.Text type="secondary">填写诉求内容后显示相关知识</Typography.Text>
      ) : (
        <AsyncView loading={q.isLoading} error={q.error} empty={!q.data?.items.length} emptyText="没有相关知识">
          <List
            size="small"
            dataSource={q.data?.items}
            renderItem={({ article }) => (
              <List.Item
                key={article.id}
                data-testid="kb-item"
                actions={[
                  <Button
                    key="use"
                    size="small"
                    type={chosen === article.id ? 'primary' : 'default'}
                    onClick={() => form.setFieldsValue({ reply: article.body, articleId: article.id })}
                    data-testid={`kb-use-${article.id}`}
                  >
                    {chosen === article.id ? '已引用' : '引用此答复'}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={
                    <Space wrap>
                      <span>{article.title}</span>
                      {article.tags.slice(0, 3).map((t) => (
                        <Tag key={t}>{t}</Tag>
                      ))}
                    </Space>
                  }
                  description={
                    <Typography.Paragraph ellipsis={{ rows: 2, expandable: true, symbol: '展开' }} style={{ marginBottom: 0 }}>
                      {article.body}
                    </Typography.Paragraph>
                  }
                />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  引用 {article.useCount} 次
                </Typography.Text>
              </List.Item>
            )}
          />
        </AsyncView>
      )}
    </Space>
  );
}
