import { Button } from 'antd';
import dayjs from 'dayjs';
import { LazyDateInput } from './LazyDateInput.tsx';

/**
 * The 评估日期 of a view that can look back (cockpit, province view): a day up to today, empty for
 * today, and 回到今天 while an earlier day is shown.
 */
export function AsOfField({ id, value, onChange }: { id: string; value?: string; onChange: (d?: string) => void }) {
  return (
    <>
      <label htmlFor={id}>评估日期</label>
      <LazyDateInput
        id={id}
        allowClear
        value={value ? dayjs(value) : null}
        placeholder="今天"
        disabledDate={(d) => d.isAfter(dayjs(), 'day')}
        onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : undefined)}
      />
      {value && <Button onClick={() => onChange(undefined)}>回到今天</Button>}
    </>
  );
}
