#!/usr/bin/env python3
"""Writes Sources/CLazyLibraries/LazyStubs.c: for every function the executables call in the C
libraries of the device edges (CUPS, cairo/pango/glib/qrencode, libusb, libevdev), a definition
with the header's own prototype that loads the library on the first call (dlopen) and forwards
to it. With `--as-needed` the linker then records no dependency on those libraries, so lobbyd
maps only the libraries its configuration uses (Docs/Decisions/0010-lazy-device-libraries.md).

    scripts/lazy-libraries.py .build/debug

The functions are those the built executables still import from the libraries, plus those the
current file already forwards (so running it again after the stubs are linked keeps them all).
"""
import json, os, re, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Sources/CLazyLibraries/LazyStubs.c")
# Library id (as in lobby_lazy_library), soname, and the pkg-config packages of its headers.
LIBRARIES = [
    ("LOBBY_LIB_CUPS", "libcups.so.2"),
    ("LOBBY_LIB_CAIRO", "libcairo.so.2"),
    ("LOBBY_LIB_PANGO", "libpango-1.0.so.0"),
    ("LOBBY_LIB_PANGOCAIRO", "libpangocairo-1.0.so.0"),
    ("LOBBY_LIB_GOBJECT", "libgobject-2.0.so.0"),
    ("LOBBY_LIB_GLIB", "libglib-2.0.so.0"),
    ("LOBBY_LIB_QRENCODE", "libqrencode.so.4"),
    ("LOBBY_LIB_USB", "libusb-1.0.so.0"),
    ("LOBBY_LIB_EVDEV", "libevdev.so.2"),
    ("LOBBY_LIB_ASOUND", "libasound.so.2"),
]
HEADERS = ["CCups/shim.h", "CRender/shim.h", "CLibUSB/shim.h", "CEvdev/shim.h", "CAlsa/shim.h"]
PKG = ["pangocairo", "libusb-1.0", "libevdev", "alsa"]
LIBDIR = "/usr/lib/" + subprocess.run(["gcc", "-print-multiarch"], capture_output=True, text=True).stdout.strip()


def run(*args):
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def exported(soname):
    """The functions a shared library defines."""
    names = set()
    for line in run("nm", "-D", "--defined-only", os.path.join(LIBDIR, soname)).splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "TW":
            names.add(parts[2].split("@")[0])
    return names


def imported(binary):
    """The undefined dynamic symbols of an executable."""
    out = run("readelf", "--dyn-syms", "-W", binary)
    return {l.split()[7].split("@")[0] for l in out.splitlines() if len(l.split()) >= 8 and l.split()[6] == "UND"}


def declarations():
    """name -> (return type, [(parameter type)], variadic) from the shim headers' AST."""
    source = "".join(f'#include "{os.path.join(ROOT, "Sources", h)}"\n' for h in HEADERS)
    flags = run("pkg-config", "--cflags", *PKG).split()
    ast = subprocess.run(["clang", "-x", "c", "-fsyntax-only", "-Xclang", "-ast-dump=json", *flags, "-"],
                         input=source, capture_output=True, text=True, check=True).stdout
    found = {}
    for node in json.loads(ast)["inner"]:
        if node.get("kind") != "FunctionDecl" or "name" not in node:
            continue
        qual = node["type"]["qualType"]
        params = [p["type"]["qualType"] for p in node.get("inner", []) if p.get("kind") == "ParmVarDecl"]
        result = qual[: qual.index("(")].strip()
        found[node["name"]] = (result, params, node.get("variadic", False) or "..." in qual)
    return found


def declare(ctype, name):
    """`ctype name`, also for pointer-to-function and array types."""
    if "(*)" in ctype:
        return ctype.replace("(*)", f"(*{name})", 1)
    if ctype.endswith("]"):
        base, _, dims = ctype.partition("[")
        return f"{base.strip()} {name}[{dims}"
    return f"{ctype} {name}" if not ctype.endswith("*") else f"{ctype}{name}"


def main():
    bindir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/debug")
    wanted = set()
    for entry in os.listdir(bindir):
        path = os.path.join(bindir, entry)
        if os.path.isfile(path) and os.access(path, os.X_OK) and open(path, "rb").read(4) == b"\x7fELF":
            wanted |= imported(path)
    if os.path.exists(OUT):
        wanted |= set(re.findall(r"^LOBBY_LAZY\(\w+, (\w+),", open(OUT).read(), re.M))
    owners = {}
    for library, soname in LIBRARIES:
        for name in exported(soname):
            owners.setdefault(name, library)
    decls = declarations()
    lines = []
    for name in sorted(n for n in wanted if n in owners):
        if name not in decls:
            sys.exit(f"{name}: not declared by the shim headers")
        result, params, variadic = decls[name]
        if variadic:
            sys.exit(f"{name}: variadic functions cannot be forwarded; call its va_list variant instead")
        params = [] if params == ["void"] else params
        formal = ", ".join(declare(t, f"a{i}") for i, t in enumerate(params)) or "void"
        actual = ", ".join(f"a{i}" for i in range(len(params)))
        ret = "" if result == "void" else "return "
        lines.append(f"LOBBY_LAZY({owners[name]}, {name}, {result}, ({formal}), {ret}, ({actual}))")
    with open(OUT, "w") as f:
        f.write("// Generated by scripts/lazy-libraries.py: do not edit. Each line defines one library function\n")
        f.write("// with its header's prototype; the first call loads the library and looks the function up.\n")
        f.write('#include "LazyLibraries.h"\n\n')
        f.write("\n".join(lines) + "\n")
    print(f"{len(lines)} functions forwarded to {len({l.split('(')[1].split(',')[0] for l in lines})} libraries -> {OUT}")


main()
