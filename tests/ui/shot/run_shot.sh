#!/usr/bin/env bash
# Runs the window in screenshot mode under a virtual X server and checks the frame it saved.
#   run_shot.sh KUBENETSIM SHOT_CHECK OUT_PREFIX "WINDOW ARGS" [CHECK ARGS...]
# Exits 77 (CTest: skipped) when xvfb-run is not installed (scripts/test installs it).
set -uo pipefail
kubenetsim="$1" check="$2" prefix="$3" window_args="$4"
shift 4
command -v xvfb-run >/dev/null || { echo "xvfb-run not installed: skipped"; exit 77; }
mkdir -p "$(dirname "$prefix")"
rm -f "$prefix.png" "$prefix.json"
# Each test writes its own settings folder: the user's settings never change a test.
export XDG_CONFIG_HOME="$(dirname "$prefix")/config"
# shellcheck disable=SC2086  # the window's arguments are words
xvfb-run -a -s "-screen 0 1280x800x24" "$kubenetsim" --screenshot "$prefix.png" --dump-text "$prefix.json" $window_args
status=$?
[ $status -eq 0 ] || { echo "kubenetsim exited with $status"; exit 1; }
exec "$check" "$prefix.png" "$prefix.json" "$@"
