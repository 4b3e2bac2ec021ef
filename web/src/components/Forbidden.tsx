import { useNavigate } from 'react-router';
import { Button, Result } from 'antd';
import { ROLE_LABELS, type Role } from '@innocity/shared/api/auth';

/**
 * What a user sees on a route their roles may not open (a typed address, an old bookmark, a link
 * passed on). Shown instead of the page, so the page asks the server nothing it would refuse.
 */
export default function Forbidden({ roles }: { roles: readonly Role[] }) {
  const navigate = useNavigate();
  const mine = roles.map((r) => ROLE_LABELS[r]).join('、') || '无角色';
  return (
    <Result
      status="403"
      title="无权访问此页面"
      subTitle={`您的角色（${mine}）不能使用此页面。如需使用，请联系系统管理员。`}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          返回首页
        </Button>
      }
    />
  );
}
