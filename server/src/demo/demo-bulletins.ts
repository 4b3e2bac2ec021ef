import { generateBulletinSchema } from '@innocity/shared/api/bulletins';
import { generateBulletin, publishBulletin } from '../modules/bulletins/bulletin.service.ts';
import { listRounds } from '../modules/reporting/round.service.ts';
import { demoFacts } from './demo-assessment.ts';
import { beijing, type MomentSource } from './demo-timeline.ts';
import { at } from './seed-demo.ts';

/**
 * The bulletins of 2025's first two quarters, drafted after the scores and published a few days
 * later as 第1期 and 第2期; and the third quarter's, drafted after its late units were urged and
 * left for the office to edit and publish (as 第3期: its date, 20 October 2025, files it in 2025).
 */
const BULLETINS = [
  { periodId: '2025Q1', drafted: '2025-04-18', published: '2025-04-22' },
  { periodId: '2025Q2', drafted: '2025-07-18', published: '2025-07-22' },
  { periodId: '2025Q3', drafted: '2025-10-20', published: null },
];

export const bulletinMoments: MomentSource = async (c) => {
  const office = c.people.get('office')!;
  return BULLETINS.map((b) => ({
    at: beijing(b.drafted, '10:00'),
    run: async () => {
      const round = (await listRounds(c.db, office, c.planId, c.timeZone)).find((r) => r.periodId === b.periodId)!;
      const input = generateBulletinSchema.parse({ roundId: round.id, asOf: b.drafted });
      const env = { facts: demoFacts(c) };
      const draft = await generateBulletin(c.db, office, c.planId, input, at(beijing(b.drafted, '10:00'), office), env);
      if (!b.published) {
        c.log(`情况通报：${round.title}草稿`);
        return;
      }
      // Published as drafted: the office's edits are its own business, and the demo shows the generator's text.
      const published = await publishBulletin(
        c.db,
        office,
        draft.id,
        { version: draft.version },
        at(beijing(b.published, '16:00'), office),
      );
      c.log(`情况通报：${published.year}年第${published.issueNumber}期（${round.title}）`);
    },
  }));
};
