#!/usr/bin/env bash
# Unpacks a real Prometheus (with promtool) and VictoriaMetrics (with vmagent, vmalert and vmalert-tool,
# which ship in the same package) from Debian's archive (suite sid) into .backends/, without
# installing anything system-wide. The mirror is read from the machine's apt configuration, so no
# host name is written here. Idempotent: does nothing when every link exists, and only adds links
# (no download) when the unpacked tree already holds the binaries, e.g. after a new one was added here.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/.backends"
bin="$dest/bin"
want=(prometheus promtool victoria-metrics vmagent vmalert vmalert-tool)

have_all() { for b in "${want[@]}"; do [ -x "$bin/$b" ] || return 1; done; }
# Links every wanted binary the unpacked tree holds; succeeds when all of them are linked.
link_unpacked() {
  mkdir -p "$bin"
  for b in "${want[@]}"; do
    local found="$dest/root/usr/bin/$b"
    # Some builds name the single-node binary victoria-metrics-prod.
    [ "$b" = victoria-metrics ] && [ ! -x "$found" ] && found=$(ls "$dest"/root/usr/bin/victoria-metrics* 2>/dev/null | head -1)
    if [ -n "$found" ] && [ -x "$found" ]; then ln -sf "$found" "$bin/$b"; fi
  done
  have_all
}
if have_all; then echo "backends: already in $bin"; exit 0; fi
if link_unpacked; then echo "backends: linked the unpacked binaries into $bin (nothing downloaded)"; exit 0; fi

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
echo "backends: downloading prometheus, promtool and victoria-metrics (with vmagent, vmalert, vmalert-tool)"
apt-get "${opts[@]}" -qq download prometheus promtool victoria-metrics
for deb in "$work"/debs/*.deb; do
  dpkg-deb -x "$deb" "$dest/root"
done
if ! link_unpacked; then
  for b in "${want[@]}"; do [ -x "$bin/$b" ] || echo "backends: $b not found in the unpacked packages" >&2; done
  exit 1
fi
"$bin/prometheus" --version 2>&1 | head -1
"$bin/victoria-metrics" --version 2>&1 | head -1
