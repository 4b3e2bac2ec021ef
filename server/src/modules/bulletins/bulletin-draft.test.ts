import { describe, expect, it } from 'vitest';
import { draftBulletin } from './bulletin-draft.ts';
import type { BulletinFacts } from './bulletin-facts.ts';
import { jurongQ3Facts, jurongWording } from './bulletin.fixture.ts';

const textOf = (f: BulletinFacts) =>
  draftBulletin(f, '2025-10-12', jurongWording())
    .blocks.map((b) => b.text)
    .join('\n');

describe('the draft reads as a 情况通报', () => {
  const facts = jurongQ3Facts();
  const text = textOf(facts);

  it('nests quotation marks the way 公文 do, and never writes a zero count', () => {
    expect(text).toContain('任务13“实施‘科技招商’专项行动”（市科技局牵头）');
    expect(text).not.toMatch(/[^\d]0项/);
    expect(text).not.toMatch(/null|undefined|NaN/);
  });

  it('splits the green indicators into those already reached and those on schedule, and dates the annex in Chinese', () => {
    expect(text).toMatch(/共\d+项指标亮绿灯。其中，已完成或达到目标的\d+项：\S+；进展符合或快于序时要求的\d+项：/);
    expect(draftBulletin(facts, '2025-10-12', jurongWording()).annexes[0]!.note).toBe(
      '数据截至2025年10月10日；灯号由进展状态自动判定。',
    );
  });

  it('tells the urging batch by batch and what came of it, not one line per reminder', () => {
    expect(text).toContain('共催办6次，涉及4家单位：9月26日对逾期未报的');
    expect(text).toMatch(/9月30日对仍未报送的(后白镇、茅山镇|茅山镇、后白镇)再次进行催办。/);
    expect(text).toMatch(/经催办，\S+已完成报送，\S+截至通报时仍未报送。/);
  });

  it('names the red indicators, the units with overdue items and the units that must still report', () => {
    const asks = text.slice(text.indexOf('一是'));
    expect(asks).toMatch(/特别是\S+亮红灯的指标/);
    expect(asks).toMatch(/对\d+项逾期工作事项，\S+要明确完成时限/);
    expect(asks).toMatch(/(后白镇、茅山镇|茅山镇、后白镇)要尽快补报/);
  });

  it('counts the items of meetings, instructions and inspections, and names the overdue ones', () => {
    const f = jurongQ3Facts();
    const [a, b, c] = f.workItems.filter((w) => w.status === 'open');
    Object.assign(a!, { sourceKind: 'meeting', dueDate: '2025-12-31' });
    Object.assign(b!, { sourceKind: 'inspection', dueDate: '2025-09-01', title: '台账资料不完整' });
    Object.assign(c!, { sourceKind: 'inspection', dueDate: '2025-12-31' });
    expect(textOf(f)).toContain('2025年以来，市科创委办公室对会议议定事项1项、督查整改事项2项实行清单化督办，共3项');
    expect(textOf(f)).toMatch(/正在推进2项，逾期未办结1项，即“台账资料不完整”（\S+）。/);
    expect(textOf(f)).toMatch(/其中整改事项“台账资料不完整”（\S+）已逾期/);
    expect(text).not.toContain('清单化督办');
  });

  it('names units tied at the top together instead of picking three of them', () => {
    const f = jurongQ3Facts();
    const names = ['市科技局', '市发改委', '市工信局', '市财政局', '下蜀镇', '茅山镇'];
    f.ranking = {
      label: '2025年第二季度',
      scores: names.map((unitName, i) => ({ unitName, total: i < 4 ? 100 : 80 - i, rank: i < 4 ? 1 : i + 1 })),
    };
    expect(textOf(f)).toContain(
      '根据2025年第二季度考核评分，市科技局、市发改委、市工信局、市财政局等4家单位并列第一（100分）；排名靠后的单位是下蜀镇（76分）、茅山镇（75分）。',
    );
  });
});

describe('the ranking paragraph', () => {
  it('ranks within each category and numbers ties as scored (1, 1, 3)', () => {
    const facts = jurongQ3Facts();
    const s = (unitName: string, category: string, total: number, rank: number | null) => ({
      unitName,
      category,
      total,
      rank,
    });
    facts.ranking = {
      label: '2025年第三季度',
      scores: [
        s('市科技局', '部门', 92, 1),
        s('市发改委', '部门', 92, 1),
        s('市工信局', '部门', 88, 3),
        s('华阳街道', '镇（街道）', 90, 1),
        s('下蜀镇', '镇（街道）', 80, 2),
        s('市档案馆', '部门', 100, null),
      ],
    };
    const text = textOf(facts);
    expect(text).toContain(
      '根据2025年第三季度考核评分（分类排名），部门中，排名前列的单位是市科技局（92分）、市发改委（92分）、市工信局（88分）；镇（街道）中，排名前列的单位是华阳街道（90分）、下蜀镇（80分）。',
    );
    // A unit scored on too little of the weight is not named in the ranking.
    expect(text).not.toContain('市档案馆（100分）');
  });
});
