import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import type { SessionInfo } from '@innocity/shared/api/auth';
import type { ChangePasswordInput } from '@innocity/shared/api/users';
import { api } from '../../api/client.ts';
import { showApiError } from '../../api/form-errors.ts';
import { passwordPolicyRule, PasswordPolicyHint } from './PasswordPolicy.tsx';

interface Values extends ChangePasswordInput {
  confirm: string;
}

/** Old password, new password (checked against the policy as it is typed) and its confirmation. */
export function ChangePasswordForm({
  username,
  onChanged,
}: {
  username: string;
  onChanged(info: SessionInfo): void | Promise<void>;
}) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const newPassword = Form.useWatch('newPassword', form);

  const submit = async ({ oldPassword, newPassword }: Values) => {
    setBusy(true);
    setProblem(undefined);
    try {
      const info = await api<SessionInfo>('POST', '/api/auth/password', { oldPassword, newPassword });
      form.resetFields();
      await onChanged(info);
    } catch (err) {
      setProblem(showApiError(form, err, ['oldPassword', 'newPassword']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<Values>
      form={form}
      name="password"
      layout="vertical"
      onFinish={submit}
      requiredMark={false}
      style={{ maxWidth: 420 }}
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} role="alert" />}
      {/* A hidden username lets password managers file the new password under the right account. */}
      <input type="text" name="username" value={username} autoComplete="username" readOnly hidden />
      <Form.Item label="原密码" name="oldPassword" rules={[{ required: true, message: '请填写原密码' }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        label="新密码"
        required
        name="newPassword"
        rules={[passwordPolicyRule('新密码', () => username)]}
        extra={<PasswordPolicyHint password={newPassword} username={username} />}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label="确认新密码"
        name="confirm"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: async (_r, v: string | undefined) => {
              if (v && v !== getFieldValue('newPassword')) throw new Error('两次输入的新密码不一致');
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        修改密码
      </Button>
    </Form>
  );
}
