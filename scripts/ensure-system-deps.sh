#!/usr/bin/env bash
# Makes sure the system packages that `npm test` needs are present: Debian's Chromium for the
# browser tests, the Noto CJK fonts so Chinese text renders (not boxes), the AR PL UKai face for
# the bulletins' 楷体 headings, LibreOffice Writer to render bulletins to PDF and poppler's tools
# to check those PDFs. Installs them with
# apt-get when run as root (or with sudo); otherwise says what to install.
set -euo pipefail
chromium_bin=${CHROMIUM_PATH:-/usr/bin/chromium}
need=()
[ -x "$chromium_bin" ] || need+=(chromium)
# grep without -q: an early exit would kill fc-list with SIGPIPE and fail the pipeline under pipefail.
fc-list 2>/dev/null | grep -i 'Noto Sans CJK' >/dev/null || need+=(fonts-noto-cjk)
fc-list 2>/dev/null | grep -i 'AR PL UKai' >/dev/null || need+=(fonts-arphic-ukai)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v pdffonts >/dev/null 2>&1 || need+=(poppler-utils)
[ ${#need[@]} -eq 0 ] && exit 0

echo "npm test needs: ${need[*]} — installing with apt-get" >&2
if [ "$(id -u)" = "0" ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
  echo "Please install them first:  sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y --no-install-recommends "${need[@]}" >/tmp/innocity-apt.log 2>&1 || {
  $sudo apt-get update >>/tmp/innocity-apt.log 2>&1
  $sudo apt-get install -y --no-install-recommends "${need[@]}" >>/tmp/innocity-apt.log 2>&1 || { cat /tmp/innocity-apt.log >&2; exit 1; }
}
echo "installed: ${need[*]}" >&2
