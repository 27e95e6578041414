import type { WallboardSnapshot } from '@hotline/contracts';
import { Col, Row } from 'antd';

const TILE = { background: '#13284d', borderRadius: 8, padding: 16, height: '100%' } as const;
const points = (v: number | null) => (v === null ? '无数据' : `${v.toFixed(2)}分`);
const move = (rank: number, previous: number | null) => (previous === null ? '' : previous > rank ? ` ↑${previous - rank}` : previous < rank ? ` ↓${rank - previous}` : ' —');

/** This month's ranking (best and worst three) and the open incidents' figures. */
export function InsightTiles({ w, deptName }: { w: WallboardSnapshot; deptName: (id: number | null) => string }) {
  const r = w.ranking;
  const incidents = w.incidents ?? [];
  if (!r && incidents.length === 0) return null;
  const list = (items: NonNullable<WallboardSnapshot['ranking']>['top'], color: string) =>
    items.map((i) => (
      <div key={i.departmentId} style={{ fontSize: 17, display: 'flex', justifyContent: 'space-between' }}>
        <span>
          第{i.rank}名 {deptName(i.departmentId)}
        </span>
        <span style={{ color }}>
          {points(i.score)}
          {move(i.rank, i.previousRank)}
        </span>
      </div>
    ));
  return (
    <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
      {r && (
        <Col span={incidents.length ? 12 : 24}>
          <div style={TILE} data-testid="wallboard-ranking">
            <div style={{ color: '#9fb3d9', fontSize: 16, marginBottom: 4 }}>本月赛马晾晒</div>
            <Row gutter={24}>
              <Col span={12}>{r.top.length ? list(r.top, '#95de64') : <span>暂无排名</span>}</Col>
              <Col span={12}>{list(r.bottom, '#ff7875')}</Col>
            </Row>
          </div>
        </Col>
      )}
      {incidents.length > 0 && (
        <Col span={r ? 12 : 24}>
          <div style={TILE} data-testid="wallboard-incidents">
            <div style={{ color: '#9fb3d9', fontSize: 16, marginBottom: 4 }}>进行中的专项</div>
            {incidents.map((i) => (
              <div key={i.id} style={{ fontSize: 17 }}>
                {i.name}：受理 {i.total}件 · 在办 {i.open}件 · 超期 <span style={{ color: i.overdue ? '#ff7875' : undefined }}>{i.overdue}件</span> · 满意率{' '}
                {i.satisfactionRate.rate === null ? '无回访' : `${(i.satisfactionRate.rate * 100).toFixed(1)}%`}
              </div>
            ))}
          </div>
        </Col>
      )}
    </Row>
  );
}
