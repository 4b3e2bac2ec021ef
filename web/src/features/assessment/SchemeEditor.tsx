import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Empty, Input, InputNumber, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { Scheme, ScoreInputs } from '@innocity/shared/api/assessment';
import { checkScheme, DEFAULT_CREDITS, type SchemeBody } from '@innocity/shared/assessment/scheme';
import { computeScores, type UnitScore } from '@innocity/shared/assessment/score';
import { api, type ApiError } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { ItemEditor } from './ItemEditor.tsx';
import { ScoreDrawer } from './ScoreDrawer.tsx';
import { ScoreTable } from './ScoreTable.tsx';
import { DateInput } from '../../components/DateInput.tsx';

const bodyOf = (s: Scheme): SchemeBody => ({
  name: s.name,
  items: s.items,
  maxBonus: s.maxBonus,
  maxDeduction: s.maxDeduction,
  categories: s.categories,
  minApplicableShare: s.minApplicableShare,
});

/**
 * The scheme editor with a live ranking: the same maths as the server (shared/assessment) runs
 * in the browser on the scoring inputs, so a change of weight or rule shows its effect before saving.
 */
export function SchemeEditor({
  scheme,
  editable,
  canPreview,
  onSaved,
}: {
  scheme: Scheme;
  editable: boolean;
  canPreview: boolean;
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const [body, setBody] = useState<SchemeBody>(() => bodyOf(scheme));
  const [asOf, setAsOf] = useState<Dayjs>(() => dayjs());
  const [open, setOpen] = useState<UnitScore | null>(null);
  const [problem, setProblem] = useState<string>();
  useEffect(() => setBody(bodyOf(scheme)), [scheme]);
  const date = asOf.format('YYYY-MM-DD');
  const inputs = useApi(
    () =>
      canPreview
        ? api<ScoreInputs>('GET', `/api/assessment/schemes/${scheme.id}/inputs?asOf=${date}`)
        : Promise.resolve(undefined),
    [scheme.id, date, canPreview],
  );
  const issues = checkScheme(body);
  const preview = useMemo(
    () => (inputs.data && issues.length === 0 ? computeScores(body, inputs.data.inputs, inputs.data.previous) : null),
    [body, inputs.data, issues.length],
  );
  const saved = useMemo(
    () => (inputs.data ? computeScores(bodyOf(scheme), inputs.data.inputs, inputs.data.previous) : null),
    [scheme, inputs.data],
  );
  const savedRanks = useMemo(() => new Map(saved?.scores.map((s) => [s.unitId, s.rank]) ?? []), [saved]);
  const total = body.items.reduce((s, i) => s + i.weight, 0);

  const save = async () => {
    setProblem(undefined);
    try {
      await api('PUT', `/api/assessment/schemes/${scheme.id}`, { version: scheme.version, body });
      message.success('考核方案已保存');
      onSaved();
    } catch (err) {
      setProblem((err as ApiError).message);
    }
  };
  const addItem = () =>
    setBody({
      ...body,
      items: [
        ...body.items,
        {
          id: `item-${Date.now()}`,
          name: `考核项${body.items.length + 1}`,
          measure: 'task_completion',
          weight: 0,
          rule: { kind: 'linear', zeroAt: 0, fullAt: 1 },
          credits: DEFAULT_CREDITS,
        },
      ],
    });

  return (
    <div className="page">
      <Card size="small">
        <Space wrap>
          <Input
            aria-label="方案名称"
            disabled={!editable}
            value={body.name}
            style={{ width: 320 }}
            onChange={(e) => setBody({ ...body, name: e.target.value })}
          />
          <span>加分上限</span>
          <InputNumber
            aria-label="加分上限"
            disabled={!editable}
            min={0}
            max={100}
            value={body.maxBonus}
            onChange={(v) => setBody({ ...body, maxBonus: v ?? 0 })}
          />
          <span>减分上限</span>
          <InputNumber
            aria-label="减分上限"
            disabled={!editable}
            min={0}
            max={100}
            value={body.maxDeduction}
            onChange={(v) => setBody({ ...body, maxDeduction: v ?? 0 })}
          />
          <Typography.Text type={total === 100 ? 'success' : 'danger'}>权重合计 {total} 分</Typography.Text>
        </Space>
      </Card>
      {body.items.map((item, i) => (
        <ItemEditor
          key={item.id}
          item={item}
          editable={editable}
          onChange={(next) => setBody({ ...body, items: body.items.map((x, j) => (j === i ? next : x)) })}
          onRemove={() => setBody({ ...body, items: body.items.filter((_, j) => j !== i) })}
        />
      ))}
      {issues.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title="方案尚不完整"
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {issues.map((x) => (
                <li key={x.path + x.message}>{x.message}</li>
              ))}
            </ul>
          }
        />
      )}
      {problem && <Alert type="error" showIcon title={problem} />}
      {editable && (
        <Space>
          <Button icon={<PlusOutlined />} onClick={addItem}>
            添加考核项
          </Button>
          <Button type="primary" disabled={issues.length > 0} onClick={save}>
            保存方案
          </Button>
          <Button onClick={() => setBody(bodyOf(scheme))}>撤销修改</Button>
        </Space>
      )}
      {canPreview && (
        <Card
          size="small"
          title="排名预览（按当前编辑的方案即时计算，未保存）"
          extra={<DateInput aria-label="数据日期" allowClear={false} value={asOf} onChange={(d) => d && setAsOf(d)} />}
        >
          {inputs.error && <Alert type="error" showIcon title={inputs.error.message} />}
          {preview ? (
            <ScoreTable scores={preview.scores} compareRanks={savedRanks} onOpen={setOpen} loading={inputs.loading} />
          ) : (
            <Empty description={issues.length ? '方案完整后显示排名预览' : '正在加载评分数据…'} />
          )}
          {inputs.data?.demo && <Typography.Text type="warning">示例数据</Typography.Text>}
        </Card>
      )}
      <ScoreDrawer score={open} onClose={() => setOpen(null)} />
    </div>
  );
}
