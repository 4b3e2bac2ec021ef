import { cloneElement, isValidElement, type ReactElement } from 'react';
import { Button, type PaginationProps } from 'antd';
import { SearchOutlined } from '@ant-design/icons';

// Names for controls that Ant Design draws as bare icons (issue #6, item 6: every control has a label).
// Screen readers would otherwise say the icon's English name ("left", "search") or nothing.

const PAGE_STEP = { prev: '上一页', next: '下一页' } as const;

/**
 * Pagination's item renderer that names the previous and next page buttons. Ant Design replaces
 * rc-pagination's named buttons with its own icon buttons, and takes no label for them but this.
 */
export const namedPageItem: PaginationProps['itemRender'] = (_page, type, original) =>
  (type === 'prev' || type === 'next') && isValidElement(original)
    ? cloneElement(original as ReactElement<{ 'aria-label'?: string }>, { 'aria-label': PAGE_STEP[type] })
    : original;

/** The search button of Input.Search (its `enterButton`), named: the default one is an unnamed icon. */
export const searchButton = <Button icon={<SearchOutlined />} aria-label="搜索" />;

/**
 * A label only screen readers see, for a control whose purpose the page shows otherwise. A
 * RangePicker takes one aria-label for both its inputs: give it `id={{ start, end }}` and label each.
 */
export const HiddenLabel = ({ htmlFor, children }: { htmlFor: string; children: string }) => (
  <label htmlFor={htmlFor} className="visually-hidden">
    {children}
  </label>
);
