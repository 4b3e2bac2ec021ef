import { describe, expect, it } from 'vitest';
import { cleanLine } from './normalize.ts';
import { chineseNumber, parseNumbering } from './numbering.ts';
import { buildParagraphs } from './paragraphs.ts';

const texts = (md: string): string[] => buildParagraphs(md).map((p) => p.span.text);

describe('cleanLine', () => {
  it('drops Markdown markup and remembers where a bold title ends', () => {
    const line = cleanLine('### **1. 做强核心技术。**坚持创新', 100);
    expect(line.span.text).toBe('1.做强核心技术。坚持创新');
    expect(line.heading).toBe(true);
    expect(line.boldEnd).toBe('1.做强核心技术。'.length);
    expect(line.span.offsets[0]).toBe(106);
  });

  it('makes punctuation full-width but keeps decimals, list numbers, times and thousands', () => {
    expect(cleanLine('1. 比重达 2.8%, 时间 10:30, 共 1,000 项(含). 完', 0).span.text).toBe(
      '1.比重达2.8%，时间10:30，共1,000项（含）。完',
    );
    expect(cleanLine('目标:达到 ７２％；"科技招商"', 0).span.text).toBe('目标：达到72%；“科技招商”');
  });

  it('keeps one space between ASCII words only', () => {
    expect(cleanLine('在句容 G312 产业走廊，Open SDG 方法', 0).span.text).toBe('在句容G312产业走廊，Open SDG方法');
  });
});

describe('numbering', () => {
  it('reads Chinese numerals', () => {
    expect([
      chineseNumber('六'),
      chineseNumber('十'),
      chineseNumber('十二'),
      chineseNumber('二十一'),
      chineseNumber('一百零五'),
    ]).toEqual([6, 10, 12, 21, 105]);
  });

  it.each([
    ['一、总体思路', 1, 1],
    ['（三）发展目标', 2, 3],
    ['12.加强合作', 3, 12],
    ['3、建设平台', 3, 3],
    ['（2）开展宣讲', 4, 2],
  ])('%s is level %i number %i', (text, level, number) => {
    expect(parseNumbering(text)).toMatchObject({ level, number });
  });

  it('does not take a decimal or a year for a list number', () => {
    expect(parseNumbering('2.8%的比重')).toBeNull();
    expect(parseNumbering('2025年末，培育')).toBeNull();
  });
});

describe('buildParagraphs', () => {
  it('joins a sentence cut by a page break, a page number and blank lines', () => {
    expect(texts('1. 坚持规划引领，发挥《句容市“十四五”\n\n— 3 —\n\n科技创新规划》作用。\n\n2. 下一项。')).toEqual([
      '1.坚持规划引领，发挥《句容市“十四五”科技创新规划》作用。',
      '2.下一项。',
    ]);
  });

  it('does not join headings, signatures or the paragraph after a units clause', () => {
    expect(
      texts(
        '（一）指导思想\n\n深入贯彻精神。\n\n建成高地，（责任单位：市科技局）\n\n中共句容市委办公室\n\n2022年12月22日印发',
      ),
    ).toEqual([
      '（一）指导思想',
      '深入贯彻精神。',
      '建成高地，（责任单位：市科技局）',
      '中共句容市委办公室',
      '2022年12月22日印发',
    ]);
  });

  it('joins a bold title cut by a page break and keeps where the bold ends', () => {
    const [p] = buildParagraphs('**18. 巩固农业\n\n科技创新成果。**构建创新体系。');
    expect(p?.span.text).toBe('18.巩固农业科技创新成果。构建创新体系。');
    expect(p?.boldEnd).toBe('18.巩固农业科技创新成果。'.length);
  });
});

describe('buildParagraphs without Markdown', () => {
  it('joins a task title cut by a page break, but not a heading followed by a one-sentence paragraph', () => {
    expect(texts('18. 巩固农业\n\n— 9 —\n\n科技创新成果。构建创新体系。')).toEqual([
      '18.巩固农业科技创新成果。构建创新体系。',
    ]);
    expect(texts('1. 指导思想\n\n坚持创新驱动。')).toEqual(['1.指导思想', '坚持创新驱动。']);
  });
});
