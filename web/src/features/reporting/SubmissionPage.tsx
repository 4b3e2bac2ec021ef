import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Breadcrumb, Button, Card, Descriptions, Empty, Result, Space, Timeline, Typography } from 'antd';
import {
  FLOW_ACTION_LABELS,
  SUBMISSION_ACTION_LABELS,
  type FlowAction,
  type Submission,
} from '@innocity/shared/api/reporting';
import { api, apiUpload, ApiError } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { useEntityPlan } from '../plans/plan-choice.ts';
import { PrintButton } from '../../components/PrintButton.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { mayOpen } from '../../routes.tsx';
import { useAuth } from '../auth/AuthContext.tsx';
import { DutyEntry, type Payload } from './DutyEntry.tsx';
import { localTime, StatusTag } from './labels.tsx';
import { SubmissionActions } from './SubmissionActions.tsx';

/** Field errors of a save, by duty and field, from the server's `entries.<i>.payload.<field>` paths. */
function fieldErrors(err: ApiError, sent: string[]): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const issue of err.issues) {
    const m = /^entries\.(\d+)\.payload\.(\w+)/.exec(issue.path);
    const dutyId = m && sent[Number(m[1])];
    if (dutyId && m) out[dutyId] = { ...out[dutyId], [m[2]!]: issue.message };
  }
  return out;
}

