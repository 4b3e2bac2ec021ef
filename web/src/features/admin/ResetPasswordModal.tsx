import { useEffect, useState } from 'react';
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import type { User } from '@innocity/shared/api/users';
import { api } from '../../api/client.ts';
import { showApiError } from '../../api/form-errors.ts';
import { passwordPolicyRule, PasswordPolicyHint } from '../account/PasswordPolicy.tsx';

/** The admin sets a temporary password; the user's sessions end and the next login must change it. */
export function ResetPasswordModal({
  user,
  onClose,
  onDone,
}: {
  user: User | undefined;
  onClose(): void;
  onDone(u: User): void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ temporaryPassword: string }>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const password = Form.useWatch('temporaryPassword', form);

  useEffect(() => {
    if (!user) return;
    form.resetFields();
    setProblem(undefined);
  }, [user, form]);

  const submit = async (v: { temporaryPassword: string }) => {
    if (!user) return;
    setBusy(true);
    try {
      const saved = await api<User>('POST', `/api/users/${user.id}/password-reset`, v);
      message.success(`已重置“${saved.displayName}”的密码，其全部登录已失效`);
      onDone(saved);
    } catch (err) {
      setProblem(showApiError(form, err, ['temporaryPassword']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!user}
      title={`重置密码：${user?.displayName ?? ''}`}
      okText="重置密码"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      <Typography.Paragraph>
        重置后，该用户的所有登录立即失效；用临时密码登录后须先修改密码。请当面或电话把临时密码告知本人，不要通过群聊发送。
      </Typography.Paragraph>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} name="reset" layout="vertical" onFinish={submit}>
        <Form.Item
          label="临时密码"
          required
          name="temporaryPassword"
          rules={[passwordPolicyRule('临时密码', () => user?.username)]}
          extra={<PasswordPolicyHint password={password} username={user?.username} />}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
