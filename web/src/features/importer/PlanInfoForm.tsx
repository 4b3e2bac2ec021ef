import { Form, Input, InputNumber } from 'antd';
import type { FieldIssue } from '@innocity/shared/errors';
import type { PlanProposal } from '@innocity/shared/importer/proposal';
import { issuesAt } from './use-review.ts';

const FIELDS: { name: keyof PlanProposal['plan']; label: string; placeholder?: string }[] = [
  { name: 'title', label: '方案标题' },
  { name: 'documentNumber', label: '文号', placeholder: '如 句委办〔2022〕79号' },
  { name: 'issuer', label: '印发机关' },
  { name: 'issuingDate', label: '印发日期', placeholder: 'YYYY-MM-DD' },
  { name: 'region', label: '地区' },
];

/** The plan's header fields as the importer read them, for the office to correct. */
export function PlanInfoForm({
  proposal,
  issues,
  onChange,
}: {
  proposal: PlanProposal;
  issues: FieldIssue[];
  onChange(plan: PlanProposal['plan']): void;
}) {
  const issueOf = (name: string) => issuesAt(issues, `proposal.plan.${name}`)[0];
  const help = (name: string) => {
    const issue = issueOf(name);
    return issue ? { validateStatus: 'error' as const, help: issue.message } : {};
  };
  return (
    <Form
      layout="vertical"
      className="plan-info-form"
      initialValues={proposal.plan}
      onValuesChange={(_changed, all: PlanProposal['plan']) =>
        onChange({ ...proposal.plan, ...all, issuingDate: all.issuingDate || null })
      }
    >
      {FIELDS.map((f) => (
        <Form.Item key={f.name} name={f.name} label={f.label} {...help(f.name)}>
          <Input placeholder={f.placeholder} />
        </Form.Item>
      ))}
      <Form.Item name="targetYear" label="目标年份" {...help('targetYear')}>
        <InputNumber min={1990} max={2100} precision={0} style={{ width: '100%' }} />
      </Form.Item>
    </Form>
  );
}
