import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { T } from '../labels';

/** The move since the period before: up in green, down in red, level, or no rank then. */
export function RankChange({ rank, previousRank }: { rank: number; previousRank: number | null }) {
  if (previousRank === null) return <Typography.Text type="secondary">{T.newcomer}</Typography.Text>;
  const up = previousRank - rank;
  if (up > 0)
    return (
      <span style={{ color: '#389e0d' }} data-testid="rank-up">
        <ArrowUpOutlined /> 上升{up}名
      </span>
    );
  if (up < 0)
    return (
      <span style={{ color: '#cf1322' }} data-testid="rank-down">
        <ArrowDownOutlined /> 下降{-up}名
      </span>
    );
  return (
    <Typography.Text type="secondary">
      <MinusOutlined /> {T.same}
    </Typography.Text>
  );
}
