import { useState } from 'react';
import { Button, Input, Modal, Space } from 'antd';
import type { FlowAction } from '@innocity/shared/api/reporting';

const BUTTONS: {
  action: FlowAction;
  label: string;
  primary?: boolean;
  danger?: boolean;
  needsComment?: boolean;
  confirm?: string;
}[] = [
  { action: 'send_for_approval', label: '提交单位审核', primary: true },
  // The approver's one step; plain approval stays for units whose reporters send the report themselves.
  { action: 'approve_and_submit', label: '审核通过并报送', primary: true },
  { action: 'approve', label: '仅审核通过（由填报员报送）' },
  { action: 'send_back', label: '退回修改', danger: true, needsComment: true },
  { action: 'submit', label: '报送办公室', primary: true },
  { action: 'accept', label: '审核通过并锁定', primary: true },
  { action: 'return', label: '退回单位', danger: true, needsComment: true },
  {
    action: 'correct',
    label: '发起更正',
    confirm: '已通过的内容将重新进入草稿，更正须再次审核报送，并计为一次通过后更正。确定发起更正吗？',
  },
];

/** The flow's buttons the actor may press now; returning asks for the comment the unit will read. */
export function SubmissionActions({
  allowed,
  busy,
  onAction,
}: {
  allowed: string[];
  busy: boolean;
  onAction(action: FlowAction, comment?: string): Promise<void>;
}) {
  const [asking, setAsking] = useState<FlowAction | null>(null);
  const [comment, setComment] = useState('');
  const shown = BUTTONS.filter((b) => allowed.includes(b.action));
  if (shown.length === 0) return null;
  return (
    <>
      <Space wrap>
        {shown.map((b) => (
          <Button
            key={b.action}
            type={b.primary ? 'primary' : 'default'}
            danger={b.danger}
            loading={busy}
            onClick={() => {
              if (b.needsComment) return setAsking(b.action);
              if (b.confirm)
                return Modal.confirm({
                  title: b.label,
                  content: b.confirm,
                  okText: '确定',
                  cancelText: '取消',
                  onOk: () => onAction(b.action),
                });
              void onAction(b.action);
            }}
          >
            {b.label}
          </Button>
        ))}
      </Space>
      <Modal
        open={asking !== null}
        title="退回意见"
        okText="确认退回"
        cancelText="取消"
        okButtonProps={{ disabled: comment.trim() === '', danger: true }}
        onCancel={() => setAsking(null)}
        onOk={async () => {
          await onAction(asking!, comment.trim());
          setAsking(null);
          setComment('');
        }}
      >
        <Input.TextArea
          aria-label="退回意见"
          rows={4}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          placeholder="请写明需要补充或修改的内容"
        />
      </Modal>
    </>
  );
}
