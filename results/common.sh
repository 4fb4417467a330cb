# Sourced by every results/NAME/run.sh: paths, a release build, the study's wall clock.
# A study writes its small data (CSV), figures (PNG + the gnuplot script beside each) and README.md;
# README numbers come from this run's output (the script writes the README), never typed by hand.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
(cd "$root" && swift build -c release >/dev/null)
dmft="$root/.build/release/dmft"
study_start=$(date +%s)
# Seconds since the study started, for its README.
wall() { echo $(( $(date +%s) - study_start )); }
# Value of a top-level key path of a JSON file (python3 is on every Debian machine with gnuplot).
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1]))
for k in sys.argv[2].split('.'): d=d[int(k)] if isinstance(d,list) else d[k]
print(d)" "$1" "$2"; }
