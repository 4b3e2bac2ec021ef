import { lazy, Suspense } from 'react';
import { Button, Input } from 'antd';
import dayjs from 'dayjs';
import { formatDateZh } from '@innocity/shared/format';

// The day picker is about 32 KB gzip, as much as the cockpit's own code, and the 评估日期 is changed
// after the figures have been read: the view renders with a read-only field of the same size and
// text, and the picker takes its place as soon as it has downloaded (it is requested at once).
const DateInput = lazy(() => import('./DateInput.tsx').then((m) => ({ default: m.DateInput })));

/**
 * The 评估日期 of a view that can look back (cockpit, province view): a day up to today, empty for
 * today, and 回到今天 while an earlier day is shown.
 */
export function AsOfField({ id, value, onChange }: { id: string; value?: string; onChange: (d?: string) => void }) {
  return (
    <>
      <label htmlFor={id}>评估日期</label>
      <Suspense
        fallback={
          <Input
            id={id}
            readOnly
            aria-busy
            className="as-of-pending"
            value={value ? formatDateZh(value) : ''}
            placeholder="今天"
          />
        }
      >
        <DateInput
          id={id}
          allowClear
          value={value ? dayjs(value) : null}
          placeholder="今天"
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : undefined)}
        />
      </Suspense>
      {value && <Button onClick={() => onChange(undefined)}>回到今天</Button>}
    </>
  );
}
