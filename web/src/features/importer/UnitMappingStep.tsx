import { useMemo } from 'react';
import { Alert, Input, Select, Space, Table, Tag, Tooltip, TreeSelect, Typography, type TableColumnsType } from 'antd';
import type { UnitMapping, UnitSuggestion } from '@innocity/shared/api/plan-imports';
import { MATCH_REASON_LABELS } from '@innocity/shared/api/plan-imports';
import type { UnitNode } from '@innocity/shared/api/plans';
import type { FieldIssue } from '@innocity/shared/errors';
import { UNIT_KINDS, UNIT_KIND_LABELS, type UnitKind } from '@innocity/shared/plan-pack';
import type { PlanProposal } from '@innocity/shared/importer/proposal';
import { proposalUnitNames } from '@innocity/shared/importer/proposal-edits';

interface Props {
  proposal: PlanProposal;
  mapping: Record<string, UnitMapping>;
  suggestions: Record<string, UnitSuggestion>;
  tree: UnitNode[];
  issues: FieldIssue[];
  onMap(mapping: UnitMapping): void;
}

interface TreeOption {
  title: string;
  value: string;
  disabled: boolean;
  children: TreeOption[];
}
const toOptions = (nodes: UnitNode[]): TreeOption[] =>
  nodes.map((n) => ({
    title: n.disabled ? `${n.name}（已停用）` : n.name,
    value: n.id,
    disabled: n.disabled,
    children: toOptions(n.children),
  }));

const ACTIONS = [
  { value: 'existing', label: '已有单位' },
  { value: 'create', label: '新建单位' },
  { value: 'group', label: '单位组' },
];

/** The mapping a row switches to when the office changes its action, filled from the suggestion. */
function switchTo(action: UnitMapping['action'], name: string, s: UnitSuggestion | undefined): UnitMapping {
  if (action === 'existing') return { name, action, unitId: s?.candidates[0]?.unitId ?? '' };
  if (action === 'create')
    return { name, action, kind: s?.create.kind ?? 'department', parentId: s?.create.parentId ?? null };
  return { name, action, mode: s?.group?.mode ?? 'designated', memberIds: s?.group?.memberIds ?? [] };
}

/** The settings of a row for its action: the unit; the new unit's kind, parent and full name; the group's mode and members. */
function MappingTarget({ m, options, onMap }: { m: UnitMapping; options: TreeOption[]; onMap(m: UnitMapping): void }) {
  const treeProps = {
    treeData: options,
    showSearch: true,
    treeNodeFilterProp: 'title',
    popupMatchSelectWidth: false,
    style: { width: '100%' },
  } as const;
  if (m.action === 'existing') {
    return (
      <TreeSelect
        {...treeProps}
        aria-label={`${m.name}对应的单位`}
        placeholder="选择单位树中的单位"
        value={m.unitId || undefined}
        onChange={(unitId: string) => onMap({ ...m, unitId })}
      />
    );
  }
  if (m.action === 'create') {
    return (
      <Space.Compact block className="mapping-create">
        <Select
          aria-label={`${m.name}的类别`}
          value={m.kind}
          style={{ width: 96 }}
          options={UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }))}
          onChange={(kind: UnitKind) => onMap({ ...m, kind })}
        />
        <TreeSelect
          {...treeProps}
          aria-label={`${m.name}的上级单位`}
          allowClear
          placeholder="上级单位（不选为顶级）"
          value={m.parentId ?? undefined}
          onChange={(parentId?: string) => onMap({ ...m, parentId: parentId ?? null })}
        />
        <Input
          aria-label={`${m.name}的全称`}
          placeholder="全称（可不填）"
          value={m.fullName ?? ''}
          onChange={(e) => onMap({ ...m, fullName: e.target.value || null })}
        />
      </Space.Compact>
    );
  }
  return (
    <Space.Compact block>
      <Select
        value={m.mode}
        style={{ width: 150 }}
        options={[
          { value: 'all', label: '全部成员' },
          { value: 'designated', label: '按任务指定' },
        ]}
        onChange={(mode: 'all' | 'designated') => onMap({ ...m, mode })}
      />
      <TreeSelect
        {...treeProps}
        aria-label={`${m.name}的成员`}
        treeCheckable
        showCheckedStrategy={TreeSelect.SHOW_ALL}
        maxTagCount="responsive"
        placeholder="选择成员单位"
        value={m.memberIds}
        onChange={(memberIds: string[]) => onMap({ ...m, memberIds })}
      />
    </Space.Compact>
  );
}

