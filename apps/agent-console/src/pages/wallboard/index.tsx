import { KPI_LABELS, URGENCY_LABELS, type KpiRateName, type RateDto, type WallboardSnapshot } from '@hotline/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, Col, Row, Typography } from 'antd';
import { chineseClock } from '@hotline/domain';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { keys, useDepartmentName } from '../../api/queries';
import { AsyncView } from '../../components/AsyncView';
import { Countdown } from '../../components/Countdown';
import { useLiveStatus } from '../../live/live';
import { InsightTiles } from './components/InsightTiles';
import { IntakeChart } from './components/IntakeChart';

const RATES: KpiRateName[] = ['completionRate', 'onTimeAcceptRate', 'onTimeReplyRate', 'satisfactionRate', 'directResolutionRate', 'repeatCallRate'];
const pct = (r: RateDto) => (r.rate === null ? '—' : `${(r.rate * 100).toFixed(1)}%`);
const BG = '#0b1a33';
const TILE = { background: '#13284d', borderRadius: 8, padding: 16, height: '100%' } as const;
/** The departments' tiles and the 未派单 tile together are the totals: the wallboard says so, and says when not. */
function tilesAddUp(w: WallboardSnapshot): boolean {
  const tiles = [...w.byDepartment, ...(w.undispatched ? [w.undispatched] : [])];
  const sum = (k: 'open' | 'warning' | 'breached') => tiles.reduce((n, t) => n + t[k], 0);
  return sum('open') === w.totals.open && sum('warning') === w.totals.warning && sum('breached') === w.totals.breached;
}

const tileColor = (d: { warning: number; breached: number }) => (d.breached > 0 ? '#a61d24' : d.warning > 0 ? '#ad8b00' : '#237804');

function Big({ label, value, color }: { label: string; value: string | number; color?: string }) {
  return (
    <div style={TILE}>
      <div style={{ color: '#9fb3d9', fontSize: 18 }}>{label}</div>
      <div style={{ color: color ?? '#fff', fontSize: 44, fontWeight: 700, fontVariantNumeric: 'tabular-nums' }}>{value}</div>
    </div>
  );
}

