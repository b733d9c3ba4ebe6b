#!/usr/bin/env sh
# Installs Qunying from this offline bundle, with no network: a virtual environment from the bundled wheels only
# (pip --no-index), the front-end files, the database migrated and the static files collected.
# Usage: ./install.sh [PREFIX]          (default /opt/qunying; run it again to upgrade in place)
# The environment of the installation (DATABASE_URL, QUNYING_*) is read from PREFIX/qunying.env when it exists, so
# migrate runs against the production database; without it, SQLite under PREFIX/var is used.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
prefix=$(mkdir -p "${1:-/opt/qunying}" && cd "${1:-/opt/qunying}" && pwd)
wanted=$(sed -n 's/^python=//p' "$here/BUNDLE")

python=$("$here/find-python")
have=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
if [ "$have" != "$wanted" ]; then
  for candidate in "python$wanted" "/usr/local/bin/python$wanted" "/usr/bin/python$wanted"; do
    if command -v "$candidate" >/dev/null 2>&1; then python=$(command -v "$candidate"); have=$wanted; break; fi
  done
fi
if [ "$have" != "$wanted" ]; then
  echo "This bundle's wheels are for Python $wanted; $python is $have. Install Python $wanted, or set QUNYING_PYTHON" >&2
  echo "to its path, or build a bundle for $have (scripts/build-bundle --python-version $have)." >&2
  exit 1
fi

echo "== Python environment in $prefix/venv (Python $have, from the bundled wheels only)"
[ -x "$prefix/venv/bin/python" ] || "$python" -m venv "$prefix/venv"
"$prefix/venv/bin/python" -m pip install --quiet --no-index --find-links "$here/wheels" --require-hashes \
  --requirement "$here/requirements.txt"
"$prefix/venv/bin/python" -m pip install --quiet --no-index --no-deps --force-reinstall "$here"/wheels/qunying-*.whl

echo "== Front-end files"
rm -rf "$prefix/node_modules"
cp -R "$here/node_modules" "$prefix/node_modules"

# One entry point that knows where the installation lives and reads its environment file.
cat >"$prefix/qunying" <<EOF
#!/usr/bin/env sh
set -a
[ -f "$prefix/qunying.env" ] && . "$prefix/qunying.env"
set +a
QUNYING_HOME="$prefix" exec "$prefix/venv/bin/qunying" "\$@"
EOF
chmod 755 "$prefix/qunying"

echo "== Database and static files"
"$prefix/qunying" migrate --noinput
"$prefix/qunying" collectstatic --noinput --verbosity 0

cat <<EOF

Qunying $(sed -n 's/^version=//p' "$here/BUNDLE") is installed in $prefix.
  Settings:  $prefix/qunying.env (DATABASE_URL, QUNYING_ALLOWED_HOSTS, QUNYING_PROXY_COUNT …; see the README)
  Start:     $prefix/qunying serve --host 127.0.0.1 --port 8000
  Health:    curl http://127.0.0.1:8000/healthz
  First administrator: $prefix/qunying createsuperuser
  Backups:   $prefix/qunying backup /backup/qunying-\$(date +%Y%m%d)
EOF
