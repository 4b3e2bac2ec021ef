import { Spin } from 'antd';

/** Shown while a page's code or data loads. */
export function PageLoading({ tip = '加载中…' }: { tip?: string }) {
  return (
    <div style={{ padding: 64, textAlign: 'center' }} role="status" aria-live="polite">
      <Spin />
      <div style={{ marginTop: 12, color: '#888' }}>{tip}</div>
    </div>
  );
}
