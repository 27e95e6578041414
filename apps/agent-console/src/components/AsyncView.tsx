import { Alert, Empty, Skeleton } from 'antd';
import type { ReactNode } from 'react';

/** Every async view the same way: loading, error (the API's words), empty, or the content. */
export function AsyncView({
  loading,
  error,
  empty,
  emptyText = '暂无数据',
  children,
}: {
  loading: boolean;
  error: unknown;
  empty?: boolean;
  emptyText?: string;
  children: ReactNode;
}) {
  if (loading) return <Skeleton active />;
  if (error) return <Alert type="error" showIcon message="加载失败" description={(error as Error).message} />;
  if (empty) return <Empty description={emptyText} />;
  return <>{children}</>;
}
