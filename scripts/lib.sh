# Shared helpers for the project's shell scripts. Source it, don't run it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export RASA_TELEMETRY_ENABLED=false
export PIP_DISABLE_PIP_VERSION_CHECK=1

say() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31mLỗi / Error:\033[0m %s\n' "$*" >&2; exit 1; }

# find_python VERSION: print a path to pythonVERSION from PATH or pyenv, or fail clearly.
find_python() {
  local v="$1" cand
  for cand in "python$v" "$(command -v pyenv >/dev/null 2>&1 && pyenv prefix "$v" 2>/dev/null)/bin/python$v"; do
    if [ -n "$cand" ] && command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import venv' 2>/dev/null; then
      command -v "$cand"; return 0
    fi
  done
  # any installed pyenv version with that minor number
  if command -v pyenv >/dev/null 2>&1; then
    for cand in "$(pyenv root)"/versions/"$v".*/bin/python"$v"; do
      [ -x "$cand" ] && { echo "$cand"; return 0; }
    done
  fi
  die "Python $v is required but was not found on PATH or through pyenv. Install it (e.g. 'pyenv install $v' or 'apt-get install python$v python$v-venv') and try again."
}

# stamp_of FILES...: a fingerprint of the inputs that decide a venv's contents.
stamp_of() { cat "$@" | sha256sum | cut -c1-16; }
