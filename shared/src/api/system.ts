import { z } from 'zod';

/** What every page needs to know of the deployment: demo data (示例数据) or real, its time zone, its version. */
export const systemInfoSchema = z.object({
  demo: z.boolean(),
  timeZone: z.string(),
  version: z.string(),
});
export type SystemInfo = z.infer<typeof systemInfoSchema>;
