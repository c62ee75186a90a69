#!/usr/bin/env python3
"""Capture the API baseline of a release into build/baseline-repo (see docs/api-versioning.md).

For every given bundle jar (default: bundles/*/target/<artifactId>-<project version>.jar, built by
`mvn install` of the release) it writes build/baseline-repo/org/pavilion/<artifactId>/<version>/ with:
  - <artifactId>-<version>.jar: the bundle's MANIFEST plus only the classes and resources of its exported
    org.pavilion packages. Embedded third-party exports (Camel, HAPI in pavilion-camel) are left out: their
    versions are upstream's, and the baseline plugin only compares org.pavilion.* (see the parent pom).
  - <artifactId>-<version>.pom: a parentless pom, so resolving the baseline needs nothing else.
  - .sha1 files for both, so Maven verifies what it reads.
Bundles that export no org.pavilion package are skipped (they are not baselined). Copies of the same
version cached in the local Maven repository are removed, or Maven would keep serving the old capture.

Usage: build/baseline/capture.py --version 0.1.0 [--local-repo ~/.m2/repository] [jar ...]
"""
import argparse
import glob
import hashlib
import io
import os
import re
import shutil
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
REPO = os.path.join(ROOT, "build", "baseline-repo")
GROUP = "org.pavilion"
OWN_PACKAGES = "org.pavilion."
# A fixed timestamp, so capturing the same classes twice gives the same bytes (no noise in git).
FIXED_TIME = (2026, 1, 1, 0, 0, 0)


def read_manifest(raw):
    """Main attributes of a MANIFEST.MF, with continuation lines joined."""
    attrs, name = {}, None
    for line in raw.decode("utf-8").replace("\r\n", "\n").split("\n"):
        if line.startswith(" ") and name:
            attrs[name] += line[1:]
        elif ":" in line:
            name, value = line.split(":", 1)
            attrs[name] = value.strip()
        elif not line:
            break
    return attrs


def split_clauses(header):
    """Split an OSGi header on the commas that are not inside quotes."""
    clauses, current, quoted = [], [], False
    for ch in header:
        if ch == '"':
            quoted = not quoted
        if ch == "," and not quoted:
            clauses.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    if "".join(current).strip():
        clauses.append("".join(current).strip())
    return clauses


def manifest_line(name, value):
    """One manifest attribute, wrapped at 72 bytes as the jar format wants."""
    data = f"{name}: {value}".encode("utf-8")
    return b"\n".join([data[:72]] + [b" " + data[i:i + 71] for i in range(72, len(data), 71)])


def write_manifest(raw, export_clauses, release):
    """The original manifest with Export-Package reduced to the captured clauses and the snapshot's
    Bundle-Version replaced by the release's (the baseline plugin compares bundle versions too)."""
    out, skipping = [], False
    for line in raw.decode("utf-8").replace("\r\n", "\n").split("\n"):
        if skipping and line.startswith(" "):
            continue
        skipping = line.startswith("Export-Package:") or line.startswith("Bundle-Version:")
        if skipping or not line:
            continue
        out.append(line.encode("utf-8"))
    out.append(manifest_line("Bundle-Version", release))
    out.append(manifest_line("Export-Package", ",".join(export_clauses)))
    return (b"\n".join(out) + b"\n\n").replace(b"\n", b"\r\n")


def capture(jar_path, artifact_id, version, local_repo):
    with zipfile.ZipFile(jar_path) as source:
        raw_manifest = source.read("META-INF/MANIFEST.MF")
        exports = [c for c in split_clauses(read_manifest(raw_manifest).get("Export-Package", ""))
                   if c.split(";", 1)[0].strip().startswith(OWN_PACKAGES)]
        if not exports:
            print(f"skip {artifact_id}: exports no org.pavilion package")
            return False
        dirs = {c.split(";", 1)[0].strip().replace(".", "/") + "/" for c in exports}
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
            target.writestr(zipfile.ZipInfo("META-INF/MANIFEST.MF", FIXED_TIME),
                            write_manifest(raw_manifest, exports, version))
            for entry in sorted(source.namelist()):
                folder = entry.rsplit("/", 1)[0] + "/" if "/" in entry else ""
                if folder in dirs and not entry.endswith("/"):
                    info = zipfile.ZipInfo(entry, FIXED_TIME)
                    info.compress_type = zipfile.ZIP_DEFLATED
                    target.writestr(info, source.read(entry))
    out_dir = os.path.join(REPO, *GROUP.split("."), artifact_id, version)
    os.makedirs(out_dir, exist_ok=True)
    pom = f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- API baseline of {artifact_id} {version}: exported org.pavilion packages only (build/baseline/capture.py). -->
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>{GROUP}</groupId>
  <artifactId>{artifact_id}</artifactId>
  <version>{version}</version>
</project>
""".encode("utf-8")
    for name, data in ((f"{artifact_id}-{version}.jar", buffer.getvalue()), (f"{artifact_id}-{version}.pom", pom)):
        with open(os.path.join(out_dir, name), "wb") as f:
            f.write(data)
        with open(os.path.join(out_dir, name + ".sha1"), "w") as f:
            f.write(hashlib.sha1(data).hexdigest())
    cached = os.path.join(local_repo, *GROUP.split("."), artifact_id, version)
    if os.path.isdir(cached):
        shutil.rmtree(cached)
    print(f"captured {artifact_id} {version}: {len(exports)} package(s), {len(buffer.getvalue())} bytes")
    return True


def project_version():
    with open(os.path.join(ROOT, "pom.xml"), encoding="utf-8") as f:
        return re.search(r"<artifactId>pavilion-parent</artifactId>\s*<version>([^<]+)</version>", f.read()).group(1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--version", required=True, help="the release version to record, e.g. 0.1.0")
    parser.add_argument("--local-repo", default=os.path.expanduser("~/.m2/repository"),
                        help="local Maven repository whose cached copies of this version are dropped")
    parser.add_argument("--artifact-id", help="artifactId for a single jar given explicitly")
    parser.add_argument("jars", nargs="*")
    args = parser.parse_args()
    if args.jars:
        if len(args.jars) > 1 and args.artifact_id:
            sys.exit("--artifact-id goes with a single jar")
        jobs = [(j, args.artifact_id or re.sub(r"-\d.*$", "", os.path.basename(j))) for j in args.jars]
    else:
        built = project_version()
        jobs = []
        for folder in sorted(glob.glob(os.path.join(ROOT, "bundles", "*", ""))):
            artifact_id = os.path.basename(os.path.dirname(folder))
            jar = os.path.join(folder, "target", f"{artifact_id}-{built}.jar")
            if os.path.isfile(jar):
                jobs.append((jar, artifact_id))
            else:
                sys.exit(f"{jar} is missing: build the release first (mvn install -DskipTests)")
    for jar, artifact_id in jobs:
        capture(jar, artifact_id, args.version, args.local_repo)


if __name__ == "__main__":
    main()
