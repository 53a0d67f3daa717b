#!/usr/bin/env bash
# Opt-in real-browser check of `jixiao serve` (not part of `cargo test`): headless chromium,
# driven through chromedriver, drops samples/guangzhou-hpf-2023 on the page, checks its 29
# projects, the five download links and the parse box, the layout at 1400 and 400 px (cards,
# bars, the files used) and a pile's roll-up, and keeps screenshots in
# target/browser/. Needs Debian's chromium and chromium-driver (installed here when missing,
# as root with apt-get) and python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
# a Chinese font too, so the screenshots show the page as a person reads it
if ! command -v chromedriver >/dev/null || ! [ -x /usr/bin/chromium ] || ! [ -d /usr/share/fonts/truetype/wqy ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-wqy-microhei
  else
    echo "chromium, chromium-driver and a Chinese font are needed: apt-get install chromium chromium-driver fonts-wqy-microhei" >&2
    exit 2
  fi
fi
# The debug build `cargo test` already made will do (CI runs this after the tests); set
# JIXIAO_PROFILE=release to check the release binary.
profile="${JIXIAO_PROFILE:-debug}"
if [ "$profile" = release ]; then cargo build --release --locked -q; else cargo build --locked -q; fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
web_port=$(free_port); driver_port=$(free_port)
mkdir -p target/browser
"target/$profile/jixiao" serve --port "$web_port" 2>target/browser/serve.log &
web_pid=$!
chromedriver --port="$driver_port" >target/browser/chromedriver.log 2>&1 &
driver_pid=$!
trap 'kill "$web_pid" "$driver_pid" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  curl -sf "http://127.0.0.1:$web_port/" >/dev/null && curl -sf "http://127.0.0.1:$driver_port/status" >/dev/null && break
  sleep 0.2
done
python3 tests/browser/drive.py "http://127.0.0.1:$web_port" "http://127.0.0.1:$driver_port" \
  samples/guangzhou-hpf-2023 target/browser
