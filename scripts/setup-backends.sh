#!/usr/bin/env bash
# Unpacks a real Prometheus (with promtool) and VictoriaMetrics from Debian's archive (suite sid) into
# .backends/, without installing anything system-wide. The mirror is read from the machine's apt
# configuration, so no host name is written here. Idempotent: does nothing when the binaries exist.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/.backends"
bin="$dest/bin"
want=(prometheus promtool victoria-metrics)

have_all() { for b in "${want[@]}"; do [ -x "$bin/$b" ] || return 1; done; }
if have_all; then echo "backends: already in $bin"; exit 0; fi

# The first deb822 stanza that signs with Debian's archive key and is not the security suite.
mirror=""
for f in /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] || continue
  mirror=$(awk 'BEGIN{RS=""; FS="\n"}
    /debian-archive-keyring/ && !/Suites:[^\n]*-security/ {
      for (i=1;i<=NF;i++) if ($i ~ /^URIs:/) { split($i, a, /[ \t]+/); print a[2]; exit } }' "$f")
  [ -n "$mirror" ] && break
done
if [ -z "$mirror" ] && [ -f /etc/apt/sources.list ]; then
  mirror=$(awk '/^deb /{for(i=2;i<=NF;i++) if ($i ~ /^[a-z]+:\/\//) {print $i; exit}}' /etc/apt/sources.list)
fi
if [ -z "$mirror" ]; then echo "backends: no Debian mirror found in /etc/apt" >&2; exit 1; fi

work="$dest/apt"
mkdir -p "$work/lists/partial" "$work/archives/partial" "$work/debs" "$bin"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
cat > "$work/sources.list" <<SRC
deb [signed-by=$keyring] $mirror sid main
SRC
opts=(-o "APT::Sandbox::User=root" -o "Dir::Etc::SourceList=$work/sources.list" -o "Dir::Etc::SourceParts=-"
      -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache"
      -o "Dir::Cache::archives=$work/archives" -o "APT::Get::List-Cleanup=0"
      -o "Debug::NoLocking=1" -o "Acquire::Retries=3")
mkdir -p "$work/cache"
echo "backends: fetching package lists (suite sid)"
apt-get "${opts[@]}" -qq update
cd "$work/debs"
echo "backends: downloading prometheus, promtool and victoria-metrics"
apt-get "${opts[@]}" -qq download prometheus promtool victoria-metrics
for deb in "$work"/debs/*.deb; do
  dpkg-deb -x "$deb" "$dest/root"
done
for b in prometheus promtool; do
  ln -sf "$dest/root/usr/bin/$b" "$bin/$b"
done
vm=$(ls "$dest"/root/usr/bin/victoria-metrics* 2>/dev/null | head -1)
[ -n "$vm" ] || { echo "backends: victoria-metrics binary not found in the package" >&2; exit 1; }
ln -sf "$vm" "$bin/victoria-metrics"
have_all || { echo "backends: setup incomplete" >&2; exit 1; }
"$bin/prometheus" --version 2>&1 | head -1
"$bin/victoria-metrics" --version 2>&1 | head -1
