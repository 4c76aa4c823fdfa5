#!/usr/bin/env sh
# Builds the container image's root file system (auth-server's `image` profile runs it before Jib):
# a Java runtime made by jlink from the building JDK with just the modules the server uses, the
# shared libraries that runtime loads (from this machine, so build the image on the distribution
# you trust: Debian 12 here), and an empty, non-root-owned /data. No shell, no package manager.
#
#   sh src/image/runtime.sh TARGET_DIR
set -eu
out="$1/image-root"
rm -rf "$out"
mkdir -p "$out/opt" "$out/etc" "$out/data" "$out/tmp" "$out/proc"

"${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}/bin/jlink" \
  --add-modules java.base,java.compiler,java.desktop,java.instrument,java.naming,java.net.http,java.scripting,java.security.jgss,java.sql,jdk.jfr,jdk.management,jdk.net,jdk.unsupported,jdk.crypto.ec,jdk.zipfs \
  --strip-debug --no-header-files --no-man-pages --compress=2 \
  --output "$out/opt/java"

# Every shared library the runtime's executables and libraries need, and the dynamic loader.
find "$out/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec ldd {} + 2>/dev/null \
  | sed -n 's/.*=> \(\/[^ ]*\).*/\1/p; s/^\s*\(\/lib[^ ]*ld-linux[^ ]*\).*/\1/p' \
  | grep -v "^$out" | sort -u \
  | while read -r lib; do
      mkdir -p "$out$(dirname "$lib")"
      cp -L "$lib" "$out$lib"
    done
# The loader is also reached through /lib64 on x86_64.
for l in /lib64/ld-linux-x86-64.so.2; do
  if [ -e "$l" ]; then mkdir -p "$out/lib64"; cp -L "$l" "$out$l"; fi
done

# A user and group for the process (uid/gid 65532, as distroless images name "nonroot").
printf 'root:x:0:0:root:/root:/sbin/nologin\nportcullis:x:65532:65532:portcullis:/data:/sbin/nologin\n' > "$out/etc/passwd"
printf 'root:x:0:\nportcullis:x:65532:\n' > "$out/etc/group"
# The JDK's CA certificates come with the runtime (lib/security/cacerts); nothing else is needed.
echo "image root: $(du -sh "$out" | cut -f1) in $out"
