import { lazy, Suspense } from 'react';
import type { TableProps } from 'antd';
import type { PhoneTable as Eager } from './PhoneTable.tsx';

// Ant Design's Table brings its pagination, Select, filter Tree and selection Checkbox (about 85 KB
// gzip together), more than a page that only shows a few small read-only tables should wait for.
// Such a page renders its headings, figures and chart first; the tables follow as soon as their
// code has arrived (requested at once, not on scroll), in a box of their likely height meanwhile.
const PhoneTable = lazy(() => import('./PhoneTable.tsx').then((m) => ({ default: m.PhoneTable }))) as typeof Eager;

const ROW_PX = 39;

/** PhoneTable (a table at a desk, cards on a phone), loaded beside the page rather than before it. */
export function LazyPhoneTable<T extends object>(props: TableProps<T>) {
  const rows = Math.min(props.dataSource?.length ?? 0, 10);
  return (
    <Suspense
      fallback={
        <div className="table-pending" role="status" style={{ minHeight: ROW_PX * (rows + 1) }}>
          表格加载中…
        </div>
      }
    >
      <PhoneTable<T> {...props} />
    </Suspense>
  );
}
