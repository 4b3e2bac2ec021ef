#!/usr/bin/env bash
# `npm test`: every suite on SQLite, again on a throwaway PostgreSQL 15 cluster when its
# binaries are on the machine, then the browser tests on the built app in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-system-deps.sh
echo "== building the web app"
npm run --silent build >/tmp/innocity-build.log 2>&1 || { cat /tmp/innocity-build.log; exit 1; }

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
pgdir=""
cleanup() { [ -n "$pgdir" ] && bash scripts/pg-throwaway.sh stop "$pgdir"; return 0; }
trap cleanup EXIT
if [ -z "${TEST_PG_URL:-}" ] && [ -x "$PGBIN/initdb" ]; then
  pgdir=$(mktemp -d /tmp/innocity-pg.XXXXXX)
  port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  TEST_PG_URL=$(bash scripts/pg-throwaway.sh start "$pgdir" "$port")
  export TEST_PG_URL
  echo "== throwaway PostgreSQL at $TEST_PG_URL"
elif [ -z "${TEST_PG_URL:-}" ]; then
  echo "== PostgreSQL 15 binaries not found at $PGBIN: suites run on SQLite only"
fi

echo "== unit and API suites (SQLite${TEST_PG_URL:+ and PostgreSQL})"
npx vitest run
# The recommended runtime: the same suites under Node 24 (skipped, with the reason, when it cannot be fetched).
bash scripts/node24.sh
echo "== browser suites (Chromium)"
npx vitest run --config vitest.browser.config.ts
