import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, Tag, Typography } from 'antd';
import { CheckCircleOutlined } from '@ant-design/icons';
import type { ImportSettings, UnitMapping } from '@innocity/shared/api/plan-imports';
import type { PlanSummary } from '@innocity/shared/api/plans';
import type { FieldIssue } from '@innocity/shared/errors';
import type { PlanProposal } from '@innocity/shared/importer/proposal';
import { proposalUnitNames } from '@innocity/shared/importer/proposal-edits';
import { freePlanCode } from '@innocity/shared/importer/plan-code';
import { issuesAt } from './use-review.ts';

interface Props {
  proposal: PlanProposal;
  settings: ImportSettings;
  mapping: Record<string, UnitMapping>;
  plans: PlanSummary[];
  issues: FieldIssue[];
  busy: boolean;
  onSettings(settings: Partial<ImportSettings>): void;
  onConfirm(): void;
  onIssue(issue: FieldIssue): void;
}

/** Names still unresolved: no mapping, or a mapping that names no unit or no member. */
export function unresolvedNames(proposal: PlanProposal, mapping: Record<string, UnitMapping>): string[] {
  return proposalUnitNames(proposal).filter((n) => {
    const m = mapping[n];
    return !m || (m.action === 'existing' && !m.unitId) || (m.action === 'group' && m.memberIds.length === 0);
  });
}

/** What the plan will be once in force: header, counts, the units created and the groups. */
function ConfirmSummary({ proposal, mapping }: Pick<Props, 'proposal' | 'mapping'>) {
  const names = proposalUnitNames(proposal);
  const created = names.filter((n) => mapping[n]?.action === 'create');
  const groups = names.filter((n) => mapping[n]?.action === 'group');
  const open = unresolvedNames(proposal, mapping);
  const p = proposal.plan;
  const content = `${proposal.areas.length} 个领域、${proposal.tasks.length} 项任务、${proposal.indicators.length} 个指标、${proposal.phases.length} 个阶段、${proposal.measures.length} 项保障措施`;
  return (
    <Card size="small" title="生效后的方案">
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
        <Descriptions.Item label="方案标题">{p.title ?? '（未填）'}</Descriptions.Item>
        <Descriptions.Item label="文号">{p.documentNumber ?? '（未填）'}</Descriptions.Item>
        <Descriptions.Item label="印发日期">{p.issuingDate ?? '（未填）'}</Descriptions.Item>
        <Descriptions.Item label="目标年份">{p.targetYear ?? '（未填）'}</Descriptions.Item>
        <Descriptions.Item label="内容">{content}</Descriptions.Item>
        <Descriptions.Item label="单位">
          {created.length === 0 ? (
            '不新建单位'
          ) : (
            <>
              新建{' '}
              {created.map((n) => (
                <Tag key={n}>{n}</Tag>
              ))}
            </>
          )}
          {groups.length > 0 && (
            <div>
              单位组{' '}
              {groups.map((n) => (
                <Tag key={n} color="blue">
                  {n}
                </Tag>
              ))}
            </div>
          )}
        </Descriptions.Item>
      </Descriptions>
      {open.length > 0 && (
        <Typography.Paragraph type="danger" className="confirm-open">
          尚未对应的单位：{open.join('、')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

/** The last step: the plan's code and base year, a summary of what will be created, and the button that puts it in force. */
export function ConfirmStep({
  proposal,
  settings,
  mapping,
  plans,
  issues,
  busy,
  onSettings,
  onConfirm,
  onIssue,
}: Props) {
  const open = unresolvedNames(proposal, mapping);
  const codeTaken = plans.find((p) => p.code === settings.code);
  const sameDocument = plans.find(
    (p) => proposal.plan.documentNumber && p.documentNumber === proposal.plan.documentNumber,
  );
  const codeIssue =
    issuesAt(issues, 'settings.code')[0]?.message ??
    (codeTaken ? `方案编码“${settings.code}”已被《${codeTaken.title}》使用，请换一个编码` : undefined);
  const yearIssue = issuesAt(issues, 'settings.baselineYear')[0]?.message;
  // The code is generated (from the document number or year, with a free suffix); the office edits
  // it only under 高级, which opens by itself when the server refuses the code.
  const [advanced, setAdvanced] = useState(false);
  const serverCodeIssue = issuesAt(issues, 'settings.code').length > 0;
  useEffect(() => {
    if (serverCodeIssue) setAdvanced(true);
  }, [serverCodeIssue]);
  useEffect(() => {
    if (advanced) return;
    const free = freePlanCode(
      settings.code,
      plans.map((p) => p.code),
    );
    if (free !== settings.code) onSettings({ code: free });
  }, [advanced, settings.code, plans, onSettings]);
  return (
    <div className="confirm-step">
      {issues.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={`还有 ${issues.length} 处需要修改，方案才能生效`}
          description={
            <ul className="issue-list">
              {issues.map((i) => (
                <li key={i.path + i.message}>
                  <Button type="link" size="small" className="issue-link" onClick={() => onIssue(i)}>
                    {i.message}
                  </Button>
                </li>
              ))}
            </ul>
          }
        />
      )}
      {sameDocument && (
        <Alert
          type="warning"
          showIcon
          title={`已有同文号的方案《${sameDocument.title}》（编码 ${sameDocument.code}）。确认后将另建一个方案，原方案不受影响。`}
        />
      )}
      <Card size="small" title="方案编码与基期">
        <Form layout="vertical" className="confirm-settings">
          {advanced ? (
            <Form.Item
              label="方案编码（小写字母、数字和连字符，用于区分方案）"
              {...(codeIssue ? { validateStatus: 'error' as const, help: codeIssue } : {})}
            >
              <Input
                aria-label="方案编码"
                value={settings.code}
                onChange={(e) => onSettings({ code: e.target.value.trim() })}
              />
            </Form.Item>
          ) : (
            <Form.Item label="方案编码">
              <Typography.Text code data-testid="plan-code">
                {settings.code}
              </Typography.Text>
              <Typography.Text type="secondary">（按文号自动生成，用于区分方案）</Typography.Text>
              <Button type="link" size="small" onClick={() => setAdvanced(true)}>
                修改（高级）
              </Button>
            </Form.Item>
          )}
          <Form.Item
            label="基期年份（印发前最后一个完整统计年度）"
            {...(yearIssue ? { validateStatus: 'error' as const, help: yearIssue } : {})}
          >
            <InputNumber
              aria-label="基期年份"
              min={1990}
              max={2100}
              precision={0}
              value={settings.baselineYear}
              onChange={(v) => onSettings({ baselineYear: v ?? settings.baselineYear })}
            />
          </Form.Item>
        </Form>
      </Card>
      <ConfirmSummary proposal={proposal} mapping={mapping} />
      <div className="confirm-actions">
        <Button
          type="primary"
          size="large"
          icon={<CheckCircleOutlined />}
          loading={busy}
          disabled={open.length > 0 || !!codeTaken}
          onClick={onConfirm}
        >
          确认生效
        </Button>
      </div>
    </div>
  );
}
