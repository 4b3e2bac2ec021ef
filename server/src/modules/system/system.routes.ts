import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { systemInfoSchema } from '@innocity/shared/api/system';
import { VERSION } from '../../version.ts';

/** Public facts about the deployment; the web app marks every page 示例数据 when `demo` is true. */
export const systemRoutes: FastifyPluginAsyncZod<{ demo: boolean; timeZone: string }> = async (
  app,
  { demo, timeZone },
) => {
  app.get(
    '/api/system',
    {
      config: { public: true },
      schema: { tags: ['system'], summary: '部署信息：是否示例数据、时区、版本', response: { 200: systemInfoSchema } },
    },
    async () => ({ demo, timeZone, version: VERSION }),
  );
};
