import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Checkbox, Empty, Modal, Radio, Result, Select, Space, Spin, Tag, Typography } from 'antd';
import {
  CARRY_ROWS_LABELS,
  type CarryOverPreview,
  type CarryOverResult,
  type CarryRows,
} from '@innocity/shared/api/plan-carry-over';
import { planStateLabel, type PlanSummary } from '@innocity/shared/api/plans';
import { api, ApiError } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import './plans.css';

/** An item the new plan already has: short on screen, the server's reason (which code or name) on hover. */
const ConflictTag = ({ text }: { text: string }) => (
  <Tag title={text} data-testid="carry-conflict">
    本方案已有
  </Tag>
);

interface Props {
  planId: string;
  /** Called when the office closes the dialog; `result` when something was carried. */
  onClose(result?: CarryOverResult): void;
  /** What closing says when nothing is carried (the import's confirm screen: 跳过). */
  skipText?: string;
}

/**
 * 沿用上一轮方案: the office picks an earlier plan of the same county and what to take from it —
 * unit groups, ledgers with their rows, the documents' wording — sees the counts, then the result.
 * Items the new plan already has are shown and cannot be chosen (the server refuses them too).
 * Loaded lazily: only the office ever opens it.
 */
export default function CarryOverDialog({ planId, onClose, skipText = '关闭' }: Props) {
  const plans = useApi(() => api<{ items: PlanSummary[] }>('GET', '/api/plans'), []);
  const target = plans.data?.items.find((p) => p.id === planId);
  // The county's other plans, newest first: the last one is the usual source.
  const sources = useMemo(
    () =>
      (plans.data?.items ?? [])
        .filter((p) => target && p.id !== planId && p.regionId === target.regionId && p.status !== 'withdrawn')
        .sort((a, b) => b.issuingDate.localeCompare(a.issuingDate)),
    [plans.data, target, planId],
  );
  const [sourceId, setSourceId] = useState<string>();
  useEffect(() => {
    if (!sourceId && sources[0]) setSourceId(sources[0].id);
  }, [sources, sourceId]);
  const preview = useApi(
    () =>
      sourceId
        ? api<CarryOverPreview>('GET', `/api/plans/${planId}/carry-over?sourcePlanId=${encodeURIComponent(sourceId)}`)
        : Promise.resolve(undefined),
    [planId, sourceId],
  );
  const p = preview.data;
  const [groups, setGroups] = useState<string[]>([]);
  const [types, setTypes] = useState<string[]>([]);
  const [rows, setRows] = useState<CarryRows>('valid');
  const [wording, setWording] = useState(false);
  // A new source: everything the new plan lacks is chosen; what it already has cannot be.
  useEffect(() => {
    if (!p) return;
    setGroups(p.unitGroups.filter((g) => !g.conflict).map((g) => g.code));
    setTypes(p.ledgerTypes.filter((l) => !l.conflict).map((l) => l.code));
    setWording(p.wordingDiffers);
  }, [p]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiError>();
  const [result, setResult] = useState<CarryOverResult>();

  const chosenTypes = p?.ledgerTypes.filter((l) => types.includes(l.code)) ?? [];
  const rowCount = (mode: CarryRows) =>
    mode === 'none' ? 0 : chosenTypes.reduce((n, l) => n + (mode === 'all' ? l.allRows : l.validRows), 0);
  const nothing = groups.length + types.length === 0 && !wording;

  const submit = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      const body = { sourcePlanId: sourceId, unitGroups: groups, ledgerTypes: types, rows, wording };
      setResult(await api<CarryOverResult>('POST', `/api/plans/${planId}/carry-over`, body));
    } catch (err) {
      setProblem(err instanceof ApiError ? err : new ApiError(0, 'internal', String(err)));
    } finally {
      setBusy(false);
    }
  };

  const body = () => {
    if (plans.loading && !plans.data) return <Spin />;
    if (plans.error) return <Alert type="error" showIcon title={plans.error.message} />;
    if (sources.length === 0)
      return <Empty description="本县（市、区）没有可沿用的其他方案" image={Empty.PRESENTED_IMAGE_SIMPLE} />;
    if (result)
      return (
        <Result
          status="success"
          title="已沿用上一轮方案"
          subTitle={`单位组 ${result.unitGroups} 个、台账 ${result.ledgerTypes} 类、台账记录 ${result.rows} 条${
            result.wording ? '，发文设置已沿用' : ''
          }。上一轮方案未作任何改动。`}
        />
      );
    return (
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          单位属于本县（市、区），两轮方案共用，无需沿用；以下内容从所选方案复制到本方案，全部成功或全部不写入。
        </Typography.Paragraph>
        <label className="carry-source">
          <span>上一轮方案</span>
          <Select
            aria-label="上一轮方案"
            value={sourceId}
            onChange={setSourceId}
            style={{ width: '100%' }}
            options={sources.map((s) => ({ value: s.id, label: `${s.title}（${planStateLabel(s)}）` }))}
          />
        </label>
        {problem && (
          <Alert
            type="error"
            showIcon
            title={problem.message}
            description={
              problem.issues.length > 1 ? (
                <ul>
                  {problem.issues.map((i) => (
                    <li key={i.path}>{i.message}</li>
                  ))}
                </ul>
              ) : undefined
            }
          />
        )}
        {preview.error && <Alert type="error" showIcon title={preview.error.message} />}
        {!p ? (
          <Spin />
        ) : (
          <>
            <section data-testid="carry-groups">
              <Typography.Text strong>单位组（{p.unitGroups.length}）</Typography.Text>
              {p.unitGroups.length === 0 && <Typography.Text type="secondary"> 无</Typography.Text>}
              <Checkbox.Group value={groups} onChange={(v) => setGroups(v as string[])} className="carry-list">
                {p.unitGroups.map((g) => (
                  <Checkbox key={g.code} value={g.code} disabled={!!g.conflict}>
                    {g.name}（{g.memberCount} 个成员）{g.conflict && <ConflictTag text={g.conflict} />}
                  </Checkbox>
                ))}
              </Checkbox.Group>
            </section>
            <section data-testid="carry-ledgers">
              <Typography.Text strong>台账（{p.ledgerTypes.length}）</Typography.Text>
              <Checkbox.Group value={types} onChange={(v) => setTypes(v as string[])} className="carry-list">
                {p.ledgerTypes.map((l) => (
                  <Checkbox key={l.code} value={l.code} disabled={!!l.conflict} aria-label={`台账 ${l.name}`}>
                    {l.name}（{l.owners.join('、')}；记录 {l.allRows} 条，其中{p.startDate}仍有效 {l.validRows} 条）
                    {l.conflict && <ConflictTag text={l.conflict} />}
                  </Checkbox>
                ))}
              </Checkbox.Group>
            </section>
            <section>
              <Typography.Text strong>台账记录</Typography.Text>
              <Radio.Group value={rows} onChange={(e) => setRows(e.target.value as CarryRows)} className="carry-list">
                {(['valid', 'all', 'none'] as const).map((m) => (
                  <Radio key={m} value={m}>
                    {CARRY_ROWS_LABELS[m]}
                    {m !== 'none' && `（${rowCount(m)} 条）`}
                  </Radio>
                ))}
              </Radio.Group>
              <Typography.Text type="secondary">
                新方案自 {p.startDate} 开始；有效期在此之前结束的记录留在上一轮方案中。沿用的记录注明来源方案。
              </Typography.Text>
            </section>
            <Checkbox checked={wording} onChange={(e) => setWording(e.target.checked)}>
              沿用发文设置（发文机关、主送、抄送、印发）{!p.wordingDiffers && '：两轮方案相同'}
            </Checkbox>
            <Alert
              type="info"
              showIcon
              title={`将沿用：单位组 ${groups.length} 个、台账 ${types.length} 类、台账记录 ${rowCount(rows)} 条${
                wording ? '、发文设置' : ''
              }`}
            />
          </>
        )}
      </Space>
    );
  };

  return (
    <Modal
      open
      title="沿用上一轮方案"
      width={720}
      onCancel={() => onClose(result)}
      footer={
        result || sources.length === 0 ? (
          <Button type="primary" onClick={() => onClose(result)}>
            完成
          </Button>
        ) : (
          <>
            <Button onClick={() => onClose()}>{skipText}</Button>
            <Button type="primary" loading={busy} disabled={!p || nothing} onClick={() => void submit()}>
              沿用所选内容
            </Button>
          </>
        )
      }
    >
      {body()}
    </Modal>
  );
}
