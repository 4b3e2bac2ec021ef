import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validatorCompiler as zodValidatorCompiler } from 'fastify-type-provider-zod';
import { planParamsSchema } from '@innocity/shared/api/plans';
import { asOfQuerySchema, planIndicatorParamsSchema } from '@innocity/shared/api/indicators';
import { createTestApp, TEST_ADMIN_PASSWORD, type Client, type TestApp } from '../test/test-app.ts';
import { jurongPlanId } from '../modules/ledgers/ledger-test-kit.ts';
import { quickCheckOf, validatorCompiler } from './validator.ts';

const route = (schema: unknown) => ({ schema, method: 'GET', url: '/x', httpPart: 'params' }) as never;

describe('the validator’s shortcut', () => {
  const schemas = {
    planParams: planParamsSchema,
    planIndicatorParams: planIndicatorParamsSchema,
    asOfQuery: asOfQuerySchema,
    bounded: z.object({ a: z.string().min(2).max(3), b: z.string().optional() }),
  };
  const texts = ['', 'p', 'ab', 'abc', 'abcd', '方案', 'x'.repeat(64), 'x'.repeat(65), '2024-02-30', '2024-02-29'];
  const values: unknown[] = [...texts, undefined, null, 7, ['a', 'b'], { a: 'b' }];
  const inputs: unknown[] = [null, [], 'planId', {}];
  for (const a of values)
    for (const b of values) {
      for (const keys of [
        ['planId', 'indicatorId'],
        ['a', 'b'],
        ['asOf', 'other'],
      ])
        inputs.push(
          Object.fromEntries(
            [
              [keys[0]!, a],
              [keys[1]!, b],
            ].filter(([, v]) => v !== undefined),
          ),
        );
      inputs.push({ planId: a, indicatorId: b, extra: 'x' });
    }

  it('accepts exactly what zod accepts, with zod’s output, and leaves every refusal to zod', () => {
    let quickly = 0;
    for (const [name, schema] of Object.entries(schemas)) {
      const zod = zodValidatorCompiler(route(schema));
      const ours = validatorCompiler(route(schema));
      const quick = quickCheckOf(schema)!;
      expect(quick, name).toBeTypeOf('function');
      for (const input of inputs) {
        const expected = zod(input) as { value?: unknown; error?: unknown };
        const decided = quick(input);
        if (decided) {
          quickly += 1;
          expect(expected.error, `${name} ${JSON.stringify(input)}`).toBeUndefined();
          expect(decided.value, `${name} ${JSON.stringify(input)}`).toStrictEqual(expected.value);
          expect(Object.keys(decided.value)).toEqual(Object.keys(expected.value as object));
        }
        expect(ours(input), `${name} ${JSON.stringify(input)}`).toStrictEqual(expected);
      }
    }
    expect(quickly).toBeGreaterThan(50);
  });

  it('is not taken for shapes it cannot decide: a rule beyond length, a coerced or non-text field, an object rule', () => {
    expect(quickCheckOf(z.object({ a: z.string().regex(/a/) }))).toBeUndefined();
    expect(quickCheckOf(z.object({ a: z.coerce.string() }))).toBeUndefined();
    expect(quickCheckOf(z.object({ a: z.number() }))).toBeUndefined();
    expect(quickCheckOf(z.object({ a: z.string() }).refine(() => false))).toBeUndefined();
    expect(quickCheckOf(z.object({ a: z.string() }).strict())).toBeUndefined();
    expect(quickCheckOf(z.string())).toBeUndefined();
  });
});

describe('hot routes refuse a bad path or query in Chinese, naming the field', () => {
  let t: TestApp;
  let admin: Client;
  let planId: string;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    admin = await t.login('admin', TEST_ADMIN_PASSWORD);
    planId = await jurongPlanId(t.db);
  });
  afterAll(async () => t?.close());

  it('answers a good request and refuses a long id and a bad date with 400', async () => {
    expect((await admin.request({ method: 'GET', url: `/api/plans/${planId}/indicators` })).statusCode).toBe(200);
    const longId = await admin.request({ method: 'GET', url: `/api/plans/${'x'.repeat(65)}/indicators` });
    expect(longId.statusCode).toBe(400);
    expect(longId.json().error.message).toBe('路径参数有误：planId');
    const badDate = await admin.request({ method: 'GET', url: `/api/plans/${planId}/indicators?asOf=2024-02-30` });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().error.message).toBe('查询参数有误：asOf');
    expect(badDate.json().error.details.issues[0].message).toBe('评估日期不是有效日期');
    const longIndicator = await admin.request({
      method: 'GET',
      url: `/api/plans/${planId}/indicators/${'y'.repeat(65)}`,
    });
    expect(longIndicator.json().error.details.issues[0].message).toBe('指标无效');
  });
});
