import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Input, Modal, Progress, Space, Typography } from 'antd';
import type { Round, RoundUnitRow } from '@innocity/shared/api/reporting';
import type { ApiError } from '../../api/client.ts';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { mayOpen } from '../../routes.tsx';
import { localTime, StatusTag, TimelinessTag } from './labels.tsx';
import { PhoneTable } from '../../components/PhoneTable.tsx';
import { namedPageItem } from '../../components/a11y.tsx';

/** Every unit's standing in a round, with urging of one, some or all late units (the office's). */
export function RoundUnits({ roundId, onUrged }: { roundId: string; onUrged?: () => void }) {
  const { user } = useAuth();
  const { message } = App.useApp();
  const units = useApi(() => api<{ items: RoundUnitRow[] }>('GET', `/api/rounds/${roundId}/units`), [roundId]);
  const round = useApi(() => api<Round>('GET', `/api/rounds/${roundId}`), [roundId]);
  // Before the cut-off, 未报 units are still on time: urging them all is likely a slip.
  const beforeCutoff = !!round.data && Date.parse(round.data.cutoffAt) > Date.now();
  const [selected, setSelected] = useState<string[]>([]);
  const [urging, setUrging] = useState<{ unitIds: string[]; allLate: boolean } | null>(null);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string>();
  const isOffice = user?.roles.some((r) => r === 'office' || r === 'admin');

  const urge = async () => {
    try {
      const res = await api<{ items: unknown[] }>('POST', '/api/urgings', {
        roundId,
        ...urging,
        message: note || null,
      });
      message.success(`已催办 ${res.items.length} 个单位`);
      setNote('');
      setSelected([]);
      units.reload();
      onUrged?.();
    } catch (err) {
      setProblem((err as ApiError).message);
    }
    setUrging(null);
  };

  return (
    <div className="page">
      {problem && <Alert type="error" showIcon title={problem} closable onClose={() => setProblem(undefined)} />}
      {isOffice && (
        <Space wrap>
          <Button danger type="primary" onClick={() => setUrging({ unitIds: [], allLate: true })}>
            催办全部未报单位
          </Button>
          <Button disabled={selected.length === 0} onClick={() => setUrging({ unitIds: selected, allLate: false })}>
            催办所选单位（{selected.length}）
          </Button>
        </Space>
      )}
      <PhoneTable<RoundUnitRow>
        rowKey={(x) => x.unit.id}
        pagination={{ itemRender: namedPageItem }}
        loading={units.loading}
        dataSource={units.data?.items}
        scroll={{ x: true }}
        locale={{ emptyText: '本轮没有单位有填报任务' }}
        rowSelection={
          isOffice
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys as string[]),
                // Ant Design names these "Select all" and "Select row 1", in English.
                getTitleCheckboxProps: () => ({ 'aria-label': '勾选本页全部单位' }),
                getCheckboxProps: (x) => ({ 'aria-label': `勾选 ${x.unit.name}` }),
              }
            : undefined
        }
        columns={[
          { title: '单位', render: (_: unknown, x) => <Link to={`/units/${x.unit.id}`}>{x.unit.name}</Link> },
          { title: '状态', render: (_: unknown, x) => <StatusTag status={x.status} /> },
          {
            title: '及时性',
            render: (_: unknown, x) => <TimelinessTag value={x.timeliness} lateMinutes={x.lateMinutes} />,
          },
          {
            title: '完整率',
            render: (_: unknown, x) => (
              <Progress
                size="small"
                style={{ minWidth: 100 }}
                percent={x.expected ? Math.round((x.filled / x.expected) * 100) : 100}
                format={() => `${x.filled}/${x.expected}`}
              />
            ),
          },
          {
            title: '催办',
            render: (_: unknown, x) => (x.urgings ? `${x.urgings} 次，最近 ${localTime(x.lastUrgedAt)}` : '—'),
          },
          {
            title: '操作',
            // Leaders and inspectors follow the round here; a unit's submission is for the unit and the office.
            render: (_: unknown, x) =>
              x.submissionId && mayOpen(`/reporting/submissions/${x.submissionId}`, user?.roles ?? []) ? (
                <Link to={`/reporting/submissions/${x.submissionId}`}>
                  {x.status === 'submitted' ? '审核' : '查看'}
                </Link>
              ) : null,
          },
        ]}
      />
      <Modal
        open={urging !== null}
        title={urging?.allLate ? '催办全部未报单位' : '催办所选单位'}
        okText="发出催办"
        cancelText="取消"
        onCancel={() => setUrging(null)}
        onOk={urge}
      >
        {beforeCutoff && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={`截止时间（${round.data!.cutoffLabel}）还没有到`}
            description="尚未报送的单位仍在填报期内，现在催办可能打扰按时推进的单位。确定仍要催办吗？"
          />
        )}
        <Typography.Paragraph>
          催办将记录在案，并通知单位的填报员和审核人（站内通知；已配置的邮件和群机器人同时发送）。
        </Typography.Paragraph>
        <Input.TextArea
          aria-label="催办说明"
          rows={3}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder="可选：如“请于今日下班前报送”"
        />
      </Modal>
    </div>
  );
}
