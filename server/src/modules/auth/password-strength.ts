import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { pinyin } from 'pinyin-pro';

// Composition rules (shared/password-policy) say what 等保 asks; they pass "Password123!". The
// estimator refuses what guessing tools try first: common passwords, keyboard walks, dates,
// repeats, and the account's own names, also spelled in pinyin as Chinese users often do.

/** Bases of passwords common among Chinese users (pinyin words, phrases and brands), beyond the English lists. */
const CHINESE_COMMON = [
  'woaini',
  'aini',
  'woaiwojia',
  'zhongguo',
  'zhonghua',
  'beijing',
  'shanghai',
  'nanjing',
  'jiangsu',
  'mima',
  'wodemima',
  'mimamima',
  'zhanghao',
  'yonghu',
  'guanliyuan',
  'xitong',
  'ceshi',
  'zhengfu',
  'kejiju',
  'keji',
  'chuangxin',
  'shifan',
  'bangong',
  'bangongshi',
  'baobao',
  'laogong',
  'laopo',
  'xiaomi',
  'huawei',
  'baidu',
  'taobao',
  'tencent',
  'qqqq',
  'wangwei',
  'zhangwei',
  'liwei',
  'wangfang',
  'zhangsan',
  'lisi',
  'wangwu',
  'iloveyou',
  'innocity',
  'qwer',
  'asdf',
  'zxcv',
];

const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...dictionary, chinese: CHINESE_COMMON },
  graphs: adjacencyGraphs,
});

/** The lowest zxcvbn score accepted (0–4; 3 means "safely unguessable: moderate protection from an offline attack"). */
export const MIN_STRENGTH = 3;

/** What a guesser knows about the account: its names as written and in pinyin (full and initials). */
export function accountWords(names: (string | null | undefined)[]): string[] {
  const words = new Set<string>();
  for (const name of names) {
    if (!name) continue;
    words.add(name.toLowerCase());
    if (/[\u4e00-\u9fff]/.test(name)) {
      const syllables = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'removed' }) as string[];
      words.add(syllables.join(''));
      words.add(syllables.map((s) => s[0] ?? '').join(''));
      // Given name alone (a Chinese surname is usually one syllable).
      if (syllables.length > 2) words.add(syllables.slice(1).join(''));
    }
  }
  return [...words].filter((w) => w.length >= 2);
}

/** A Chinese problem when the password is too easy to guess for this account, else null. */
export function strengthProblem(password: string, names: (string | null | undefined)[]): string | null {
  const result = zxcvbn.check(password, accountWords(names));
  if (result.score >= MIN_STRENGTH) return null;
  const personal = result.sequence.some((m) => m.pattern === 'dictionary' && m.dictionaryName === 'userInputs');
  return personal
    ? '密码过于容易猜到：包含了本人的用户名或姓名（含拼音），请换一个'
    : '密码过于常见或容易猜到（如常用密码、键盘序列、日期、重复字符），请换一个更长、更不规则的密码';
}
