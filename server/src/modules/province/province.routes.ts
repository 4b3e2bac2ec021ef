import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { provinceOverviewSchema, provinceQuerySchema } from '@innocity/shared/api/province';
import type { Db } from '../../db/connection.ts';
import { actorOf } from '../../http/auth-hook.ts';
import { errorResponses } from '../../http/openapi.ts';
import { provinceWorkbook } from './province-excel.ts';
import { getProvinceOverview, type ProvinceOptions } from './province.service.ts';

const tags = ['province'];

/** 省级视图: the counties below a region side by side, as of a date, and its Excel export. */
export const provinceRoutes: FastifyPluginAsyncZod<{ db: Db } & ProvinceOptions> = async (app, { db, ...given }) => {
  const opts: ProvinceOptions = {
    ...given,
    onStoreError: (err) => app.log.warn({ err }, '省级视图：各县指标结果未能存入数据库（本次照常返回）'),
  };
  app.get(
    '/api/province/overview',
    {
      schema: {
        tags,
        summary:
          '省级视图：地区内各县（市、区）的方案、灯号、报送及时性、最新通报与可比指标排名（可指定 regionId、asOf）',
        querystring: provinceQuerySchema,
        response: { 200: provinceOverviewSchema, ...errorResponses },
      },
    },
    async (request) => getProvinceOverview(db, actorOf(request), request.query, opts),
  );
  app.get(
    '/api/province/export',
    {
      schema: {
        tags,
        summary: '导出省级视图（Excel：县市概况与可比指标对比）',
        querystring: provinceQuerySchema,
      },
    },
    async (request, reply) => {
      const overview = await getProvinceOverview(db, actorOf(request), request.query, opts);
      const name = `${opts.demo ? '示例数据-' : ''}省级视图-${overview.region?.name ?? '全部地区'}-${overview.asOf}.xlsx`;
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(await provinceWorkbook(overview, opts.timeZone));
    },
  );
};
