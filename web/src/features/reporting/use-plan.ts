/** The plan the reporting and supervision pages work on: the one chosen in the header's switcher. */
export { useCurrentPlan } from '../plans/plan-choice.ts';
