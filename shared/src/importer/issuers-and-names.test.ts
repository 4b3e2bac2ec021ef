import { describe, expect, it } from 'vitest';
import { importPlanText } from './import-plan.ts';

const body = `石门县科技创新三年行动计划（2024—2026年）

一、主要目标

到2026年，新增高新技术企业100家，累计新增科技型中小企业300家，力争新增省级研发机构12家，高新技术企业达到200家。

二、重点任务

（一）培育创新主体

1、实施高企培育计划。建立高企培育库。（责任单位：县科技局）
`;

describe('joint issuers (两办联合发文)', () => {
  it('keeps both offices that sign above the date, in order', () => {
    const p = importPlanText(`${body}\n中共石门县委办公室\n\n石门县人民政府办公室\n\n2024年3月1日\n`);
    expect(p.plan.issuer).toBe('中共石门县委办公室 石门县人民政府办公室');
    expect(p.plan.region).toBe('石门县');
  });

  it('reads two offices on one letterhead line, spaces normalized', () => {
    const p = importPlanText(`中共石门县委办公室\u3000石门县人民政府办公室文件\n\n石委办发〔2024〕3号\n\n${body}`);
    expect(p.plan.issuer).toBe('中共石门县委办公室 石门县人民政府办公室');
    expect(p.plan.documentNumber).toBe('石委办发〔2024〕3号');
  });

  it('reads the 版记 line "X办公室 Y办公室 日期印发" when nothing signs above a date', () => {
    const p = importPlanText(`${body}\n中共石门县委办公室 石门县人民政府办公室 2024年3月1日印发\n`);
    expect(p.plan.issuer).toBe('中共石门县委办公室 石门县人民政府办公室');
    expect(p.plan.issuingDate).toBe('2024-03-01');
  });

  it('keeps a single signer, and stops at the notice’s last sentence above it', () => {
    const notice =
      '各乡镇人民政府，县各有关部门：\n\n现将《石门县科技创新三年行动计划（2024—2026年）》印发给你们，请认真贯彻落实。';
    const p = importPlanText(`${notice}\n\n石门县人民政府办公室\n\n2024年3月1日\n\n${body}`);
    expect(p.plan.issuer).toBe('石门县人民政府办公室');
    expect(p.plan.issuingDate).toBe('2024-03-01');
  });
});

describe('target names keep the counting word', () => {
  it('keeps 新增 / 累计新增 and cuts the verbs that only announce a target', () => {
    const p = importPlanText(body);
    expect(p.indicators.map((i) => [i.name, i.value, i.unit])).toEqual([
      ['新增高新技术企业', 100, '家'],
      ['累计新增科技型中小企业', 300, '家'],
      ['新增省级研发机构', 12, '家'],
      ['高新技术企业', 200, '家'],
    ]);
  });
});
