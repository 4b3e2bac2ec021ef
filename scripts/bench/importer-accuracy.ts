// `npm run bench -- importer-accuracy`: precision and recall of the importer on the corpus of other
// counties' plans (shared/src/importer/corpus/, fixtures written by us with hand-labelled gold files):
// tasks, lead units, co-units and targets, per fixture and overall. `--verbose` lists what was missed.
import { importPlanText } from '../../shared/src/importer/import-plan.ts';
import {
  CATEGORIES,
  loadCorpus,
  pooled,
  precision,
  recall,
  scoreFixture,
  sum,
  type Count,
} from '../../shared/src/importer/corpus/score.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
const pr = (c: Count) => `${pct(precision(c))} ${pct(recall(c))}`;

const fixtures = loadCorpus();
const scores = fixtures.map((f) => scoreFixture(f.name, importPlanText(f.text), f.gold));
console.log(`${'fixture'.padEnd(34)} ${CATEGORIES.map((c) => `${c} P/R`.padEnd(16)).join(' ')} all P/R`);
for (const s of scores) {
  console.log(`${s.name.padEnd(34)} ${CATEGORIES.map((c) => pr(s.counts[c]).padEnd(16)).join(' ')} ${pr(pooled([s]))}`);
}
console.log(
  `${'overall'.padEnd(34)} ${CATEGORIES.map((c) => pr(pooled(scores, c)).padEnd(16)).join(' ')} ${pr(pooled(scores))}`,
);
const due = sum(scores.map((s) => s.dueDates));
console.log(`完成期限（任务表的截止日期）：精确率 ${pct(precision(due)).trim()}，召回率 ${pct(recall(due)).trim()}`);
const worst = Math.min(...scores.map((s) => Math.min(precision(pooled([s])), recall(pooled([s])))));
console.log(`最低单个样本（精确率与召回率中较低者）：${pct(worst).trim()}`);
