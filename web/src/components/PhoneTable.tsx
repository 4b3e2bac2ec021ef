import type { Key, ReactNode } from 'react';
import { Checkbox, Grid, List, Table, type TableProps } from 'antd';
import type { ColumnType } from 'antd/es/table';

type Column<T> = ColumnType<T> & { children?: unknown };

function cellOf<T extends object>(col: Column<T>, row: T, index: number): ReactNode {
  const path = col.dataIndex === undefined ? [] : [col.dataIndex].flat();
  let value: unknown = row;
  for (const k of path) value = (value as Record<string | number, unknown> | undefined)?.[k as string];
  if (col.render) return col.render(path.length ? value : undefined, row, index) as ReactNode;
  return value === null || value === undefined ? '' : (value as ReactNode);
}

/**
 * A table at a desk, a list of cards on a phone (narrower than Ant Design's md, 768 px): each row
 * a card, its first column as the card's heading and the others as labelled lines, so a unit name
 * is not squeezed to one character a line and no column hides off-screen. Selection becomes a
 * checkbox on each card; pagination and the empty text stay as the table has them.
 */
export function PhoneTable<T extends object>(props: TableProps<T>) {
  const screens = Grid.useBreakpoint();
  // Before the first measurement every breakpoint is undefined: assume a desk, as the server-less first paint does.
  const phone = screens.md === false;
  if (!phone) return <Table<T> {...props} />;
  const columns = ((props.columns ?? []) as Column<T>[]).filter((c) => !c.children);
  const keyOf = (row: T, i: number): Key =>
    typeof props.rowKey === 'function'
      ? props.rowKey(row, i)
      : ((row as Record<string, unknown>)[(props.rowKey as string | undefined) ?? 'key'] as Key);
  const selection = props.rowSelection;
  const [head, ...rest] = columns;
  // The table's placement options do not apply to a list: keep paging and its labels only.
  const { position: _position, placement: _placement, ...paging } = props.pagination || {};
  const pagination = props.pagination === false ? false : { ...paging, size: 'small' as const };
  return (
    <List<T>
      className="phone-cards"
      loading={!!props.loading}
      dataSource={(props.dataSource ?? []) as T[]}
      locale={props.locale?.emptyText ? { emptyText: props.locale.emptyText as ReactNode } : undefined}
      pagination={pagination}
      renderItem={(row, i) => {
        const key = keyOf(row, i);
        const checked = selection?.selectedRowKeys?.includes(key) ?? false;
        return (
          <List.Item key={key} className="phone-card">
            <div className="phone-card-head">
              {selection && (
                <Checkbox
                  aria-label="选择"
                  checked={checked}
                  onChange={(e) => {
                    const keys = (selection.selectedRowKeys ?? []).filter((k) => k !== key);
                    // A radio selection (one row at a time) stays one row on a phone.
                    const next = e.target.checked ? (selection.type === 'radio' ? [key] : [...keys, key]) : keys;
                    const all = (props.dataSource ?? []) as T[];
                    selection.onChange?.(
                      next,
                      all.filter((r, j) => next.includes(keyOf(r, j))),
                      { type: 'multiple' },
                    );
                  }}
                />
              )}
              {head && <span className="phone-card-title">{cellOf(head, row, i)}</span>}
            </div>
            <dl className="phone-card-fields">
              {rest.map((c, j) => (
                <div key={String(c.key ?? c.dataIndex ?? j)}>
                  <dt>{c.title as ReactNode}</dt>
                  <dd>{cellOf(c, row, i)}</dd>
                </div>
              ))}
            </dl>
            {props.expandable?.expandedRowRender && (
              <details className="phone-card-more">
                <summary>详情</summary>
                {props.expandable.expandedRowRender(row, i, 0, true)}
              </details>
            )}
          </List.Item>
        );
      }}
    />
  );
}
