#!/usr/bin/env bash
# The steps of the icpspec GitHub Action (action.yml), and what .ci/run runs to check them.
#
# Installs icpspec from the checkout this script lives in (the action's own
# commit) into a virtual environment of its own, then runs
#   icpspec $INPUT_COMMAND $INPUT_PATHS --format $INPUT_FORMAT [-o $INPUT_OUTPUT_FILE] $INPUT_ARGS
# in the current folder (the workflow's workspace). The exit status is icpspec's.
#
# Environment: the INPUT_* variables action.yml sets; ICPSPEC_ACTION_VENV
# (default $RUNNER_TEMP/icpspec-action-venv) is the environment, reused when
# it already holds icpspec.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
venv=${ICPSPEC_ACTION_VENV:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}/icpspec-action-venv}
command=${INPUT_COMMAND:-lint}
format=${INPUT_FORMAT:-github}

case "$command" in
  lint | validate) ;;
  *) echo "icpspec action: command must be lint or validate, not '$command'" >&2; exit 2 ;;
esac

if [ ! -x "$venv/bin/icpspec" ]; then
  "${INPUT_PYTHON:-python3}" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$repo"
fi

# Paths and extra arguments are split on whitespace, as a user types them in `with:`.
read -r -a paths <<<"${INPUT_PATHS:-.}"
read -r -a extra <<<"${INPUT_ARGS:-}"
args=("$command" "${paths[@]}" --format "$format")
if [ -n "${INPUT_OUTPUT_FILE:-}" ]; then
  args+=(--output-file "$INPUT_OUTPUT_FILE")
fi
exec "$venv/bin/icpspec" "${args[@]}" "${extra[@]}"
