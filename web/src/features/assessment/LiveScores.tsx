import { useState } from 'react';
import { Alert, App, Button, Input, Modal, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { Scheme } from '@innocity/shared/api/assessment';
import type { ScoreSet, UnitScore } from '@innocity/shared/assessment/score';
import { api, type ApiError } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { ScoreDrawer } from './ScoreDrawer.tsx';
import { ScoreTable } from './ScoreTable.tsx';
import { DateInput } from '../../components/DateInput.tsx';

type Live = ScoreSet & { dataVersion: string; dataVersionLabel: string; demo: boolean };

/** Scores as of any date under the saved scheme, with workings; the office freezes them as a published set. */
export function LiveScores({
  scheme,
  editable,
  onPublished,
}: {
  scheme: Scheme;
  editable: boolean;
  onPublished: () => void;
}) {
  const { message } = App.useApp();
  const [asOf, setAsOf] = useState<Dayjs>(() => dayjs());
  const [open, setOpen] = useState<UnitScore | null>(null);
  const [label, setLabel] = useState<string | null>(null);
  const [problem, setProblem] = useState<string>();
  const date = asOf.format('YYYY-MM-DD');
  const live = useApi(
    () => api<Live>('GET', `/api/assessment/schemes/${scheme.id}/scores?asOf=${date}`),
    [scheme.id, date, scheme.version],
  );

  const publish = async () => {
    setProblem(undefined);
    try {
      await api('POST', `/api/assessment/schemes/${scheme.id}/publications`, { label, asOf: date });
      message.success('考核结果已发布，数据版本已冻结');
      setLabel(null);
      onPublished();
    } catch (err) {
      setProblem((err as ApiError).message);
    }
  };

  return (
    <div className="page">
      <Space wrap>
        <span>数据日期</span>
        <DateInput aria-label="评分日期" allowClear={false} value={asOf} onChange={(d) => d && setAsOf(d)} />
        {live.data && <Typography.Text type="secondary">{live.data.dataVersionLabel}</Typography.Text>}
        {live.data?.demo && <Typography.Text type="warning">示例数据</Typography.Text>}
        {editable && (
          <Button type="primary" onClick={() => setLabel(`${asOf.year()}年第${Math.ceil((asOf.month() + 1) / 3)}季度`)}>
            发布考核结果
          </Button>
        )}
      </Space>
      {live.error && <Alert type="error" showIcon title={live.error.message} />}
      <ScoreTable scores={live.data?.scores ?? []} onOpen={setOpen} loading={live.loading} />
      <ScoreDrawer score={open} onClose={() => setOpen(null)} />
      <Modal
        open={label !== null}
        title="发布考核结果"
        okText="发布"
        cancelText="取消"
        onCancel={() => setLabel(null)}
        onOk={publish}
      >
        <Typography.Paragraph>
          发布后，本次评分所用的数据、方案和结果将被冻结；此后数据变化不影响已发布的结果。
        </Typography.Paragraph>
        {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
        <Input aria-label="结果名称" value={label ?? ''} onChange={(e) => setLabel(e.target.value)} />
      </Modal>
    </div>
  );
}
