import { Alert } from 'antd';
import type { SystemInfo } from '@innocity/shared/api/system';
import { api } from '../api/client.ts';
import { useApi } from '../api/use-api.ts';

let cached: Promise<SystemInfo> | undefined;
const systemInfo = () =>
  (cached ??= api<SystemInfo>('GET', '/api/system').catch(
    (err: unknown) => ((cached = undefined), Promise.reject(err)),
  ));

/** A banner on every page of a demo deployment: its data is 示例数据, never real figures. */
export function DemoBanner() {
  const info = useApi(systemInfo, []);
  if (!info.data?.demo) return null;
  return (
    <Alert
      type="warning"
      banner
      showIcon
      title="示例数据：本系统当前运行在演示数据库上，页面上的数字均为示例，不是真实统计。"
      style={{ marginBottom: 12 }}
    />
  );
}
