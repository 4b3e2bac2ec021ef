import { Button, Checkbox, Popconfirm, Space, Tooltip, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, ScissorOutlined } from '@ant-design/icons';
import type { FieldIssue } from '@innocity/shared/errors';
import type { ItemKind, ItemOf } from '@innocity/shared/importer/proposal-edits';
import type { PlanProposal } from '@innocity/shared/importer/proposal';
import { KINDS, numberOf } from './item-kinds.tsx';

/** Why an item cannot be deleted, if it cannot. */
function deleteBlock(kind: ItemKind, item: ItemOf<ItemKind>, p: PlanProposal): string | null {
  if (kind === 'areas' && p.tasks.some((t) => t.areaNumber === numberOf(item)))
    return '领域下还有任务：请先把任务移到其他领域，或与其他领域合并';
  return null;
}

function deleteQuestion(kind: ItemKind, item: ItemOf<ItemKind>, p: PlanProposal): string {
  const label = `${KINDS[kind].label}“${KINDS[kind].title(item, p)}”`;
  const n = numberOf(item);
  const targets =
    kind === 'tasks'
      ? p.indicators.filter((i) => i.task === n).length
      : kind === 'goals'
        ? p.indicators.filter((i) => i.goal === n).length
        : 0;
  return targets > 0 ? `删除${label}？它的 ${targets} 个指标将一并删除。` : `删除${label}？`;
}

interface Props {
  kind: ItemKind;
  item: ItemOf<ItemKind>;
  proposal: PlanProposal;
  selected: boolean;
  checked: boolean;
  issues: FieldIssue[];
  onSelect(): void;
  onCheck(checked: boolean): void;
  onEdit(): void;
  onSplit(): void;
  onDelete(): void;
}

/** One item: its title, where it came from, its details and problems; check, edit, split, delete. */
export function ItemRow({
  kind,
  item,
  proposal,
  selected,
  checked,
  issues,
  onSelect,
  onCheck,
  onEdit,
  onSplit,
  onDelete,
}: Props) {
  const config = KINDS[kind];
  const title = config.title(item, proposal);
  const blocked = deleteBlock(kind, item, proposal);
  const added = item.source.end <= item.source.start;
  const classes = ['import-item', selected ? 'import-item-selected' : '', issues.length ? 'import-item-error' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={classes} data-testid="import-item" onClick={onSelect}>
      {config.mergeable && (
        <Checkbox
          aria-label={`勾选 ${title}`}
          checked={checked}
          onClick={(e) => e.stopPropagation()}
          onChange={(e) => onCheck(e.target.checked)}
        />
      )}
      <div className="import-item-body">
        <Typography.Text strong>{title}</Typography.Text>
        <Typography.Text type="secondary" className="import-item-line">
          {added ? '手动添加' : `第 ${item.source.line} 行`}
        </Typography.Text>
        <div className="import-item-meta">{config.meta(item, proposal)}</div>
        {issues.map((i) => (
          <Typography.Text key={i.path + i.message} type="danger" className="import-item-issue">
            {i.message}
          </Typography.Text>
        ))}
      </div>
      <Space size={0} className="import-item-actions" onClick={(e) => e.stopPropagation()}>
        <Tooltip title="编辑">
          <Button type="text" aria-label="编辑" icon={<EditOutlined />} onClick={onEdit} />
        </Tooltip>
        {kind === 'tasks' && (
          <Tooltip title="拆分">
            <Button type="text" aria-label="拆分" icon={<ScissorOutlined />} onClick={onSplit} />
          </Tooltip>
        )}
        <Popconfirm
          title={deleteQuestion(kind, item, proposal)}
          okText="删除"
          cancelText="取消"
          disabled={blocked !== null}
          onConfirm={onDelete}
        >
          <Tooltip title={blocked ?? '删除'}>
            <Button type="text" danger aria-label="删除" icon={<DeleteOutlined />} disabled={blocked !== null} />
          </Tooltip>
        </Popconfirm>
      </Space>
    </div>
  );
}
