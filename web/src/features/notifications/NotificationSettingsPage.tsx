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
import {
  CHANNEL_LABELS,
  DELIVERY_STATUS_LABELS,
  DIGEST_HOUR,
  SMS_BODY_FORMAT_LABELS,
  WEBHOOK_FORMAT_LABELS,
} from '@innocity/shared/api/notifications';
import type { ApiError } from '../../api/client.ts';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { PageLoading } from '../../components/PageLoading.tsx';
import { localTime } from '../reporting/labels.tsx';
import { namedPageItem } from '../../components/a11y.tsx';

const STATUS_COLORS = { pending: 'gold', held: 'blue', merged: 'default', sent: 'green', failed: 'red' } as const;

/** The switch every channel has: send at once, or hold for one message a day. */
const digestItem = (channel: 'email' | 'webhook' | 'sms') => (
  <Form.Item
    name={[channel, 'digest']}
    label="每日汇总"
    valuePropName="checked"
    extra={`开启后该通道不逐条发送，每天 ${DIGEST_HOUR}:00 把上次汇总以来的通知按对象合并为一条发出`}
  >
    <Switch />
  </Form.Item>
);

type Contact = { unitId: string; unitName: string; email: string | null; phone: string | null };

/** Outgoing channels (SMTP e-mail, WeCom/DingTalk robot, HTTP SMS gateway), unit contacts and the delivery log (admin). */
export default function NotificationSettingsPage() {
  const { message } = App.useApp();
  const settings = useApi(() => api<ChannelSettings>('GET', '/api/notification-settings'), []);
  const log = useApi(() => api<{ items: Delivery[] }>('GET', '/api/deliveries'), []);
  const contacts = useApi(() => api<{ items: Contact[] }>('GET', '/api/unit-contacts'), []);
  const [form] = Form.useForm();
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);
  if (settings.loading && !settings.data) return <PageLoading />;
  if (settings.error) return <Result status="403" title="无法查看通知设置" subTitle={settings.error.message} />;
  const s = settings.data!;

  const save = async (
    v: ChannelSettings & {
      email: { password?: string };
      webhook: { url?: string; secret?: string };
      sms: { url?: string; token?: string };
    },
  ) => {
    try {
      // Blank secret fields keep what is stored: they are never sent back to the browser.
      const blankless = (o: Record<string, unknown>, keys: string[]) =>
        Object.fromEntries(Object.entries(o).filter(([k, x]) => !(keys.includes(k) && !x)));
      const { urlHint: _u, hasUrl: _h, hasToken: _t, ...sms } = v.sms;
      await api('PUT', '/api/notification-settings', {
        email: blankless(v.email, ['password']),
        webhook: blankless(v.webhook, ['url', 'secret']),
        sms: blankless(sms, ['url', 'token']),
      });
      message.success('已保存');
      // Secrets are write-only: once saved they leave the form and show as 已设置.
      form.setFieldsValue({
        email: { password: undefined },
        webhook: { url: undefined, secret: undefined },
        sms: { url: undefined, token: undefined },
      });
      settings.reload();
    } catch (err) {
      setProblem((err as ApiError).message);
    }
  };
  const setContact = async (unitId: string, field: 'email' | 'phone', value: string) => {
    await api('PUT', `/api/unit-contacts/${unitId}`, { [field]: value || null }).then(
      () => message.success(field === 'email' ? '已保存联系邮箱' : '已保存联系手机'),
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
          {digestItem('email')}
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
          {digestItem('webhook')}
        </Card>
        <Card title="短信（HTTP 短信网关）" size="small" style={{ marginTop: 12 }}>
          <Typography.Paragraph type="secondary">
            平台向网关地址发送 POST 请求，请求体含手机号和短信内容两个字段（字段名按网关文档填写）；网关返回 HTTP
            2xx，且返回内容中的 code / errcode / status 为 0、200 或 OK 时视为发送成功。
          </Typography.Paragraph>
          <Form.Item name={['sms', 'enabled']} label="启用" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item
            name={['sms', 'url']}
            label="网关地址"
            extra={s.sms.hasUrl ? `已设置（${s.sms.urlHint}）；留空则不修改` : '未设置'}
          >
            <Input.Password autoComplete="off" placeholder="https://sms.example.com/api/send" />
          </Form.Item>
          <Form.Item
            name={['sms', 'token']}
            label="访问令牌（Authorization: Bearer）"
            extra={s.sms.hasToken ? '已设置；留空则不修改' : '未设置；网关不需要时留空'}
          >
            <Input.Password autoComplete="off" />
          </Form.Item>
          <Form.Item name={['sms', 'bodyFormat']} label="请求格式">
            <Select options={Object.entries(SMS_BODY_FORMAT_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name={['sms', 'phoneField']} label="手机号字段名" rules={[{ required: true, message: '请填写' }]}>
            <Input placeholder="mobile" />
          </Form.Item>
          <Form.Item name={['sms', 'textField']} label="内容字段名" rules={[{ required: true, message: '请填写' }]}>
            <Input placeholder="content" />
          </Form.Item>
          <Form.Item name={['sms', 'signName']} label="短信签名" extra="显示为【签名】，须与网关备案的签名一致">
            <Input maxLength={20} />
          </Form.Item>
          {digestItem('sms')}
        </Card>
        <Button type="primary" htmlType="submit" style={{ marginTop: 12 }}>
          保存通道设置
        </Button>
      </Form>
      <Card title="单位联系方式" size="small">
        <Table
          size="small"
          rowKey="unitId"
          pagination={{ pageSize: 10, itemRender: namedPageItem }}
          dataSource={contacts.data?.items}
          columns={[
            { title: '单位', dataIndex: 'unitName' },
            {
              title: '邮箱',
              render: (_: unknown, c: Contact) => (
                <Input
                  defaultValue={c.email ?? ''}
                  aria-label={`${c.unitName}邮箱`}
                  onBlur={(e) =>
                    e.target.value !== (c.email ?? '') && void setContact(c.unitId, 'email', e.target.value)
                  }
                />
              ),
            },
            {
              title: '手机',
              render: (_: unknown, c: Contact) => (
                <Input
                  defaultValue={c.phone ?? ''}
                  inputMode="tel"
                  aria-label={`${c.unitName}手机`}
                  onBlur={(e) =>
                    e.target.value !== (c.phone ?? '') && void setContact(c.unitId, 'phone', e.target.value)
                  }
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
            { title: '通道', render: (_: unknown, d) => CHANNEL_LABELS[d.channel] },
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
