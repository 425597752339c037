# Shared helpers for .ci/run and Benchmarks/*.sh. Source it; it defines functions and a few variables only.
#   REPO    the repository root          SHARED  the folder beside the clone (../shared)
#   ORACLE  $SHARED/oracle               SWIFT   the swift driver (PATH, else /opt/swift/usr/bin/swift)
# shellcheck shell=bash

REPO=${REPO:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
SHARED=${STATEFUN_SHARED:-$(dirname "$REPO")/shared}
ORACLE=$SHARED/oracle

if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
  export PATH=/opt/swift/usr/bin:$PATH
fi
SWIFT=$(command -v swift || true)

log() { printf '%s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# apt_install PKG...  installs the Debian packages that are not installed yet. Runs `apt-get update` once per
# process, and only when something is missing. Idempotent; never prompts.
apt_install() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "need ${missing[*]} and not root: apt-get install -y ${missing[*]}"
    sudo=(sudo -n)
  fi
  command -v apt-get >/dev/null 2>&1 || die "need ${missing[*]} and there is no apt-get to install them"
  log "installing ${missing[*]} (apt-get)"
  if [ -z "${_CI_APT_UPDATED:-}" ]; then
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get update -q </dev/null >&2
    _CI_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" \
    </dev/null >&2
}

# ensure_packages CMD:PKG...  installs Debian package PKG when command CMD is not on PATH.
ensure_packages() {
  local pkgs=() pair
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || pkgs+=("${pair#*:}")
  done
  [ ${#pkgs[@]} -eq 0 ] || apt_install "${pkgs[@]}"
}

# oracle_env: creates the oracle venvs (once) and sets PY3, PY2, VENV_UPB. Returns 1 (with a message) when the
# shared oracle folder is absent, so callers can skip oracle-dependent work.
oracle_env() {
  if [ ! -f "$ORACLE/setup.sh" ]; then
    log "no oracle at $ORACLE (expected the shared folder beside the clone: $SHARED); oracle steps are skipped"
    return 1
  fi
  ensure_packages python3:python3
  python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || apt_install python3-venv
  local out
  out=$(bash "$ORACLE/setup.sh" </dev/null) || { log "oracle setup.sh failed"; return 1; }
  PY3=$(printf '%s\n' "$out" | sed -n 's/^PY3=//p')
  PY2=$(printf '%s\n' "$out" | sed -n 's/^PY2=//p')
  VENV_UPB=$(printf '%s\n' "$out" | sed -n 's/^VENV_UPB=//p')
  [ -x "$PY3" ] && [ -x "$PY2" ] || { log "oracle setup.sh did not print usable PY3/PY2"; return 1; }
  export PY3 PY2 VENV_UPB
}

# free_port: an unused TCP port on 127.0.0.1.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# build_conformance: release build of statefun-conformance; sets CONFORMANCE to the binary. The scratch path is
# $SCRATCH when set (keep your own build folder when others build in the same checkout), else .build.
# CONFORMANCE_BIN=PATH skips the build and uses that binary.
build_conformance() {
  if [ -n "${CONFORMANCE_BIN:-}" ]; then
    [ -x "$CONFORMANCE_BIN" ] || die "CONFORMANCE_BIN=$CONFORMANCE_BIN is not executable"
    CONFORMANCE=$CONFORMANCE_BIN
    return 0
  fi
  [ -n "$SWIFT" ] || die "no swift on PATH and none at /opt/swift/usr/bin"
  local scratch=${SCRATCH:-$REPO/.build}
  log "building statefun-conformance (release, scratch path $scratch)"
  (cd "$REPO" && swift build -c release --scratch-path "$scratch" --product statefun-conformance >&2) ||
    die "release build of statefun-conformance failed"
  CONFORMANCE=$scratch/release/statefun-conformance
  [ -x "$CONFORMANCE" ] || die "no binary at $CONFORMANCE after the build"
}
