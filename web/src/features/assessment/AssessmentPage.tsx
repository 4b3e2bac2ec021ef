import { useState } from 'react';
import { Alert, App, Button, Empty, InputNumber, Modal, Result, Select, Space, Tabs, Typography } from 'antd';
import type { Scheme } from '@innocity/shared/api/assessment';
import { api, type ApiError } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { PageLoading } from '../../components/PageLoading.tsx';
import { useAuth } from '../auth/AuthContext.tsx';
import { useCurrentPlan } from '../reporting/use-plan.ts';
import { AdjustmentsPanel } from './AdjustmentsPanel.tsx';
import { LiveScores } from './LiveScores.tsx';
import { PublicationsPanel } from './PublicationsPanel.tsx';
import { SchemeEditor } from './SchemeEditor.tsx';

/** 考核: the year's scheme with live ranking preview, bonus/deduction entries, live scores with workings, published results. */
export default function AssessmentPage() {
  const { plan, error } = useCurrentPlan();
  const { user } = useAuth();
  const { message } = App.useApp();
  const roles = user?.roles ?? [];
  const office = roles.some((r) => r === 'admin' || r === 'office');
  const board = office || roles.some((r) => r === 'leader' || r === 'inspector' || r === 'province_viewer');
  const schemes = useApi(
    () =>
      plan
        ? api<{ items: Scheme[] }>('GET', `/api/plans/${plan.id}/assessment/schemes`)
        : Promise.resolve({ items: [] }),
    [plan?.id],
  );
  const [chosen, setChosen] = useState<string>();
  const [year, setYear] = useState<number | null>(null);
  const [problem, setProblem] = useState<string>();
  if (error || schemes.error)
    return <Result status="error" title="无法加载考核方案" subTitle={(error ?? schemes.error)?.message} />;
  if (!plan || (schemes.loading && !schemes.data)) return <PageLoading />;
  const scheme = schemes.data?.items.find((s) => s.id === chosen) ?? schemes.data?.items[0];

  const create = async () => {
    setProblem(undefined);
    try {
      const s = await api<Scheme>('POST', `/api/plans/${plan.id}/assessment/schemes`, { year });
      message.success(`已新建${s.year}年度考核方案`);
      setYear(null);
      setChosen(s.id);
      schemes.reload();
    } catch (err) {
      setProblem((err as ApiError).message);
    }
  };

  return (
    <div className="page">
      <div className="page-head">
        <Typography.Title level={4}>考核评分</Typography.Title>
        <Space wrap>
          {scheme && (
            <Select
              aria-label="考核年度"
              value={scheme.id}
              style={{ width: 140 }}
              options={schemes.data?.items.map((s) => ({ value: s.id, label: `${s.year}年度` }))}
              onChange={setChosen}
            />
          )}
          {office && <Button onClick={() => setYear(new Date().getFullYear())}>新建年度方案</Button>}
        </Space>
      </div>
      {!scheme ? (
        <Empty
          description={
            office
              ? '还没有考核方案。点击“新建年度方案”，从默认方案（任务 40、指标 40、报送 20）开始。'
              : '科创委办公室尚未制定考核方案。'
          }
        />
      ) : (
        <Tabs
          // The scheme editor is the office's; everyone else comes for the published results.
          defaultActiveKey={office ? 'scheme' : 'published'}
          items={[
            {
              key: 'scheme',
              label: '考核方案',
              children: <SchemeEditor scheme={scheme} editable={office} canPreview={board} onSaved={schemes.reload} />,
            },
            {
              key: 'adjustments',
              label: '加减分',
              children: <AdjustmentsPanel scheme={scheme} editable={office} onChanged={schemes.reload} />,
            },
            ...(board
              ? [
                  {
                    key: 'live',
                    label: '实时评分',
                    children: <LiveScores scheme={scheme} editable={office} onPublished={schemes.reload} />,
                  },
                ]
              : []),
            { key: 'published', label: '已发布结果', children: <PublicationsPanel planId={plan.id} /> },
          ]}
        />
      )}
      <Modal
        open={year !== null}
        title="新建年度考核方案"
        okText="新建"
        cancelText="取消"
        onCancel={() => setYear(null)}
        onOk={create}
      >
        {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
        <Space>
          考核年度 <InputNumber aria-label="考核年度" min={2000} max={2100} value={year} onChange={setYear} />
        </Space>
      </Modal>
    </div>
  );
}
