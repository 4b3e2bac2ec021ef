import { lazy, Suspense, type ComponentProps } from 'react';
import { Input } from 'antd';
import type { DateInput as Eager } from './DateInput.tsx';

// Ant Design's day picker is about 32 KB gzip, as much as a page's own code, and a filter or an
// as-of date is changed after the page has been read: the page renders with a read-only field of
// the same size and text, and the picker takes its place as soon as it has downloaded (requested at
// once, not on focus).
const DateInput = lazy(() => import('./DateInput.tsx').then((m) => ({ default: m.DateInput })));

/** DateInput (house format, typed dates), loaded beside the page rather than before it. */
export function LazyDateInput(props: ComponentProps<typeof Eager>) {
  const shown = props.value ? props.value.format('YYYY年M月D日') : '';
  return (
    <Suspense
      fallback={
        <Input
          id={props.id}
          aria-label={props['aria-label']}
          readOnly
          aria-busy
          className="date-input-pending"
          style={props.style}
          value={shown}
          placeholder={typeof props.placeholder === 'string' ? props.placeholder : undefined}
        />
      }
    >
      <DateInput {...props} />
    </Suspense>
  );
}
