#!/usr/bin/env bash
# Creates Benchmarks/.venv with the Python peers (pandas, implicit, scikit-learn, lightgbm) from PyPI.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
venv="$here/../.venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install -q --upgrade pip >/dev/null
"$venv/bin/pip" install -q -r "$here/requirements.txt"
"$venv/bin/python" -c 'import implicit, sklearn, pandas; print("peers:", "implicit", implicit.__version__, "scikit-learn", sklearn.__version__, "pandas", pandas.__version__)'
