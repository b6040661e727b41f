#!/usr/bin/env bash
# Builds the release binaries and packs them, with the manual pages, shell
# completions, desktop entry, icons, copyright and changelog, into a .deb
# (dpkg-deb) and an .rpm (rpmbuild) in $CARGO_TARGET_DIR/dist.
#
# Why not `tauri build --bundles deb,rpm`: its bundler names the desktop
# entry after the product name ("Creator Studio.desktop", with a space, where
# the desktop entry spec wants the app identifier), cannot add the `studio`
# command, and writes no copyright or changelog. tauri.conf.json still holds
# the bundle settings the bundler uses for .msi and .dmg on those systems.
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET=${CARGO_TARGET_DIR:-$PWD/target}
ID=com.creatorstudio.desktop
PACKAGE=creator-studio
VERSION=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
MAINTAINER="Creator Studio maintainers <maintainers@creatorstudio.com>"
SUMMARY="drafts, schedules and publishes posts for Alipay life accounts"
OUT=$TARGET/dist
WORK=$TARGET/dist-work
ROOT=$WORK/root

cargo build --release --locked -p creator-studio -p studio-cli

rm -rf "$WORK" && mkdir -p "$ROOT" "$OUT"
"$TARGET/release/studio" dist-files "$WORK/generated"

install -Dm755 "$TARGET/release/creator-studio" "$ROOT/usr/bin/creator-studio"
install -Dm755 "$TARGET/release/studio" "$ROOT/usr/bin/studio"
install -Dm644 packaging/$ID.desktop "$ROOT/usr/share/applications/$ID.desktop"
install -Dm644 packaging/$ID.metainfo.xml "$ROOT/usr/share/metainfo/$ID.metainfo.xml"
for size in 16 24 32 48 64 96 128 256 512; do
    case $size in
        256) icon=src-tauri/icons/128x128@2x.png ;;
        512) icon=src-tauri/icons/icon.png ;;
        *) icon=src-tauri/icons/${size}x${size}.png ;;
    esac
    install -Dm644 "$icon" "$ROOT/usr/share/icons/hicolor/${size}x${size}/apps/$ID.png"
done
mkdir -p "$ROOT/usr/share/man/man1"
for page in "$WORK"/generated/man1/*.1; do
    gzip -9n -c "$page" > "$ROOT/usr/share/man/man1/$(basename "$page").gz"
done
chmod 644 "$ROOT"/usr/share/man/man1/*
install -Dm644 "$WORK/generated/completions/bash/studio" "$ROOT/usr/share/bash-completion/completions/studio"
install -Dm644 "$WORK/generated/completions/zsh/_studio" "$ROOT/usr/share/zsh/vendor-completions/_studio"
install -Dm644 "$WORK/generated/completions/fish/studio.fish" "$ROOT/usr/share/fish/vendor_completions.d/studio.fish"
DOC=$ROOT/usr/share/doc/$PACKAGE
install -Dm644 packaging/copyright "$DOC/copyright"
gzip -9n -c packaging/changelog > "$DOC/changelog.gz"
chmod 644 "$DOC/changelog.gz"

DESCRIPTION=" Creator Studio is a desktop studio for creators and merchants on Alipay's
 content ecosystem (life accounts, short image-text and video posts,
 livestreams). It writes drafts with a full revision history, schedules
 posts and livestream announcements, keeps the life account profile, and
 sends everything to the platform exactly once through an outbox, working
 offline and syncing when the network is back.
 .
 The library is one local SQLite file; account keys are kept in the system
 keychain. The package also carries the studio command, which works on the
 same library from a terminal. With no account set up, the app works
 against a built-in emulator of the platform."

# --- .deb -------------------------------------------------------------
# Dependencies from the libraries the binaries link, as Debian computes them.
mkdir -p "$WORK/debian" "$ROOT/DEBIAN"
printf 'Source: %s\n\nPackage: %s\nArchitecture: any\n' "$PACKAGE" "$PACKAGE" > "$WORK/debian/control"
DEPENDS=$(cd "$WORK" && dpkg-shlibdeps -O root/usr/bin/creator-studio root/usr/bin/studio 2>/dev/null \
    | sed -n 's/^shlibs:Depends=//p')
# The tray's indicator library is loaded at run time, so no link names it.
DEPENDS="$DEPENDS, libayatana-appindicator3-1"
cat > "$ROOT/DEBIAN/control" <<EOF
Package: $PACKAGE
Version: $VERSION
Architecture: $(dpkg --print-architecture)
Maintainer: $MAINTAINER
Installed-Size: $(du -sk --apparent-size "$ROOT/usr" | cut -f1)
Depends: $DEPENDS
Section: utils
Priority: optional
Description: $SUMMARY
$DESCRIPTION
EOF
(cd "$ROOT" && find usr -type f -print0 | sort -z | xargs -0 md5sum > DEBIAN/md5sums)
chmod 644 "$ROOT/DEBIAN/control" "$ROOT/DEBIAN/md5sums"
DEB=$OUT/${PACKAGE}_${VERSION}_$(dpkg --print-architecture).deb
# xz at its strongest setting: the same files pack into 11.5 MB instead of
# 16.0 MB at dpkg-deb's default level, for about 40 s more of one core.
dpkg-deb --root-owner-group -Zxz -z9 -Sextreme --build "$ROOT" "$DEB" >/dev/null
rm -rf "$ROOT/DEBIAN"

# --- .rpm -------------------------------------------------------------
RPM=$WORK/rpm
mkdir -p "$RPM/SPECS"
cat > "$RPM/SPECS/$PACKAGE.spec" <<EOF
# The binaries come built and stripped; rpm's own post-install steps (debug
# packages, byte compiling) have nothing to do.
%global debug_package %{nil}
%global __os_install_post %{nil}
Name: $PACKAGE
Version: $VERSION
Release: 1
Summary: Drafts, schedules and publishes posts for Alipay life accounts
License: MIT
Group: Applications/Productivity
Packager: $MAINTAINER
URL: https://creatorstudio.com
Requires: hicolor-icon-theme
# The tray's indicator library is loaded at run time, so rpm's own
# dependency scan cannot see it: named by its soname, as rpmlint asks.
Requires: libayatana-appindicator3.so.1()(64bit)

%description
$(echo "$DESCRIPTION" | sed 's/^ //; s/^\.$//')

%install
cp -a "$ROOT/usr" %{buildroot}/
rm -rf %{buildroot}/usr/share/doc

%files
%license packaging/copyright
/usr/bin/creator-studio
/usr/bin/studio
/usr/share/applications/$ID.desktop
/usr/share/metainfo/$ID.metainfo.xml
/usr/share/icons/hicolor/*/apps/$ID.png
/usr/share/man/man1/*.1.gz
/usr/share/bash-completion/completions/studio
/usr/share/zsh/vendor-completions/_studio
/usr/share/fish/vendor_completions.d/studio.fish

%changelog
* $(LC_ALL=C date -u -d "$(sed -n 's/^ -- .*>  //p' packaging/changelog | head -1)" '+%a %b %d %Y') $MAINTAINER - $VERSION-1
$(sed -n 's/^  \* /- /p; s/^    /  /p' packaging/changelog)
EOF
rpmbuild -bb --quiet --define "_topdir $RPM" --define "_sourcedir $PWD" --define "_builddir $PWD" \
    --define "_rpmdir $RPM/RPMS" "$RPM/SPECS/$PACKAGE.spec" >/dev/null
cp "$RPM"/RPMS/*/"$PACKAGE-$VERSION-1".*.rpm "$OUT/"
ls -l "$OUT"
