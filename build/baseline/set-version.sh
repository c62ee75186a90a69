#!/bin/sh
# Moves the whole project from one version to another: every pom's project/parent <version>, and the places that
# name a built file by version (bench scripts, the integration tests' distribution path, README examples).
# Usage (from anywhere in the repository): build/baseline/set-version.sh 0.1.0-SNAPSHOT 0.2.0-SNAPSHOT
# Then `git grep -n <old>` must show nothing but the baseline notes (docs/api-versioning.md).
set -eu
old="$1"; new="$2"
cd "$(git rev-parse --show-toplevel)"
old_re=$(printf '%s' "$old" | sed 's/[.]/[.]/g')
old_osgi=$(printf '%s' "$old" | sed 's/-/./')          # 0.1.0-SNAPSHOT as a Bundle-Version: 0.1.0.SNAPSHOT
old_osgi_re=$(printf '%s' "$old_osgi" | sed 's/[.]/[.]/g')
new_osgi=$(printf '%s' "$new" | sed 's/-/./')
# poms: only <version>OLD</version>, which in this project is always the project's or its parent's version
git ls-files '*pom.xml' | xargs sed -i "s#<version>$old_re</version>#<version>$new</version>#g"
# file names of built artifacts and Bundle-Version examples
git grep -l -e "$old_re" -e "$old_osgi_re" -- '*.sh' '*.java' '*.md' '.ci/*' 'karaf-distribution/src' 'features/src' \
  ':!docs/api-versioning.md' | xargs -r sed -i -e "s#$old_re#$new#g" -e "s#$old_osgi_re#$new_osgi#g"
git grep -n -e "$old_re" -e "$old_osgi_re" -- ':!docs/api-versioning.md' || echo "no $old left"
