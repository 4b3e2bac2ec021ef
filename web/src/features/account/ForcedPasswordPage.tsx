import { Navigate, useLocation, useNavigate } from 'react-router';
import { Alert, App, Button, Card, Typography } from 'antd';
import { LogoutOutlined } from '@ant-design/icons';
import { useAuth } from '../auth/AuthContext.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';

/** Where everyone whose password is temporary must go first: only this form and logout are reachable. */
export default function ForcedPasswordPage() {
  const { user, checking, logout, refresh } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  if (checking) return <PageLoading />;
  if (!user) return <Navigate to="/login" replace />;
  // Once changed, the app continues to where the user wanted to go.
  if (!user.mustChangePassword) return <Navigate to={from} replace />;

  return (
    <main className="login-page">
      <Card className="login-card forced-card">
        <Typography.Title level={3} style={{ marginBottom: 4 }}>
          首次登录请修改密码
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {user.displayName}（{user.username}
          ），您现在使用的是系统管理员设置的临时密码。请设置只有您自己知道的新密码，修改后即可进入系统。
        </Typography.Paragraph>
        <Alert type="info" showIcon title="修改成功后，您在其他设备上的登录将全部退出。" style={{ marginBottom: 16 }} />
        <ChangePasswordForm
          username={user.username}
          onChanged={async () => {
            message.success('密码已修改');
            await refresh();
          }}
        />
        <Button
          type="link"
          icon={<LogoutOutlined />}
          style={{ paddingInline: 0, marginTop: 12 }}
          onClick={async () => {
            await logout();
            navigate('/login', { replace: true });
          }}
        >
          退出登录
        </Button>
      </Card>
    </main>
  );
}
