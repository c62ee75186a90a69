#!/usr/bin/env python3
"""One-off used for issue #27: puts @ProviderType or @ConsumerType on every type (nested ones too) of every
exported api package that has neither. CONSUMER lists the types vendors and other bundles implement; everything
else (services the platform implements, values, events, exceptions, annotations) is a provider type.
Kept so the change can be redone mechanically after a merge: build/baseline/annotate_api.py (idempotent)."""
import glob
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONSUMER = {
    "HealthContributor", "UiContribution", "LabResultsSource", "Hl7Handler", "OutboundBuilder",
    "PrivacyParticipant", "AccountMessenger", "NotificationChannel", "VisitCostEstimator",
    # callbacks the caller writes (lambdas)
    "GroupCommitter.Group", "TextScan.Binder", "TextScan.Check", "TextScan.Work",
}
DECL = re.compile(r"^(\s*)((?:public|protected|static|final|abstract|sealed|non-sealed)\s+)*"
                  r"(record|enum|interface|class|@interface)\s+([A-Z]\w*)")
ANN = {"ProviderType": "org.osgi.annotation.versioning.ProviderType",
       "ConsumerType": "org.osgi.annotation.versioning.ConsumerType"}


def annotate(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    top = os.path.basename(path)[:-5]
    out, needed, in_comment = [], set(), False
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("/*"):
            in_comment = True
        m = None if in_comment or stripped.startswith("//") or stripped.startswith("*") else DECL.match(line)
        if in_comment and "*/" in stripped:
            in_comment = False
        if m and not line.startswith("    " * 2):
            indent, name = m.group(1), m.group(4)
            qualified = name if not indent else f"{top}.{name}"
            kind = "ConsumerType" if qualified in CONSUMER else "ProviderType"
            # the annotations directly above the declaration
            i = len(out) - 1
            while i >= 0 and out[i].strip().startswith("@"):
                i -= 1
            block = " ".join(out[i + 1:])
            if "@ProviderType" not in block and "@ConsumerType" not in block:
                out.append(f"{indent}@{kind}")
                needed.add(kind)
        out.append(line)
    if not needed:
        return False
    text = "\n".join(out)
    for kind in sorted(needed):
        imp = f"import {ANN[kind]};"
        if imp in text:
            continue
        imports = [m for m in re.finditer(r"^import [^\n]+;\n", text, re.M)]
        if imports:
            # keep the org.osgi imports together when there are some, else after the last import
            osgi = [m for m in imports if m.group(0).startswith("import org.osgi")]
            anchor = (osgi or imports)[-1]
            text = text[:anchor.end()] + imp + "\n" + text[anchor.end():]
        else:
            pkg = re.search(r"^package [^\n]+;\n", text, re.M)
            text = text[:pkg.end()] + "\n" + imp + "\n" + text[pkg.end():]
    open(path, "w", encoding="utf-8").write(text)
    return True


changed = 0
for info in glob.glob(os.path.join(ROOT, "bundles", "*", "src", "main", "java", "**", "package-info.java"),
                      recursive=True):
    if "@Export" not in open(info, encoding="utf-8").read():
        continue
    for source in sorted(glob.glob(os.path.join(os.path.dirname(info), "*.java"))):
        if not source.endswith("package-info.java") and annotate(source):
            changed += 1
print(f"annotated {changed} file(s)")
