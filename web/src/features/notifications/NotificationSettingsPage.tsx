import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Result,
  Select,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ChannelSettings, Delivery } from '@innocity/shared/api/notifications';
import { DELIVERY_STATUS_LABELS, WEBHOOK_FORMAT_LABELS } from '@innocity/shared/api/notifications';
import type { ApiError } from '../../api/client.ts';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { PageLoading } from '../../components/PageLoading.tsx';
import { localTime } from '../reporting/labels.tsx';
import { namedPageItem } from '../../components/a11y.tsx';

const STATUS_COLORS = { pending: 'gold', sent: 'green', failed: 'red' } as const;

/** Outgoing channels (SMTP e-mail, WeCom/DingTalk robot), unit contact addresses and the delivery log (admin). */
export default function NotificationSettingsPage() {
  const { message } = App.useApp();
  const settings = useApi(() => api<ChannelSettings>('GET', '/api/notification-settings'), []);
  const log = useApi(() => api<{ items: Delivery[] }>('GET', '/api/deliveries'), []);
  const contacts = useApi(
    () => api<{ items: { unitId: string; unitName: string; email: string | null }[] }>('GET', '/api/unit-contacts'),
    [],
  );
  const [form] = Form.useForm();
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);
  if (settings.loading && !settings.data) return <PageLoading />;
  if (settings.error) return <Result status="403" title="无法查看通知设置" subTitle={settings.error.message} />;
  const s = settings.data!;

  const save = async (
    v: ChannelSettings & { email: { password?: string }; webhook: { url?: string; secret?: string } },
  ) => {
    try {
      // Blank secret fields keep what is stored: they are never sent back to the browser.
      const blankless = (o: Record<string, unknown>, keys: string[]) =>
        Object.fromEntries(Object.entries(o).filter(([k, x]) => !(keys.includes(k) && !x)));
      await api('PUT', '/api/notification-settings', {
        email: blankless(v.email, ['password']),
        webhook: blankless(v.webhook, ['url', 'secret']),
      });
      message.success('已保存');
      settings.reload();
    } catch (err) {
      setProblem((err as ApiError).message);
    }
  };
  const setContact = async (unitId: string, email: string) => {
    await api('PUT', `/api/unit-contacts/${unitId}`, { email: email || null }).then(
      () => message.success('已保存联系邮箱'),
      (e: ApiError) => setProblem(e.message),
    );
  };

  return (
    <div className="page">
      <Typography.Title level={4}>通知设置</Typography.Title>
      {problem && <Alert type="error" showIcon title={problem} closable onClose={() => setProblem(undefined)} />}
      <Form form={form} layout="vertical" onFinish={save}>
        <Card title="邮件（SMTP）" size="small">
          <Form.Item name={['email', 'enabled']} label="启用" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name={['email', 'host']} label="服务器">
            <Input placeholder="smtp.example.gov.cn" />
          </Form.Item>
          <Form.Item name={['email', 'port']} label="端口">
            <InputNumber min={1} max={65535} />
          </Form.Item>
          <Form.Item name={['email', 'secure']} label="SSL 直连（465 端口）" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name={['email', 'user']} label="用户名">
            <Input />
          </Form.Item>
          <Form.Item
            name={['email', 'password']}
            label="密码"
            extra={s.email.hasPassword ? '已设置；留空则不修改' : '未设置'}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name={['email', 'from']} label="发件人">
            <Input placeholder="innocity@example.gov.cn" />
          </Form.Item>
        </Card>
        <Card title="群机器人（企业微信 / 钉钉）" size="small" style={{ marginTop: 12 }}>
          <Form.Item name={['webhook', 'enabled']} label="启用" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name={['webhook', 'format']} label="类型">
            <Select options={Object.entries(WEBHOOK_FORMAT_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item
            name={['webhook', 'url']}
            label="机器人地址"
            extra={s.webhook.hasUrl ? `已设置（${s.webhook.urlHint}）；留空则不修改` : '未设置'}
          >
            <Input.Password autoComplete="off" />
          </Form.Item>
          <Form.Item
            name={['webhook', 'secret']}
            label="加签密钥（钉钉）"
            extra={s.webhook.hasSecret ? '已设置；留空则不修改' : '未设置'}
          >
            <Input.Password autoComplete="off" />
          </Form.Item>
        </Card>
        <Button type="primary" htmlType="submit" style={{ marginTop: 12 }}>
          保存通道设置
        </Button>
      </Form>
      <Card title="单位联系邮箱" size="small">
        <Table
          size="small"
          rowKey="unitId"
          pagination={{ pageSize: 10, itemRender: namedPageItem }}
          dataSource={contacts.data?.items}
          columns={[
            { title: '单位', dataIndex: 'unitName' },
            {
              title: '邮箱',
              render: (_: unknown, c) => (
                <Input
                  defaultValue={c.email ?? ''}
                  aria-label={`${c.unitName}邮箱`}
                  onBlur={(e) => e.target.value !== (c.email ?? '') && void setContact(c.unitId, e.target.value)}
                />
              ),
            },
          ]}
        />
      </Card>
      <Card
        title="外发记录"
        size="small"
        extra={
          <Button size="small" onClick={log.reload}>
            刷新
          </Button>
        }
      >
        <Table<Delivery>
          size="small"
          rowKey="id"
          pagination={{ itemRender: namedPageItem }}
          scroll={{ x: true }}
          dataSource={log.data?.items}
          locale={{ emptyText: '还没有外发消息' }}
          columns={[
            { title: '时间', render: (_: unknown, d) => localTime(d.createdAt) },
            { title: '通道', render: (_: unknown, d) => (d.channel === 'email' ? '邮件' : '群机器人') },
            { title: '对象', dataIndex: 'target' },
            { title: '标题', dataIndex: 'subject' },
            {
              title: '状态',
              render: (_: unknown, d) => <Tag color={STATUS_COLORS[d.status]}>{DELIVERY_STATUS_LABELS[d.status]}</Tag>,
            },
            { title: '尝试', dataIndex: 'attempts' },
            { title: '错误', dataIndex: 'lastError' },
          ]}
        />
      </Card>
    </div>
  );
}
