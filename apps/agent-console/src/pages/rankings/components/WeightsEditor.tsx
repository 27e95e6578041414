import { RANKING_PENALTIES, RANKING_WEIGHT_LABELS, RANKING_WEIGHT_NAMES, type RankingWeightName, type RankingWeights, type RankingWeightsDto } from '@hotline/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, InputNumber, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../../api/client';
import { AsyncView } from '../../../components/AsyncView';
import { T } from '../labels';

type WeightsWithVersion = RankingWeightsDto & { version: number };

const sumOf = (w: Partial<RankingWeights>) => Math.round(RANKING_WEIGHT_NAMES.reduce((s, n) => s + (w[n] ?? 0), 0) * 100) / 100;

/** 计分权重 (admins): points per weighed KPI, summing to 100, saved against the version read (a change meanwhile: 409). */
export function WeightsEditor() {
  const { message } = App.useApp();
  const client = useQueryClient();
  const current = useQuery({ queryKey: ['ranking-weights'], queryFn: () => api<WeightsWithVersion>('/rankings/weights') });
  const [draft, setDraft] = useState<Partial<RankingWeights>>({});
  useEffect(() => {
    if (current.data) setDraft(current.data.weights);
  }, [current.data]);
  const save = useMutation({
    mutationFn: () => api<WeightsWithVersion>('/rankings/weights', { method: 'PUT', body: { weights: draft, version: current.data?.version } }),
    onSuccess: () => {
      message.success(T.weightsSaved);
      void client.invalidateQueries({ queryKey: ['ranking-weights'] });
      void client.invalidateQueries({ queryKey: ['rankings'] });
      void client.invalidateQueries({ queryKey: ['rankings-history'] });
    },
    onError: (e: Error) => message.error(e.message),
  });
  const sum = sumOf(draft);
  const set = (n: RankingWeightName, v: number | null) => setDraft((d) => ({ ...d, [n]: v ?? 0 }));
  return (
    <Card title={T.weightsEdit} data-testid="weights-editor">
      <AsyncView loading={current.isLoading} error={current.error}>
        <Space wrap size="large">
          {RANKING_WEIGHT_NAMES.map((n) => (
            <Space key={n} direction="vertical" size={2}>
              <Typography.Text>
                {RANKING_WEIGHT_LABELS[n]}
                {RANKING_PENALTIES.includes(n) ? T.penalty : ''}
              </Typography.Text>
              <span data-testid={`weight-${n}`}>
                <InputNumber<number> min={0} max={100} step={5} precision={2} addonAfter="分" value={draft[n] ?? 0} onChange={(v) => set(n, v)} style={{ width: 140 }} />
              </span>
            </Space>
          ))}
        </Space>
        <Space style={{ marginTop: 16 }}>
          <Typography.Text type={sum === 100 ? 'secondary' : 'danger'} data-testid="weights-sum">
            {T.weightsSum(sum)}
          </Typography.Text>
          <Button type="primary" disabled={sum !== 100} loading={save.isPending} onClick={() => save.mutate()} data-testid="weights-save">
            {T.weightsSave}
          </Button>
        </Space>
      </AsyncView>
    </Card>
  );
}
