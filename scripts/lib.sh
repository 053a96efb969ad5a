# Shared by scripts/run and scripts/test: install missing Debian packages, configure, build.
# Sourced, not executed.

kns_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kns_build="${KUBENETSIM_BUILD_DIR:-$kns_root/build}"

kns_say() { printf 'kubenetsim: %s\n' "$*" >&2; }

# Installs those of the named Debian packages that are not installed yet.
# Runs apt-get update first; uses sudo only when not root.
kns_install() {
    local missing=() p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { kns_say "need root or sudo to install: ${missing[*]}"; return 1; }
        sudo=(sudo)
    fi
    kns_say "installing ${missing[*]}"
    "${sudo[@]}" apt-get update -qq || return 1
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || return 1
}

# What building needs (the GUI's libraries included: one build serves both front ends). The window
# also needs at run time a Japanese font (fonts-ipafont-gothic) and Mesa's OpenGL drivers, which
# render under xvfb-run too (libgl1-mesa-dri).
kns_build_packages=(g++ cmake ninja-build pkg-config nlohmann-json3-dev libyaml-cpp-dev doctest-dev
                    libsfml-dev libimgui-dev libstb-dev fonts-ipafont-gothic libgl1-mesa-dri)

kns_configure_and_build() {
    if [ ! -f "$kns_build/CMakeCache.txt" ]; then
        cmake -S "$kns_root" -B "$kns_build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null || return 1
    fi
    kns_say "building in $kns_build"
    cmake --build "$kns_build" -j "$(nproc)" >&2 || return 1
}
