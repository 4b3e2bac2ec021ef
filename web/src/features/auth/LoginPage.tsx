import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import type { LoginInput } from '@innocity/shared/api/auth';
import { ApiError } from '../../api/client.ts';
import { useAuth } from './AuthContext.tsx';

/** The sign-in page: username and password; the server's Chinese message (wrong password, lock) shown above the form. */
export default function LoginPage() {
  const { user, login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<{ message: string; locked: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  if (user) return <Navigate to={from} replace />;

  const submit = async (values: LoginInput) => {
    setBusy(true);
    setError(null);
    try {
      await login(values);
      navigate(from, { replace: true });
    } catch (err) {
      // The server's own words: wrong password, disabled account, or the lock with the time to retry.
      setError(
        err instanceof ApiError
          ? { message: err.message, locked: err.code === 'locked' }
          : { message: '登录失败，请稍后再试', locked: false },
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login-page">
      <Card className="login-card">
        <Typography.Title level={3} style={{ textAlign: 'center', marginBottom: 4 }}>
          创新型示范市建设管理平台
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          InnoCity · 请使用单位分配的账号登录
        </Typography.Paragraph>
        {error && (
          <Alert
            type="error"
            showIcon
            title={error.message}
            description={
              error.locked ? '锁定期间即使密码正确也无法登录。如忘记密码，请联系系统管理员重置。' : undefined
            }
            style={{ marginBottom: 16 }}
            role="alert"
          />
        )}
        <Form<LoginInput> layout="vertical" onFinish={submit} requiredMark={false} autoComplete="on">
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            登录
          </Button>
        </Form>
      </Card>
    </main>
  );
}
