import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT_DIR } from '../server/src/config.ts';
import { markBuilt, needsBuild } from '../server/src/web-build.ts';

// `npm start`: builds the web app only when its sources changed, quietly; the build's own output goes
// to data/web-build.log and is shown only when the build fails.
const dist = path.join(ROOT_DIR, 'web/dist');
if (!needsBuild(ROOT_DIR, dist)) {
  process.stdout.write('网页已是最新，无需构建。\n');
} else {
  process.stdout.write('正在构建网页（首次启动或源代码有更新，约需一两分钟）……\n');
  const log = path.join(ROOT_DIR, 'data/web-build.log');
  fs.mkdirSync(path.dirname(log), { recursive: true });
  const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT_DIR, encoding: 'utf8' });
  fs.writeFileSync(log, `${r.stdout ?? ''}${r.stderr ?? ''}`);
  if (r.status !== 0) {
    const tail = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-30).join('\n');
    process.stderr.write(`网页构建失败（完整输出见 ${path.relative(ROOT_DIR, log)}）：\n${tail}\n`);
    process.exit(1);
  }
  markBuilt(ROOT_DIR, dist);
  process.stdout.write('网页构建完成。\n');
}
