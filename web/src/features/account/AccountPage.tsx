import { Alert, App, Card, Descriptions, Tag, Typography } from 'antd';
import { ROLE_LABELS } from '@innocity/shared/api/auth';
import { useAuth } from '../auth/AuthContext.tsx';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';

/** My account: who I am in the system, my units and roles, and changing my password. */
export default function AccountPage() {
  const { user, refresh } = useAuth();
  const { message } = App.useApp();
  if (!user) return null;
  return (
    <div className="page account-page">
      <Typography.Title level={4}>我的账号</Typography.Title>
      <Card title="账号信息">
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small">
          <Descriptions.Item label="姓名">{user.displayName}</Descriptions.Item>
          <Descriptions.Item label="用户名">{user.username}</Descriptions.Item>
          <Descriptions.Item label="所属单位">
            {user.units.length ? user.units.map((u) => <Tag key={u.id}>{u.name}</Tag>) : '未分配单位'}
          </Descriptions.Item>
          <Descriptions.Item label="角色">
            {user.roles.length
              ? user.roles.map((r) => (
                  <Tag color="red" key={r}>
                    {ROLE_LABELS[r]}
                  </Tag>
                ))
              : '无角色'}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
          单位和角色由系统管理员分配；如有变动，请联系系统管理员。
        </Typography.Paragraph>
      </Card>
      <Card title="修改密码">
        <Alert
          type="info"
          showIcon
          title="修改成功后，您在其他电脑、手机或浏览器上的登录将全部退出，本次登录保持有效。"
          style={{ marginBottom: 16, maxWidth: 640 }}
        />
        <ChangePasswordForm
          username={user.username}
          onChanged={async () => {
            message.success('密码已修改，其他设备上的登录已全部退出');
            await refresh();
          }}
        />
      </Card>
    </div>
  );
}
