import type { IncidentDto } from '@hotline/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, Space } from 'antd';
import { api } from '../../../api/client';

/** The open incidents' (专项) banners, pinned above the intake form while they run. */
export function IncidentBanner() {
  const q = useQuery({ queryKey: ['incidents', 'open'], queryFn: () => api<IncidentDto[]>('/incidents?status=open'), refetchInterval: 30_000 });
  const open = q.data ?? [];
  if (!open.length) return null;
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>
      {open.map((i) => (
        <Alert
          key={i.id}
          type="warning"
          showIcon
          data-testid="incident-banner"
          message={`专项：${i.name}${i.slaHours === null ? '' : `（办理时限${i.slaHours}小时）`}`}
          description={i.banner ?? `含“${i.keywords.join('”“')}”的来电将自动标记为本专项。`}
        />
      ))}
    </Space>
  );
}
