import type { Actor } from '../users/user.repo.ts';
import { hasRole } from '../users/scope.policy.ts';

/**
 * 省级视图 is for those who look across counties: 省级查看 (granted at a 省 or 设区市) and the
 * deployment's admin. A county's own office or leaders use their cockpit; the fence would leave
 * them one county to compare with itself.
 */
export const canReadProvinceView = (actor: Actor) => hasRole(actor, 'admin', 'province_viewer');