/** One unit's report for a round: the form while it is with the unit, the review for its approver and the office, locked once accepted. */
export default function SubmissionPage() {
  const { submissionId = '' } = useParams();
  const { message } = App.useApp();
  const roles = useAuth().user?.roles ?? [];
  const loaded = useApi(() => api<Submission>('GET', `/api/submissions/${submissionId}`), [submissionId]);
  useEntityPlan(loaded.data?.round.planId);
  const [sub, setSub] = useState<Submission>();
  const [draft, setDraft] = useState<Record<string, Payload>>({});
  const [dirty, setDirty] = useState<Set<string>>(new Set());
  const [errors, setErrors] = useState<Record<string, Record<string, string>>>({});
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!loaded.data) return;
    setSub(loaded.data);
    setDraft(Object.fromEntries(loaded.data.entries.map((e) => [e.dutyId, e.payload as Payload])));
    setDirty(new Set());
  }, [loaded.data]);

  if (loaded.loading && !sub) return <PageLoading />;
  if (loaded.error || !sub)
    return <Result status="404" title="报送不存在或无权查看" subTitle={loaded.error?.message} />;
  const editable = sub.allowed.includes('edit');

  const run = async (work: () => Promise<Submission>, done: string) => {
    setBusy(true);
    setProblem(undefined);
    try {
      const next = await work();
      setSub(next);
      setDraft(Object.fromEntries(next.entries.map((e) => [e.dutyId, e.payload as Payload])));
      setDirty(new Set());
      setErrors({});
      message.success(done);
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(0, 'internal', String(err));
      setProblem(e.message);
      if (e.code === 'validation_failed') setErrors(fieldErrors(e, [...dirty]));
    } finally {
      setBusy(false);
    }
  };
  const save = () =>
    run(
      () =>
        api<Submission>('PUT', `/api/submissions/${sub.id}`, {
          version: sub.version,
          entries: [...dirty].map((dutyId) => ({ dutyId, payload: draft[dutyId] ?? {} })),
        }),
      '草稿已保存',
    );
  const act = async (action: FlowAction, comment?: string) => {
    if (dirty.size > 0) return setProblem('有未保存的修改，请先保存草稿');
    await run(
      () =>
        api<Submission>('POST', `/api/submissions/${sub.id}/${action}`, {
          version: sub.version,
          comment: comment ?? null,
        }),
      `已${FLOW_ACTION_LABELS[action]}`,
    );
  };
  // Only the evidence list is refreshed: unsaved edits in the form stay as they are.
  const refreshAttachments = async () => {
    const fresh = await api<Submission>('GET', `/api/submissions/${sub.id}`);
    setSub((prev) => (prev ? { ...prev, attachments: fresh.attachments } : prev));
  };
  const upload = async (dutyId: string, file: File) => {
    try {
      await apiUpload(`/api/submissions/${sub.id}/attachments?dutyId=${dutyId}`, file);
      message.success(`已上传：${file.name}`);
      await refreshAttachments();
    } catch (err) {
      setProblem(err instanceof ApiError ? err.message : String(err));
    }
  };
  const remove = async (id: string) => {
    await api('DELETE', `/api/attachments/${id}`).then(refreshAttachments, (err: ApiError) => setProblem(err.message));
  };

  return (
    <div className="page submission-page">
      <Breadcrumb
        items={[
          // The unit's people come from their duties, the office from the round.
          mayOpen('/reporting', roles)
            ? { title: <Link to="/reporting">我的填报</Link> }
            : { title: <Link to={`/rounds/${sub.round.id}`}>{sub.round.title}</Link> },
          { title: `${sub.unit.name} · ${sub.round.title}` },
        ]}
      />
      <Card>
        <Space wrap align="center" style={{ justifyContent: 'space-between', width: '100%' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {sub.unit.name}《{sub.round.title}》填报
          </Typography.Title>
          <Space>
            <StatusTag status={sub.status} />
            <PrintButton />
          </Space>
        </Space>
        <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ marginTop: 8 }}>
          <Descriptions.Item label="截止时间">{sub.round.cutoffLabel}</Descriptions.Item>
          <Descriptions.Item label="首次报送">{localTime(sub.firstSubmittedAt)}</Descriptions.Item>
          {sub.revision > 0 && <Descriptions.Item label="更正">第 {sub.revision} 次更正</Descriptions.Item>}
        </Descriptions>
      </Card>
      {sub.status === 'returned' && sub.returnComment && (
        <Alert type="warning" showIcon title="办公室退回意见" description={sub.returnComment} />
      )}
      {sub.status === 'draft' && sub.returnComment && (
        <Alert type="warning" showIcon title="单位审核退回意见" description={sub.returnComment} />
      )}
      {sub.status === 'accepted' && (
        <Alert
          type="success"
          showIcon
          title="已通过审核，内容已锁定"
          description="如发现错误，可发起更正；更正须再次经单位审核并报送。"
        />
      )}
      {problem && <Alert type="error" showIcon title={problem} closable onClose={() => setProblem(undefined)} />}
      {sub.duties.length === 0 && <Empty description="本轮没有本单位的填报任务" />}
      {sub.duties.map((d) => (
        <DutyEntry
          key={d.id}
          duty={d}
          payload={draft[d.id] ?? {}}
          editable={editable}
          errors={errors[d.id] ?? {}}
          attachments={sub.attachments.filter((a) => a.dutyId === d.id)}
          contributions={sub.contributions.filter((c) => c.workItemId === d.refId && d.kind === 'progress')}
          onChange={(p) => {
            setDraft({ ...draft, [d.id]: p });
            setDirty(new Set(dirty).add(d.id));
          }}
          onUpload={(f) => upload(d.id, f)}
          onRemove={remove}
        />
      ))}
      {/* Nothing to press (a reader, or a locked report): no empty card where the buttons were. */}
      {sub.allowed.length > 0 && (
        <Card className="submission-actions">
          <Space wrap>
            {editable && (
              <Button onClick={save} loading={busy} disabled={dirty.size === 0}>
                保存草稿
              </Button>
            )}
            <SubmissionActions allowed={sub.allowed} busy={busy} onAction={act} />
          </Space>
        </Card>
      )}
      {sub.history.length > 0 && (
        <Card title="流转记录" size="small">
          <Timeline
            items={sub.history.map((h) => ({
              content: `${localTime(h.at)} ${h.actorName ?? ''} ${SUBMISSION_ACTION_LABELS[h.action]}${h.comment ? `：${h.comment}` : ''}`,
            }))}
          />
        </Card>
      )}
    </div>
  );
}