/** 监控大屏: readable from across the room, pushed live every second while anything changes. */
export default function WallboardPage() {
  const live = useLiveStatus();
  const deptName = useDepartmentName();
  // the first snapshot by GET; then the pushes replace it in the cache (live.tsx); a slow poll covers a lost push
  const q = useQuery({ queryKey: keys.wallboard, queryFn: () => api<WallboardSnapshot>('/wallboard'), refetchInterval: 30_000 });
  const w = q.data;
  return (
    <div style={{ background: BG, margin: -24, padding: 24, minHeight: 'calc(100vh - 64px)', color: '#fff' }} data-testid="wallboard">
      {live === 'offline' && (
        <Alert type="error" showIcon banner message="实时连接已断开：大屏数据可能不是最新，正在重连…" style={{ marginBottom: 16, fontSize: 20 }} data-testid="wallboard-offline" />
      )}
      <AsyncView loading={q.isLoading} error={q.error}>
        {w && (
          <>
            <Row justify="space-between" style={{ marginBottom: 16 }}>
              <Typography.Title level={2} style={{ color: '#fff', margin: 0 }}>
                12345 热线办理时限监控大屏
              </Typography.Title>
              <span style={{ color: '#9fb3d9', fontSize: 18 }}>更新于 {chineseClock(w.generatedAt)}</span>
            </Row>
            <Row gutter={[16, 16]}>
              <Col span={4}>
                <Big label="今日受理" value={w.totals.receivedToday} />
              </Col>
              <Col span={4}>
                <Big label="今日办结" value={w.totals.closedToday} />
              </Col>
              <Col span={4}>
                <Big label="在办" value={w.totals.open} />
              </Col>
              <Col span={4}>
                <Big label="即将超期" value={w.totals.warning} color="#fadb14" />
              </Col>
              <Col span={4}>
                <Big label="已超期" value={w.totals.breached} color="#ff4d4f" />
              </Col>
              <Col span={4}>
                <Big label={KPI_LABELS.satisfactionRate} value={pct(w.kpis.satisfactionRate)} />
              </Col>
            </Row>
            <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
              {RATES.map((r) => (
                <Col span={4} key={r}>
                  <div style={TILE}>
                    <div style={{ color: '#9fb3d9', fontSize: 16 }}>{KPI_LABELS[r]}</div>
                    <div style={{ fontSize: 30, fontWeight: 600 }}>{pct(w.kpis[r])}</div>
                    <div style={{ color: '#9fb3d9' }}>
                      {w.kpis[r].numerator} / {w.kpis[r].denominator}
                    </div>
                  </div>
                </Col>
              ))}
            </Row>
            <InsightTiles w={w} deptName={deptName} />
            <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
              <Col span={15}>
                <Row gutter={[12, 12]}>
                  {w.byDepartment.map((d) => (
                    <Col span={6} key={d.departmentId}>
                      <div
                        style={{ ...TILE, background: tileColor(d) }}
                        data-testid={`dept-tile-${d.code}`}
                        data-state={d.breached > 0 ? 'breached' : d.warning > 0 ? 'warning' : 'ok'}
                      >
                        <div style={{ fontSize: 18, fontWeight: 600 }}>{d.name}</div>
                        <div style={{ fontSize: 16 }}>
                          在办 {d.open} 件 · 预警 {d.warning} 件 · 超期 {d.breached} 件
                        </div>
                      </div>
                    </Col>
                  ))}
                  {w.undispatched && (
                    <Col span={6}>
                      <div
                        style={{ ...TILE, background: tileColor(w.undispatched), borderStyle: 'dashed' }}
                        data-testid="dept-tile-undispatched"
                        data-state={w.undispatched.breached > 0 ? 'breached' : w.undispatched.warning > 0 ? 'warning' : 'ok'}
                      >
                        <div style={{ fontSize: 18, fontWeight: 600 }}>未派单（待派或退回）</div>
                        <div style={{ fontSize: 16 }}>
                          在办 {w.undispatched.open} 件 · 预警 {w.undispatched.warning} 件 · 超期 {w.undispatched.breached} 件
                        </div>
                      </div>
                    </Col>
                  )}
                </Row>
                <div style={{ color: '#9fb3d9', marginTop: 8 }} data-testid="tiles-add-up">
                  {tilesAddUp(w)
                    ? `各部门与未派单合计：在办 ${w.totals.open} 件 · 预警 ${w.totals.warning} 件 · 超期 ${w.totals.breached} 件，与上方总数一致`
                    : '各部门合计与总数暂不一致，数据正在刷新'}
                </div>
                {w.handling.length > 0 && (
                  <div style={{ ...TILE, marginTop: 16, height: 'auto' }} data-testid="handling">
                    <div style={{ color: '#9fb3d9', fontSize: 16, marginBottom: 4 }}>今日话务（平均通话时长）</div>
                    {w.handling.map((h) => (
                      <span key={h.agentId} style={{ fontSize: 17, marginRight: 24 }}>
                        {h.name}：{h.calls} 通 · 平均 {Math.floor(h.averageHandlingSeconds / 60)}分{String(Math.round(h.averageHandlingSeconds % 60)).padStart(2, '0')}秒
                      </span>
                    ))}
                  </div>
                )}
                <div style={{ ...TILE, marginTop: 16, height: 'auto' }}>
                  <div style={{ color: '#9fb3d9', fontSize: 16 }}>近24小时受理量</div>
                  <IntakeChart hours={w.intakeByHour} />
                </div>
              </Col>
              <Col span={9}>
                <div style={TILE}>
                  <div style={{ color: '#9fb3d9', fontSize: 18, marginBottom: 8 }}>临近或已超时限</div>
                  {w.nearestDeadlines.length === 0 && <div style={{ fontSize: 18 }}>没有进行中的工单</div>}
                  {w.nearestDeadlines.map((t) => (
                    <div
                      key={t.ticketId}
                      style={{ display: 'flex', justifyContent: 'space-between', fontSize: 17, padding: '4px 0', borderBottom: '1px solid #1f3a66' }}
                      data-testid="nearest-item"
                      data-sla={t.slaState}
                    >
                      <Link to={`/tickets/${t.ticketId}`} style={{ color: '#fff' }}>
                        {t.no}
                      </Link>
                      <span>{URGENCY_LABELS[t.urgency]}</span>
                      <span style={{ maxWidth: 170, overflow: 'hidden', whiteSpace: 'nowrap', textOverflow: 'ellipsis' }}>{deptName(t.departmentId)}</span>
                      <Countdown ticket={{ ...t, createdAt: w.generatedAt }} />
                    </div>
                  ))}
                </div>
              </Col>
            </Row>
          </>
        )}
      </AsyncView>
    </div>
  );
}
