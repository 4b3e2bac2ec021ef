// The one place that may import Ant Design's pickers (eslint forbids it elsewhere): every date
// field then shows 2025年9月30日 and takes 2025-09-30 or 2025/9/30 typed in (issue 14, item 7).
// eslint-disable-next-line no-restricted-imports
import { DatePicker as AntDatePicker, type DatePickerProps, type GetProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { DATE_INPUT_FORMATS } from '@innocity/shared/format';

type DateProps = Omit<DatePickerProps<Dayjs, false>, 'format' | 'picker'>;
type RangeProps = Omit<GetProps<typeof AntDatePicker.RangePicker>, 'format' | 'picker'>;

/** A day picker in the house format; `format` is not a prop so that no page can drift from it. */
export function DateInput(props: DateProps) {
  return <AntDatePicker {...props} format={DATE_INPUT_FORMATS} />;
}

/** A from–to day picker in the house format (both ends accept the same typed forms). */
export function DateRangeInput(props: RangeProps) {
  return <AntDatePicker.RangePicker {...props} format={DATE_INPUT_FORMATS} />;
}
