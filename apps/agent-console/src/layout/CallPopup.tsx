import { Button, List, Modal, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useDepartmentName } from '../api/queries';
import { StatusTag } from '../components/tags';
import { useIncomingCall } from '../live/live';

/** 来电弹屏: the caller's number and history the moment the phone rings; one key to take the call into the intake form. */
export function CallPopup() {
  const { call, dismiss } = useIncomingCall();
  const navigate = useNavigate();
  const deptName = useDepartmentName();
  if (!call) return null;
  const take = () => {
    dismiss();
    void navigate(`/intake?phone=${encodeURIComponent(call.caller)}&callId=${encodeURIComponent(call.callId)}`);
  };
  return (
    <Modal
      open
      title={`来电 ${call.caller}（分机 ${call.extension}）`}
      onCancel={dismiss}
      footer={[
        <Button key="close" onClick={dismiss}>
          忽略
        </Button>,
        <Button key="take" type="primary" autoFocus onClick={take} data-testid="call-take">
          受理此来电
        </Button>,
      ]}
    >
      <Typography.Paragraph>{call.history.length ? `该来电人有 ${call.history.length} 件历史工单（未办结的在前）：` : '该来电人没有历史工单。'}</Typography.Paragraph>
      <List
        size="small"
        dataSource={call.history}
        renderItem={(h) => (
          <List.Item key={h.ticketId} data-testid="call-history-item">
            <List.Item.Meta
              title={
                <span>
                  {h.no} <StatusTag status={h.status} /> {deptName(h.departmentId)}
                  {h.confidential && ' · 保密'}
                </span>
              }
              description={h.content}
            />
          </List.Item>
        )}
      />
    </Modal>
  );
}
