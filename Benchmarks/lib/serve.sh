# Sourced by the benchmark scripts that start `affinity serve --port 0`.

# server_port OUT ERR [SECONDS]: waits (up to SECONDS, default 60) for the server's one stdout line
# `listening on HOST:PORT` in file OUT and prints PORT. On timeout it copies the server's stderr (file
# ERR) to stderr and returns 1.
server_port() {
  local out=$1 err=$2 limit=${3:-60} port="" i
  for ((i = 0; i < limit * 20; i++)); do
    port=$(sed -n 's/^listening on .*:\([0-9][0-9]*\)$/\1/p' "$out" 2>/dev/null)
    [ -n "$port" ] && { echo "$port"; return 0; }
    sleep 0.05
  done
  echo "affinity serve printed no 'listening on' line within $limit s; its stderr:" >&2
  cat "$err" >&2
  return 1
}