interface RowHelpers {
  usage(name: string): string;
  rowIssues(name: string): FieldIssue[];
}

/** The table's columns: the plan's name and use, the action, its settings, and the suggestions to pick from. */
function mappingColumns(
  { mapping, suggestions, onMap }: Pick<Props, 'mapping' | 'suggestions' | 'onMap'>,
  options: TreeOption[],
  h: RowHelpers,
): TableColumnsType<string> {
  return [
    {
      title: '方案中的名称',
      width: 220,
      render: (_, name) => (
        <div data-testid="mapping-row">
          <Typography.Text strong>{name}</Typography.Text>
          <div className="mapping-usage">{h.usage(name)}</div>
          {h.rowIssues(name).map((i) => (
            <Typography.Text key={i.message} type="danger" className="import-item-issue">
              {i.message}
            </Typography.Text>
          ))}
        </div>
      ),
    },
    {
      title: '对应方式',
      width: 120,
      render: (_, name) => (
        <Select
          aria-label={`${name}的对应方式`}
          value={mapping[name]?.action}
          placeholder="请选择"
          style={{ width: 110 }}
          options={ACTIONS}
          onChange={(a: UnitMapping['action']) => onMap(switchTo(a, name, suggestions[name]))}
        />
      ),
    },
    {
      title: '对应到',
      render: (_, name) => (mapping[name] ? <MappingTarget m={mapping[name]} options={options} onMap={onMap} /> : null),
    },
    {
      title: '建议',
      width: 220,
      render: (_, name) => (
        <Space size={[0, 4]} wrap>
          {(suggestions[name]?.candidates ?? []).map((c) => (
            <Tooltip key={c.unitId} title={`${MATCH_REASON_LABELS[c.reason]}，点击选用`}>
              <Tag
                color={c.reason === 'similar' ? 'default' : 'green'}
                className="mapping-candidate"
                onClick={() => onMap({ name, action: 'existing', unitId: c.unitId })}
              >
                {c.name}·{MATCH_REASON_LABELS[c.reason]}
              </Tag>
            </Tooltip>
          ))}
          {suggestions[name]?.group && <Tag color="blue">可作单位组</Tag>}
        </Space>
      ),
    },
  ];
}

/** Each unit name the plan uses, resolved to the unit tree: preselected from the suggestions, changeable row by row. */
export function UnitMappingStep(props: Props) {
  const { proposal, mapping, tree, issues } = props;
  const names = proposalUnitNames(proposal);
  const options = useMemo(() => toOptions(tree), [tree]);
  // The server numbers mappings in the order the review sends them: mapped names, in the plan's order.
  const mappedNames = names.filter((n) => mapping[n]);
  const helpers: RowHelpers = {
    rowIssues: (name) =>
      issues.filter(
        (i) =>
          i.path.startsWith(`units.${mappedNames.indexOf(name)}.`) ||
          (i.path === 'units' && i.message.includes(`“${name}”`)),
      ),
    usage: (name) => {
      const lead = proposal.tasks.filter((t) => t.leadUnit === name).length;
      const co = proposal.tasks.filter((t) => t.coUnits.includes(name)).length;
      return [lead ? `牵头 ${lead} 项` : '', co ? `配合 ${co} 项` : ''].filter(Boolean).join('，');
    },
  };
  const toCreate = names.filter((n) => mapping[n]?.action === 'create').length;
  return (
    <div className="unit-mapping">
      <Alert
        type="info"
        showIcon
        title={`方案中共有 ${names.length} 个单位名称。已按名称、别名、全称和简称预选了对应单位；确认生效时将新建 ${toCreate} 个单位。`}
      />
      <Table
        rowKey={(name) => name}
        dataSource={names}
        pagination={false}
        size="small"
        scroll={{ x: 900 }}
        columns={mappingColumns(props, options, helpers)}
      />
    </div>
  );
}
