#!/usr/bin/env bash
# Turn a debootstrap minbase rootfs into a container base like the official debian:bookworm-slim:
# no docs/man/locales (now or in later installs), apt caches cleaned after every install, deb822 sources,
# no host-specific files. Usage: docker/slim-rootfs.sh ROOTFS
set -euo pipefail
r=${1:?usage: slim-rootfs.sh ROOTFS}

mkdir -p "$r/etc/dpkg/dpkg.cfg.d" "$r/etc/apt/apt.conf.d" "$r/etc/apt/sources.list.d"
cat > "$r/etc/dpkg/dpkg.cfg.d/slim" <<'CONF'
# Container image: skip documentation and translations when packages are installed (keep licences).
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/locale/*
CONF
cat > "$r/etc/apt/apt.conf.d/90container" <<'CONF'
// Container image: keep layers small and installs lean.
APT::Install-Recommends "false";
APT::Install-Suggests "false";
Acquire::Languages "none";
Acquire::GzipIndexes "true";
Acquire::CompressionTypes::Order:: "gz";
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb || true"; };
CONF
rm -f "$r/etc/apt/sources.list"
cat > "$r/etc/apt/sources.list.d/debian.sources" <<'CONF'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
CONF

# No init system runs in a container: package scripts must not try to start services (nginx, postgresql...).
printf '#!/bin/sh\n# container image: never start services from package scripts\nexit 101\n' > "$r/usr/sbin/policy-rc.d"
chmod 0755 "$r/usr/sbin/policy-rc.d"

# Drop what the excludes above would have skipped, plus caches, logs and host identity.
find "$r/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete 2>/dev/null || true
find "$r/usr/share/doc" -mindepth 1 -type d -empty -delete 2>/dev/null || true
rm -rf "$r/usr/share/man/"* "$r/usr/share/info/"* "$r/usr/share/groff/"* "$r/usr/share/lintian/"* \
       "$r/usr/share/locale/"* "$r/var/lib/apt/lists/"* "$r/var/cache/apt/"*.bin "$r/var/cache/apt/archives/"*.deb \
       "$r/var/cache/debconf/"*-old "$r/var/log/"* "$r/tmp/"* "$r/root/.bash_history"
: > "$r/etc/machine-id"
rm -f "$r/etc/hostname" "$r/etc/resolv.conf" "$r/var/lib/dbus/machine-id"
