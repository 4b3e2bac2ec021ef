import { useState } from 'react';
import { Button, Empty, Space, Tooltip } from 'antd';
import { MergeCellsOutlined, PlusOutlined } from '@ant-design/icons';
import type { FieldIssue } from '@innocity/shared/errors';
import {
  addItem,
  deleteItem,
  mergeItems,
  splitTask,
  updateItem,
  type ItemKind,
  type ItemOf,
} from '@innocity/shared/importer/proposal-edits';
import type { PlanProposal } from '@innocity/shared/importer/proposal';
import { ItemEditModal } from './ItemEditModal.tsx';
import { ItemRow } from './ItemRow.tsx';
import { KINDS, numberOf } from './item-kinds.tsx';
import { SplitTaskModal } from './SplitTaskModal.tsx';
import { issuesAt } from './use-review.ts';

interface Props {
  kind: ItemKind;
  proposal: PlanProposal;
  sourceText: string;
  selected: number | null;
  issues: FieldIssue[];
  unitNames: string[];
  onSelect(index: number): void;
  onEdit(proposal: PlanProposal, kind: ItemKind, index?: number): void;
}

/** One kind's items: select to see the source, edit, merge the checked, split a task, add, delete. */
export function ItemList({ kind, proposal, sourceText, selected, issues, unitNames, onSelect, onEdit }: Props) {
  const config = KINDS[kind];
  const items = proposal[kind] as ItemOf<ItemKind>[];
  const [checked, setChecked] = useState<number[]>([]);
  const [editing, setEditing] = useState<number | null>(null);
  const [splitting, setSplitting] = useState<number | null>(null);
  // Adding, merging, splitting and deleting renumber the list: checked indices no longer hold.
  const structural = (p: PlanProposal) => {
    setChecked([]);
    onEdit(p, kind);
  };
  const check = (index: number, on: boolean) => setChecked((c) => (on ? [...c, index] : c.filter((x) => x !== index)));

  return (
    <div className="import-list" data-testid={`import-list-${kind}`}>
      <Space wrap className="import-toolbar">
        <Button icon={<PlusOutlined />} onClick={() => structural(addItem(proposal, kind, selected ?? undefined))}>
          添加{config.label}
        </Button>
        {config.mergeable && kind !== 'indicators' && (
          <Tooltip title="勾选两项或多项后合并为一项">
            <Button
              icon={<MergeCellsOutlined />}
              disabled={checked.length < 2}
              onClick={() => structural(mergeItems(proposal, kind, checked))}
            >
              合并所选（{checked.length}）
            </Button>
          </Tooltip>
        )}
      </Space>
      {items.length === 0 && <Empty description={`没有识别出${config.label}`} />}
      {items.map((item, index) => (
        <ItemRow
          key={`${index}-${numberOf(item) ?? ''}`}
          {...{ kind, item, proposal }}
          selected={selected === index}
          checked={checked.includes(index)}
          issues={issuesAt(issues, `proposal.${kind}.${index}`)}
          onSelect={() => onSelect(index)}
          onCheck={(on) => check(index, on)}
          onEdit={() => setEditing(index)}
          onSplit={() => setSplitting(index)}
          onDelete={() => structural(deleteItem(proposal, kind, index))}
        />
      ))}
      <ItemEditModal
        kind={kind}
        index={editing}
        proposal={proposal}
        unitNames={unitNames}
        issues={editing === null ? [] : issuesAt(issues, `proposal.${kind}.${editing}`)}
        onClose={() => setEditing(null)}
        onSave={(patch) => {
          if (editing !== null)
            onEdit(updateItem(proposal, kind, editing, patch as Partial<ItemOf<typeof kind>>), kind, editing);
          setEditing(null);
        }}
      />
      <SplitTaskModal
        task={splitting === null ? null : (proposal.tasks[splitting] ?? null)}
        onClose={() => setSplitting(null)}
        onSplit={(at) => {
          if (splitting !== null) structural(splitTask(proposal, splitting, at, sourceText));
          setSplitting(null);
        }}
      />
    </div>
  );
}
