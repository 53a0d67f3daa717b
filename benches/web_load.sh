#!/usr/bin/env bash
# Load benchmark of `jixiao serve` on loopback (not a test): wrk, 2 threads, 50 connections,
# 10 seconds per endpoint. /api/parse gets the seed's 77 indicators (indicators.tsv) in one
# body; /api/evaluate the seed table with its actuals (multipart, format json). Needs wrk
# (apt-get install wrk). Figures go in the README's "Web page and API" section.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 2; }
cargo build --release -q
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
target/release/jixiao serve --port "$port" 2>/dev/null &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done
dir=$(mktemp -d)
cat >"$dir/parse.lua" <<'LUA'
local f = io.open("samples/guangzhou-hpf-2023/indicators.tsv", "rb")
wrk.method = "POST"
wrk.body = f:read("*a")
wrk.headers["Content-Type"] = "text/plain; charset=utf-8"
LUA
cat >"$dir/evaluate.lua" <<'LUA'
local function read(p) local f = io.open(p, "rb"); local s = f:read("*a"); f:close(); return s end
local b = "jixiao-load-boundary"
local function part(field, name, data)
  return "--" .. b .. "\r\nContent-Disposition: form-data; name=\"" .. field .. "\"; filename=\"" .. name ..
         "\"\r\nContent-Type: application/octet-stream\r\n\r\n" .. data .. "\r\n"
end
wrk.method = "POST"
wrk.body = part("table", "targets.tsv", read("samples/guangzhou-hpf-2023/targets.tsv")) ..
           part("actuals", "actuals.yaml", read("samples/guangzhou-hpf-2023/actuals.yaml")) .. "--" .. b .. "--\r\n"
wrk.headers["Content-Type"] = "multipart/form-data; boundary=" .. b
response = function(status) if status ~= 200 then error("status " .. status) end end
LUA
for ep in parse evaluate; do
  q=""; [ "$ep" = evaluate ] && q="?format=json"
  echo "== /api/$ep"
  wrk -t2 -c50 -d10s --latency -s "$dir/$ep.lua" "http://127.0.0.1:$port/api/$ep$q" |
    grep -E "Requests/sec|  50%|  99%|Non-2xx|Socket errors|requests in"
done
rm -rf "$dir"
