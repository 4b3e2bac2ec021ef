import { Link, useParams } from 'react-router';
import { Card, List, Result, Space, Typography } from 'antd';
import { ROLE_LABELS, ROLES, type Role } from '@innocity/shared/api/auth';
import { ROLE_GUIDES } from '@innocity/shared/help/guides';
import { PrintButton } from '../../components/PrintButton.tsx';
import { useAuth } from '../auth/AuthContext.tsx';
import { GuideSections } from './GuideSections.tsx';

/** The guides listed: everyone their own; the office and admin every role's, to hand out. (None is secret: any opens by its address.) */
function guidesFor(roles: readonly Role[]): Role[] {
  return roles.some((r) => r === 'admin' || r === 'office') ? [...ROLES] : ROLES.filter((r) => roles.includes(r));
}

/** 操作指南: the list of role guides, or one role's guide laid out to print on one A4 page. */
export default function HelpPage() {
  const { user } = useAuth();
  const { role } = useParams();
  const mine = guidesFor(user?.roles ?? []);
  if (!role)
    return (
      <div className="page">
        <Typography.Title level={4}>操作指南</Typography.Title>
        <List
          bordered
          dataSource={mine}
          renderItem={(r) => (
            <List.Item>
              <List.Item.Meta
                title={<Link to={`/help/${r}`}>{ROLE_GUIDES[r].title}</Link>}
                description={ROLE_GUIDES[r].summary}
              />
            </List.Item>
          )}
        />
      </div>
    );
  if (!(ROLES as readonly string[]).includes(role)) return <Result status="404" title="没有这份操作指南" />;
  const g = ROLE_GUIDES[role as Role];
  return (
    <div className="page guide-page">
      <Card>
        <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {g.title}
          </Typography.Title>
          <PrintButton />
        </Space>
        <Typography.Paragraph type="secondary">
          适用角色：{ROLE_LABELS[role as Role]}。{g.summary}
        </Typography.Paragraph>
        <GuideSections
          level={4}
          sections={[
            { heading: '操作步骤', items: g.steps },
            { heading: '注意事项', items: g.notes },
          ]}
        />
      </Card>
    </div>
  );
}
