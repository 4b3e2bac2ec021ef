import { lazy, Suspense } from 'react';
import type { ResultProps } from 'antd';

// Ant Design's Result carries three inline illustrations (about 10 KB gzip) that a page needs only
// when it fails or is not found: they download then, and the title and reason show at once meanwhile.
const Result = lazy(() => import('antd/es/result'));

/** A page's 404 / error state: Ant Design's Result, loaded when first shown. */
export function PageResult(props: ResultProps) {
  return (
    <Suspense
      fallback={
        <div className="page-result-pending" role="status">
          <div className="page-result-title">{props.title}</div>
          {props.subTitle && <div>{props.subTitle}</div>}
          {props.extra}
        </div>
      }
    >
      <Result {...props} />
    </Suspense>
  );
}
