#!/usr/bin/env bash
# Installs bonrelay on a Raspberry Pi or Debian box as a systemd service running as its own user.
# Run from a checkout as root:  sudo deploy/install.sh
# It copies the checkout to /opt/bonrelay, installs what the service runs (the native better-sqlite3
# build), builds the service bundle the unit runs, creates the bonrelay user,
# /etc/bonrelay/config.json (if missing) and starts the service.
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then
  echo "run as root: sudo $0" >&2
  exit 1
fi
source_dir="$(cd "$(dirname "$0")/.." && pwd)"
node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$node_major" -lt 20 ]; then
  echo "bonrelay needs Node.js 20 (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi
if ! command -v g++ >/dev/null || ! command -v make >/dev/null || ! command -v python3 >/dev/null; then
  apt-get update -qq
  apt-get install -y -qq build-essential python3
fi

id bonrelay >/dev/null 2>&1 || useradd --system --home-dir /var/lib/bonrelay --shell /usr/sbin/nologin bonrelay
install -d -m 0755 /opt/bonrelay
cp -a "$source_dir/." /opt/bonrelay/
rm -rf /opt/bonrelay/data /opt/bonrelay/.git
cd /opt/bonrelay
# The setup runner brings pnpm 12.4.2, installs the service's production dependencies (better-sqlite3
# built against the local Node headers) and bundles apps/service/dist/, which the unit runs.
node tooling/setup/run.mjs bonrelay --help >/dev/null

install -d -m 0750 -o root -g bonrelay /etc/bonrelay
if [ ! -f /etc/bonrelay/config.json ]; then
  install -m 0640 -o root -g bonrelay deploy/bonrelay.example.json /etc/bonrelay/config.json
  echo "wrote /etc/bonrelay/config.json: set your printers, restaurant and Wix key there"
fi
# USB printers: the service user may open /dev/usb/lpN, and each printer gets a stable name.
install -m 0644 deploy/99-bonrelay-printers.rules /etc/udev/rules.d/99-bonrelay-printers.rules
if command -v udevadm >/dev/null; then
  udevadm control --reload-rules || true
  udevadm trigger --subsystem-match=usbmisc || true
fi
install -m 0644 deploy/bonrelay.service /etc/systemd/system/bonrelay.service
if command -v systemd-analyze >/dev/null; then systemd-analyze verify /etc/systemd/system/bonrelay.service || true; fi
systemctl daemon-reload
systemctl enable --now bonrelay
echo "bonrelay is running: systemctl status bonrelay; logs: journalctl -u bonrelay -f"
echo "check everything with: cd /opt/bonrelay && sudo -u bonrelay BONRELAY_CONFIG=/etc/bonrelay/config.json BONRELAY_DATA_DIR=/var/lib/bonrelay npm run bonrelay -- doctor"
