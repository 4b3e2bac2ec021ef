import { useEffect } from 'react';
import { Alert, Button, Form, Input, Result, Select, Space, Typography } from 'antd';
import { LEVEL_WORDS, type PlanSettings, type PlanWording } from '@innocity/shared/api/plan-settings';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { PageLoading } from '../../components/PageLoading.tsx';
import { useFormSave } from './use-form-save.ts';

const FIELDS = ['issuer', 'issuerShort', 'level', 'programme', 'recipients', 'cc', 'printer'] as const;

/**
 * How the plan's documents name their issuer and addressees (发文机关, 市/县/区, 示范市/示范县,
 * 主送, 抄送, 印发): the office sets them once and every bulletin drafted afterwards uses them.
 */
export function PlanSettingsForm({ planId }: { planId: string }) {
  const settings = useApi(() => api<PlanSettings>('GET', `/api/plans/${planId}/settings`), [planId]);
  const [form] = Form.useForm<PlanWording>();
  const { busy, problem, save } = useFormSave(form, FIELDS, { done: '发文设置已保存', onSaved: settings.reload });
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data.wording);
  }, [settings.data, form]);
  if (settings.loading && !settings.data) return <PageLoading />;
  if (settings.error || !settings.data) return <Result status="warning" title={settings.error?.message} />;
  const s = settings.data;
  const submit = (wording: PlanWording) =>
    save(() => api('PUT', `/api/plans/${planId}/settings`, { wording: { ...wording, cc: wording.cc ?? '' } }));

  return (
    <Form<PlanWording> form={form} name="plan-settings" layout="vertical" onFinish={submit} style={{ maxWidth: 720 }}>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">
        情况通报的版头、正文、署名和版记使用以下用语；修改后新起草的通报生效，已印发的通报不变。
        {s.updatedBy ? `最近由${s.updatedBy}修改。` : '当前为方案数据包的默认用语。'}
      </Typography.Paragraph>
      <Form.Item name="issuer" label="发文机关全称" extra="版头红色发文机关标志及署名，如：某某市科技创新委员会办公室">
        <Input maxLength={30} />
      </Form.Item>
      <Space size="middle" wrap align="start">
        <Form.Item name="issuerShort" label="发文机关简称" extra="正文中的称呼，如：市科创委办公室">
          <Input maxLength={20} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="level" label="层级用字" extra="县级市用“市”，县用“县”，区用“区”">
          <Select style={{ width: 120 }} options={LEVEL_WORDS.map((l) => ({ value: l, label: l }))} />
        </Form.Item>
        <Form.Item name="programme" label="建设称谓" extra="通报标题“创新型……建设”，如：示范县">
          <Input maxLength={10} style={{ width: 160 }} />
        </Form.Item>
      </Space>
      <Form.Item name="recipients" label="主送机关">
        <Input.TextArea maxLength={200} autoSize={{ minRows: 1, maxRows: 3 }} />
      </Form.Item>
      <Form.Item name="cc" label="抄送机关" extra="留空则版记不印抄送行">
        <Input.TextArea maxLength={300} autoSize={{ minRows: 1, maxRows: 3 }} />
      </Form.Item>
      <Form.Item name="printer" label="印发机关">
        <Input maxLength={50} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        保存发文设置
      </Button>
    </Form>
  );
}
