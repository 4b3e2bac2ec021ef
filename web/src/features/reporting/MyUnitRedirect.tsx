import { Navigate } from 'react-router';
import { Empty } from 'antd';
import { useAuth } from '../auth/AuthContext.tsx';

/** A unit's people go straight to their (first) unit's page. */
export default function MyUnitRedirect() {
  const { user } = useAuth();
  const unit = user?.units[0];
  if (!unit) return <Empty description="您的账号还没有所属单位，请联系系统管理员。" />;
  return <Navigate to={`/units/${unit.id}`} replace />;
}
