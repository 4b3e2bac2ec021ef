import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Input,
  List,
  Modal,
  Progress,
  Result,
  Space,
  Typography,
} from 'antd';
import type { WorkItem } from '@innocity/shared/api/supervision';
import { SOURCE_KIND_LABELS } from '@innocity/shared/supervision/work-item-state';
import type { ApiError } from '../../api/client.ts';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { useEntityPlan } from '../plans/plan-choice.ts';
import { PageLoading } from '../../components/PageLoading.tsx';
import { useAuth } from '../auth/AuthContext.tsx';
import { mayOpen } from '../../routes.tsx';
import { LightDot, localTime, StateTag } from '../reporting/labels.tsx';
import { formatDateZh } from '@innocity/shared/format';

/** One work item: its units, dates, milestones and latest progress; the office strikes it off or verifies a rectification. */
export default function WorkItemPage() {
  const { workItemId = '' } = useParams();
  const { user } = useAuth();
  const { message } = App.useApp();
  const item = useApi(() => api<WorkItem>('GET', `/api/work-items/${workItemId}`), [workItemId]);
  useEntityPlan(item.data?.planId);
  const [asking, setAsking] = useState<'cancel' | 'verify' | null>(null);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string>();
  if (item.loading && !item.data) return <PageLoading />;
  if (item.error || !item.data) return <Result status="404" title="工作事项不存在" subTitle={item.error?.message} />;
  const w = item.data;
  const isOffice = user?.roles.some((r) => r === 'office' || r === 'admin');

  const act = async () => {
    try {
      const body =
        asking === 'cancel' ? { version: w.version, reason: text } : { version: w.version, comment: text || null };
      await api('POST', `/api/work-items/${w.id}/${asking}`, body);
      message.success(asking === 'cancel' ? '已销号' : '已核验办结');
      item.reload();
    } catch (err) {
      setProblem((err as ApiError).message);
    }
    setAsking(null);
    setText('');
  };

  return (
    <div className="page">
      {/* A unit's clerk reaches its work items from its duties; the board is the office's and the leaders'. */}
      <Breadcrumb
        items={[
          { title: mayOpen('/supervision', user?.roles ?? []) ? <Link to="/supervision">督查督办</Link> : '督查督办' },
          { title: w.title },
        ]}
      />
      <Card>
        <Space wrap align="center">
          <Typography.Title level={4} style={{ margin: 0 }}>
            {w.title}
          </Typography.Title>
          <StateTag state={w.state} />
          <LightDot light={w.light} />
        </Space>
        <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ marginTop: 12 }}>
          <Descriptions.Item label="来源">{SOURCE_KIND_LABELS[w.sourceKind]}</Descriptions.Item>
          <Descriptions.Item label="重点任务">{w.task ? `${w.task.number}. ${w.task.title}` : '—'}</Descriptions.Item>
          <Descriptions.Item label="牵头单位">
            <Link to={`/units/${w.leadUnit.id}`}>{w.leadUnit.name}</Link>
          </Descriptions.Item>
          <Descriptions.Item label="配合单位">{w.coUnits.map((u) => u.name).join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label="起止">{`${formatDateZh(w.startDate)} 至 ${formatDateZh(w.dueDate)}`}</Descriptions.Item>
          <Descriptions.Item label="佐证材料要求">{w.expectedEvidence || '—'}</Descriptions.Item>
          {w.closedReason && (
            <Descriptions.Item label={w.state === 'cancelled' ? '销号理由' : '核验意见'}>
              {w.closedReason}
            </Descriptions.Item>
          )}
        </Descriptions>
        {w.description && <Typography.Paragraph>{w.description}</Typography.Paragraph>}
        <Progress percent={w.progress} />
        {w.awaitingVerification && <Alert type="warning" showIcon title="单位已报告完成，待办公室核验佐证材料后办结" />}
      </Card>
      {problem && <Alert type="error" showIcon title={problem} closable onClose={() => setProblem(undefined)} />}
      <Card title="最新进展" size="small">
        {w.latestProgress ? (
          <Typography.Paragraph>{`${localTime(w.latestProgressAt)}：${w.latestProgress}`}</Typography.Paragraph>
        ) : (
          <Typography.Text type="secondary">尚无经审核通过的进展报告</Typography.Text>
        )}
      </Card>
      {w.milestones.length > 0 && (
        <Card title="节点" size="small">
          <List
            dataSource={w.milestones}
            renderItem={(m) => (
              <List.Item>{`${formatDateZh(m.dueDate)} ${m.title}${m.done ? '（已完成）' : ''}`}</List.Item>
            )}
          />
        </Card>
      )}
      {isOffice && w.status === 'open' && (
        <Space wrap>
          {w.awaitingVerification && (
            <Button type="primary" onClick={() => setAsking('verify')}>
              核验办结
            </Button>
          )}
          <Button danger onClick={() => setAsking('cancel')}>
            销号
          </Button>
        </Space>
      )}
      <Modal
        open={asking !== null}
        title={asking === 'cancel' ? '销号' : '核验办结'}
        okText="确定"
        cancelText="取消"
        okButtonProps={{ disabled: asking === 'cancel' && !text.trim() }}
        onCancel={() => setAsking(null)}
        onOk={act}
      >
        <Input.TextArea
          aria-label={asking === 'cancel' ? '销号理由' : '核验意见'}
          rows={3}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={asking === 'cancel' ? '请填写销号理由（必填）' : '核验意见（可选）'}
        />
      </Modal>
    </div>
  );
}
