#!/usr/bin/env python3
"""Prints the `swift test --filter` expression selecting the suites of one tier.

Usage: test-tiers.py unit|host|host-timed|host-other|cups|emulated [--list]
       test-tiers.py --check   (names test files whose suites carry no tier tag; status 1 if any)
The tier is the Swift Testing tag on each top-level suite (`.tags(.unit)` …) in Tests/; a suite
tagged `.emulated` belongs to the emulated tier only, even when it also owns a cupsd (`.cups`).
`host-timed` is the part of the host tier that drives serial buses over ptys at real baud rates
with deadlines; `host-other` is the rest of the host tier.
"""
import glob
import os
import re
import sys

TIMED_MODULES = {"LobbyBusTests", "LobbySerialTests"}
TIMED_SUITES = {("LobbyDaemonTests", "BusDaemonTests"), ("LobbyDaemonTests", "DeviceToolTests"),
                ("LobbyIDReadersTests", "SerialReaderTests")}

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests")


def untagged():
    """Test files with tests but no tier tag (an extension of a tagged suite is fine)."""
    for path in sorted(glob.glob(os.path.join(root, "Lobby*Tests", "**", "*.swift"), recursive=True)):
        text = open(path, encoding="utf-8").read()
        if "@Test" in text and ".tags(." not in text and not re.search(r"^extension \w+", text, re.M):
            yield os.path.relpath(path, root)


def suites():
    """Yields (module, type, tags) for every top-level suite."""
    for path in sorted(glob.glob(os.path.join(root, "Lobby*Tests", "**", "*.swift"), recursive=True)):
        module = os.path.relpath(path, root).split(os.sep)[0]
        lines = open(path, encoding="utf-8").read().split("\n")
        i = 0
        while i < len(lines):
            if lines[i].startswith("@Suite"):
                text = lines[i]
                while text.count("(") > text.count(")"):
                    i += 1
                    text += "\n" + lines[i]
                tags = set(re.findall(r"\.tags\(([^)]*)\)", text))
                names = set()
                for group in tags:
                    names |= {t.strip().lstrip(".") for t in group.split(",")}
                m = re.search(r"(?:struct|class|enum|actor) (\w+)", text.split(")")[-1])
                j = i
                while not m and j + 1 < len(lines):
                    j += 1
                    m = re.match(r"^(?:final |public )*(?:struct|class|enum|actor) (\w+)", lines[j])
                    if not (m or lines[j].startswith("@") or lines[j].startswith("///")):
                        break
                if m:
                    yield module, m.group(1), names
            i += 1


def part_of(module, name, tags):
    if "emulated" in tags:
        return "emulated"
    if "cups" in tags:
        return "cups"
    if "host" in tags:
        timed = module in TIMED_MODULES or (module, name) in TIMED_SUITES
        return "host-timed" if timed else "host-other"
    if "unit" in tags:
        return "unit"
    return None


def main():
    want = sys.argv[1]
    if want == "--check":
        missing = list(untagged())
        for path in missing:
            print(f"Tests/{path}: tests without a tier tag (.tags(.unit), .host, .cups or .emulated)")
        sys.exit(1 if missing else 0)
    chosen = {}
    for module, name, tags in suites():
        part = part_of(module, name, tags)
        if part == want or (want == "host" and part and part.startswith("host-")):
            chosen.setdefault(module, []).append(name)
    if "--list" in sys.argv:
        for module, names in sorted(chosen.items()):
            for name in names:
                print(f"{module}.{name}")
        return
    if chosen:
        alternatives = "|".join(f"{m}\\.({'|'.join(sorted(set(n)))})" for m, n in sorted(chosen.items()))
        print(f"^({alternatives})(/|$)")


if __name__ == "__main__":
    main()
