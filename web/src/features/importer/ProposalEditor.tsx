import { Alert, Button, Empty, Radio, Typography } from 'antd';
import type { FieldIssue } from '@innocity/shared/errors';
import type { ItemKind } from '@innocity/shared/importer/proposal-edits';
import type { PlanProposal } from '@innocity/shared/importer/proposal';
import { ItemList } from './ItemList.tsx';
import { KINDS } from './item-kinds.tsx';
import { PlanInfoForm } from './PlanInfoForm.tsx';
import { UnreadList } from './UnreadList.tsx';
import { issuesAt } from './use-review.ts';

/** What is selected: an item of a kind, or a warning; its source is highlighted beside. */
export type Selection = { kind: ItemKind | 'warnings' | 'unread'; index: number } | null;

interface Props {
  proposal: PlanProposal;
  sourceText: string;
  tab: string;
  selection: Selection;
  issues: FieldIssue[];
  unitNames: string[];
  onTab(tab: string): void;
  onSelect(selection: Selection): void;
  onEdit(proposal: PlanProposal, kind: ItemKind | 'plan', index?: number): void;
}

/** What the importer could not read, each with its line; selecting one shows the place in the source. */
function WarningList({
  proposal,
  selected,
  onSelect,
}: {
  proposal: PlanProposal;
  selected: number | null;
  onSelect(index: number): void;
}) {
  if (proposal.warnings.length === 0) return <Empty description="没有警告：文档中的编号内容都已识别" />;
  return (
    <div className="import-list">
      {proposal.warnings.map((w, index) => (
        <div
          key={`${w.source.start}-${index}`}
          className={`import-item${selected === index ? ' import-item-selected' : ''}`}
          data-testid="import-warning"
          onClick={() => onSelect(index)}
        >
          <div className="import-item-body">
            <Typography.Text>{w.message}</Typography.Text>
            <Typography.Text type="secondary" className="import-item-line">
              第 {w.source.line} 行
            </Typography.Text>
          </div>
        </div>
      ))}
    </div>
  );
}

const ORDER: ItemKind[] = ['tasks', 'indicators', 'goals', 'areas', 'phases', 'measures'];

/** The proposal in panes: plan header, each kind of item, and the importer's warnings. */
export function ProposalEditor({
  proposal,
  sourceText,
  tab,
  selection,
  issues,
  unitNames,
  onTab,
  onSelect,
  onEdit,
}: Props) {
  const count = (n: number, bad: number) => (bad > 0 ? `${n}·${bad}处待改` : `${n}`);
  const lists = ORDER.map((kind) => ({
    key: kind,
    label: `${KINDS[kind].label}（${count(proposal[kind].length, issuesAt(issues, `proposal.${kind}`).length)}）`,
    children: (
      <ItemList
        kind={kind}
        proposal={proposal}
        sourceText={sourceText}
        selected={selection?.kind === kind ? selection.index : null}
        issues={issues}
        unitNames={unitNames}
        onSelect={(index) => onSelect({ kind, index })}
        onEdit={onEdit}
      />
    ),
  }));
  const warnings = {
    key: 'warnings',
    label: `识别警告（${proposal.warnings.length}）`,
    children: (
      <WarningList
        proposal={proposal}
        selected={selection?.kind === 'warnings' ? selection.index : null}
        onSelect={(index) => onSelect({ kind: 'warnings', index })}
      />
    ),
  };
  const unread = {
    key: 'unread',
    label: `未识别的数字（${proposal.unreadNumbers?.length ?? 0}）`,
    children: (
      <UnreadList
        proposal={proposal}
        selected={selection?.kind === 'unread' ? selection.index : null}
        onSelect={(index) => onSelect({ kind: 'unread', index })}
        onAdopt={(next, index) => {
          onSelect(null);
          onEdit(next, 'indicators', index);
        }}
      />
    ),
  };
  const info = {
    key: 'plan',
    label: issuesAt(issues, 'proposal.plan').length ? '方案信息·待改' : '方案信息',
    children: (
      <PlanInfoForm proposal={proposal} issues={issues} onChange={(plan) => onEdit({ ...proposal, plan }, 'plan')} />
    ),
  };
  const panes = [...lists, info, warnings, unread];
  return (
    <div className="proposal-editor">
      {proposal.warnings.length > 0 && tab !== 'warnings' && (
        <Alert
          type="warning"
          showIcon
          className="import-warning-alert"
          title={`导入时有 ${proposal.warnings.length} 处内容未能识别，请在“识别警告”中逐条核对原文`}
          action={
            <Button type="link" size="small" onClick={() => onTab('warnings')}>
              查看
            </Button>
          }
        />
      )}
      {/* Buttons that wrap rather than tabs that hide some behind "…": every part stays one click away, at any width. */}
      <Radio.Group
        className="proposal-nav"
        optionType="button"
        buttonStyle="solid"
        value={tab}
        onChange={(e) => onTab(e.target.value as string)}
        options={panes.map((p) => ({ value: p.key, label: p.label }))}
      />
      <div className="proposal-pane">{panes.find((p) => p.key === tab)?.children}</div>
    </div>
  );
}
