#!/usr/bin/env bash
# A manual check, not run by CI (CI runs the README's test command on one Python): install the
# game the README's way on every Python 3.10 or newer found here and run the whole suite with
# each, one after another (the suite uses both cores of a small machine; a run takes 4-10 min);
# then compare `simulate --json` across them: the same seed must give the same bytes everywhere.
#
#   bash .ci/python-matrix.sh                    # every python3.N on PATH or under pyenv
#   PYTHONS="/usr/bin/python3.10 /opt/py313/bin/python3" bash .ci/python-matrix.sh
#   LOWEST=1 bash .ci/python-matrix.sh           # also with the oldest releases pyproject.toml allows
#
# The venvs and logs stay in $MATRIX_DIR (default /tmp/treaty-table-matrix). Needs PyPI.
# If `vermin` is on PATH (pip install vermin, in a venv of its own) it also reports the oldest
# Python each file needs. Exit status 0 only if every install and every suite passed and every
# JSON was the same.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
dir=${MATRIX_DIR:-/tmp/treaty-table-matrix}
mkdir -p "$dir"

find_pythons() {
    local minor cand path
    for minor in 10 11 12 13 14; do
        for cand in "python3.$minor" "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3."$minor".*/bin/python3."$minor"; do
            path=$(command -v "$cand" 2>/dev/null) || continue
            if "$path" -c 'import sys' 2>/dev/null; then  # (a pyenv shim of an inactive version fails)
                echo "$path"
                break
            fi
        done
    done
}

# The oldest release of each dependency (and of the test extra's) that pyproject.toml allows on
# this venv's Python.
lowest_constraints() {
    "$1" - <<'EOF'
import sys
try:
    import tomllib
except ImportError:  # Python 3.10: tomli comes with pytest
    import tomli as tomllib
from packaging.requirements import Requirement
from packaging.version import Version

lows = {}
with open("pyproject.toml", "rb") as handle:
    project = tomllib.load(handle)["project"]
    for line in project["dependencies"] + project["optional-dependencies"]["test"]:
        req = Requirement(line)
        if req.marker is None or req.marker.evaluate():
            for spec in req.specifier:
                if spec.operator == ">=":
                    name = req.name.lower().replace("_", "-")
                    lows[name] = max(lows.get(name, Version(spec.version)), Version(spec.version))
print("\n".join(f"{name}=={version}" for name, version in sorted(lows.items())))
EOF
}

pythons=${PYTHONS:-$(find_pythons)}
if [ -z "$pythons" ]; then echo "no Python 3.10 or newer found" >&2; exit 1; fi
if command -v vermin >/dev/null; then
    echo "+ vermin -t=3.10- --no-tips --eval-annotations --violations game tests bench docs"
    vermin -t=3.10- --no-tips --eval-annotations --violations game tests bench docs | tail -n 3
fi

status=0
summary=()
jsons=()
run_one() {  # $1 python, $2 label, $3 constraints file or ""
    local py=$1 label=$2 venv="$dir/venv-$2" start rc home versions
    local pin=()
    [ -z "$3" ] || pin=(-c "$3")
    echo "=== $label: $py"
    [ -x "$venv/bin/python" ] || "$py" -m venv "$venv" || { summary+=("$label: venv failed"); status=1; return; }
    "$venv/bin/python" -m pip install -q --upgrade pip > "$dir/install-$label.log" 2>&1
    if ! "$venv/bin/python" -m pip install ${pin[@]+"${pin[@]}"} ".[test]" >> "$dir/install-$label.log" 2>&1; then
        summary+=("$label: install FAILED (see $dir/install-$label.log)"); status=1; return
    fi
    versions=$("$venv/bin/python" -m pip list --format=freeze 2>/dev/null \
        | grep -iE '^(pygame-ce|pygame-gui|pygame_gui|numpy|pydantic|pyyaml)==' | tr '\n' ' ')
    home=$(mktemp -d)
    start=$(date +%s)
    # from the checkout: pytest imports its game/ (the code that was just installed)
    SDL_VIDEODRIVER=dummy TREATY_TABLE_HOME=$home "$venv/bin/python" -m pytest -p no:cacheprovider \
        > "$dir/suite-$label.log" 2>&1
    rc=$?
    (cd "$dir" && TREATY_TABLE_HOME=$home "$venv/bin/treaty-table" simulate --scenario cst-1999 --runs 20 \
        --seed 1 --json > "$dir/simulate-$label.json" 2>> "$dir/suite-$label.log") || rc=1
    jsons+=("$dir/simulate-$label.json")
    [ "$rc" -eq 0 ] || status=1
    summary+=("$label: $(tail -n 1 "$dir/suite-$label.log" | tr -d '=') ($(( $(date +%s) - start )) s; $versions)")
}

for py in $pythons; do
    v=$("$py" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    run_one "$py" "$v" ""
    if [ "${LOWEST:-0}" = 1 ] && [ -x "$dir/venv-$v/bin/python" ]; then
        lowest_constraints "$dir/venv-$v/bin/python" > "$dir/lowest-$v.txt" && run_one "$py" "$v-lowest" "$dir/lowest-$v.txt"
    fi
done

echo
printf '%s\n' "${summary[@]}"
first=${jsons[0]:-}
for json in "${jsons[@]}"; do
    if ! cmp -s "$first" "$json"; then
        echo "simulate --json differs: $first $json"; status=1
    fi
done
[ -n "$first" ] && [ "$status" -eq 0 ] && echo "simulate --json: the same bytes on every Python"
exit $status
