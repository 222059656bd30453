# Shared by the scripts that fetch Debian packages into the download cache
# outside the repository ($RINGVISOR_CACHE, default ~/.cache/ringvisor).
# Sourced; sets $cache.

cache=${RINGVISOR_CACHE:-${HOME:-/tmp}/.cache/ringvisor}
mkdir -p "$cache"

# fetch_deb PACKAGE DIR: downloads PACKAGE's .deb with apt-get download and
# unpacks it into DIR.  Exits 2, saying why on stderr, when it cannot be
# had (offline, or apt has no package lists).
fetch_deb() {
	mkdir -p "$2/deb"
	if ! (cd "$2/deb" && apt-get download -q "$1" >/dev/null 2>&1); then
		echo "$(basename "$0"): cannot download $1 (offline?)" >&2
		exit 2
	fi
	dpkg-deb -x "$2"/deb/*.deb "$2"
	rm -rf "$2/deb"
}
