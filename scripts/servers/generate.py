#!/usr/bin/python3
"""Generate src/servers/{gunicorn,uvicorn,waitress}.ts from the servers' own sources.

Rerun (a new server version is one rerun; the output is deterministic):

    /usr/bin/python3 scripts/servers/generate.py \\
        --gunicorn-git <git mirror of benoitc/gunicorn> \\
        --uvicorn-git <git mirror of Kludex/uvicorn> \\
        --uvicorn-worker-git <git mirror of Kludex/uvicorn-worker> \\
        --waitress-git <git mirror of Pylons/waitress>

Each path may instead come from GUNICORN_GIT, UVICORN_GIT, UVICORN_WORKER_GIT, WAITRESS_GIT. The
installed Debian packages are read from --debian-site-packages (default: Debian's
/usr/lib/python3/dist-packages). Every release tag from the oldest covered version (gunicorn 20.1.0,
uvicorn 0.17.6, waitress 2.1.2) to the newest is read with `git show <tag>:<file>` and parsed with
`ast`; nothing is imported. A mirror's HEAD is added as `main@<sha>` when its files differ from the
newest tag; Debian's build as `<version>+debian` when its files differ from the same tag.
Then run `npx vitest run test/servers` (the generator stops on anything it cannot classify).
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import gunicorn_src  # noqa: E402
import history  # noqa: E402
import sources  # noqa: E402
import uvicorn_src  # noqa: E402
import waitress_src  # noqa: E402

COMMAND = ("/usr/bin/python3 scripts/servers/generate.py --gunicorn-git <benoitc/gunicorn> --uvicorn-git <Kludex/uvicorn> "
           "--uvicorn-worker-git <Kludex/uvicorn-worker> --waitress-git <Pylons/waitress>")
SERVERS = {
    "gunicorn": {"repo": "benoitc/gunicorn", "tags": r"^\d+\.\d+(\.\d+)?$", "min": (20, 1, 0, 0),
                 "files": ["gunicorn/config.py", "gunicorn/workers/__init__.py", "gunicorn/reloader.py"],
                 "dist": "gunicorn", "debian": "python3-gunicorn", "extract": gunicorn_src.extract},
    "uvicorn": {"repo": "Kludex/uvicorn", "tags": r"^\d+\.\d+\.\d+(\.post\d+)?$", "min": (0, 17, 6, 0),
                "files": ["uvicorn/main.py", "uvicorn/config.py", "uvicorn/workers.py"],
                "dist": "uvicorn", "debian": "python3-uvicorn", "extract": uvicorn_src.extract},
    "waitress": {"repo": "Pylons/waitress", "tags": r"^v\d+\.\d+\.\d+$", "min": (2, 1, 2, 0),
                 "files": ["src/waitress/adjustments.py"], "debian_files": ["waitress/adjustments.py"],
                 "dist": "waitress", "debian": "python3-waitress", "extract": waitress_src.extract},
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    for name in ("gunicorn", "uvicorn", "uvicorn-worker", "waitress"):
        env = name.upper().replace("-", "_") + "_GIT"
        ap.add_argument(f"--{name}-git", default=os.environ.get(env), help=f"git mirror (or ${env})")
    ap.add_argument("--debian-site-packages", default=os.environ.get("DEBIAN_SITE_PACKAGES", "/usr/lib/python3/dist-packages"))
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src", "servers"))
    a = ap.parse_args()
    missing = [n for n in ("gunicorn_git", "uvicorn_git", "uvicorn_worker_git", "waitress_git") if not getattr(a, n)]
    if missing:
        ap.error("missing: " + ", ".join("--" + m.replace("_", "-") for m in missing))

    mirrors = {"gunicorn": a.gunicorn_git, "uvicorn": a.uvicorn_git, "waitress": a.waitress_git}
    out = {}
    for server, spec in SERVERS.items():
        versions, debian_same = read_versions(server, spec, mirrors[server], a.debian_site_packages)
        per = [(v.label, spec["extract"](v.read)) for v in versions]
        out[server] = (versions, debian_same, per)
    gunicorn_src.check_worker_attrs(out["gunicorn"][0][-1].read)

    gunicorn_names = {name for _, d in out["gunicorn"][2] for name in d["settings"]}
    for _, d in out["uvicorn"][2]:
        check_passthrough(d["worker"], gunicorn_names)
    write(a.out, "gunicorn", gunicorn_ts(*out["gunicorn"]))
    worker_versions = sources.git_versions(a.uvicorn_worker_git, "Kludex/uvicorn-worker", r"^\d+\.\d+\.\d+$", (0, 0, 0, 0),
                                           ["uvicorn_worker/_workers.py", "uvicorn_worker/__init__.py"])
    write(a.out, "uvicorn", uvicorn_ts(*out["uvicorn"], worker_versions, gunicorn_names))
    write(a.out, "waitress", waitress_ts(*out["waitress"]))


def read_versions(server, spec, mirror, site_packages):
    versions = sources.git_versions(mirror, spec["repo"], spec["tags"], spec["min"], spec["files"])
    deb = sources.debian_version(site_packages, spec["dist"], spec["debian"])
    upstream = deb.label.split("+")[0]
    twin = next((v for v in versions if v.label == upstream), None)
    deb_files = spec.get("debian_files", spec["files"])
    if twin is not None and all(twin.read(f) == deb.read(d) for f, d in zip(spec["files"], deb_files)):
        return versions, (upstream, deb.source)
    if spec.get("debian_files"):
        inner = deb.read
        deb.read = lambda p: inner(p[4:] if p.startswith("src/") else p)
    return sources.ordered(versions + [deb]), None


def version_list(versions, debian_same):
    out = []
    for v in versions:
        item = {"version": v.label, "source": v.source, "released": v.released}
        if v.label.endswith("+debian"):
            item["debian"] = True
        if debian_same and v.label == debian_same[0]:
            item["debian"] = True
            item["source"] += f"; {debian_same[1]} has the same files"
        out.append(item)
    return out


def common(versions, debian_same, per, server, title):
    vlist = version_list(versions, debian_same)
    data = {
        "server": server,
        "versions": vlist,
        "settings": history.entries([(label, d["settings"]) for label, d in per]),
        "options": history.entries([(label, d["options"]) for label, d in per]),
    }
    if "validators" in per[0][1]:
        data["validators"] = history.changes([(label, d["validators"]) for label, d in per])
    return history.header(title, COMMAND, vlist), data


def gunicorn_ts(versions, debian_same, per):
    head, data = common(versions, debian_same, per, "gunicorn", "gunicorn settings, command-line options, built-in workers and validators by version.")
    data["workers"] = history.entries([(label, d["workers"]) for label, d in per])
    return module(head, "GunicornCatalogue", "GUNICORN", data)


def check_passthrough(worker, gunicorn_names) -> None:
    """A name the worker reads that no gunicorn version has as a setting: always None (noted, not listed)."""
    for kw in (worker or {}).get("kwargs", {}).values():
        unknown = [g for g in kw["gunicorn"] if g not in gunicorn_names]
        if unknown:
            kw["gunicorn"] = [g for g in kw["gunicorn"] if g in gunicorn_names]
            kw["note"] = f"gunicorn has no setting {', '.join(unknown)}: the value is always None"


def uvicorn_ts(versions, debian_same, per, worker_versions, gunicorn_names):
    head, data = common(versions, debian_same, per, "uvicorn", "uvicorn command-line options and Config arguments by version, and its gunicorn workers.")
    prefixes = {d["prefix"] for _, d in per}
    if len(prefixes) != 1:
        raise SystemExit(f"uvicorn auto_envvar_prefix changed between versions: {prefixes}")
    data["envPrefix"] = prefixes.pop()
    data["gunicornWorker"] = worker_entries("uvicorn.workers", [(label, d["worker"]) for label, d in per])
    wper = [(v.label, uvicorn_src.worker_passthrough(v.read("uvicorn_worker/_workers.py") or v.read("uvicorn_worker/__init__.py")))
            for v in worker_versions]
    for _, w in wper:
        check_passthrough(w, gunicorn_names)
    worker = {"package": "uvicorn-worker", "versions": version_list(worker_versions, None),
              "gunicornWorker": worker_entries("uvicorn_worker", wper)}
    text = module(head, "UvicornCatalogue", "UVICORN", data)
    text += "\n/** Kludex/uvicorn-worker (`-k uvicorn_worker.UvicornWorker`): what it passes from gunicorn to uvicorn.Config. */\n"
    text += f"export const UVICORN_WORKER: UvicornWorkerCatalogue = {history.ts(worker)};\n"
    return text.replace("import type { UvicornCatalogue }", "import type { UvicornCatalogue, UvicornWorkerCatalogue }")


def worker_entries(module: str, per):
    return {"module": module,
            "classes": history.entries([(label, w["classes"] if w else {}) for label, w in per]),
            "kwargs": history.entries([(label, w["kwargs"] if w else {}) for label, w in per])}


def waitress_ts(versions, debian_same, per):
    head, data = common(versions, debian_same, per, "waitress", "waitress adjustments (Adjustments._params), their converters and waitress-serve options by version.")
    return module(head, "WaitressCatalogue", "WAITRESS", data)


def module(head: str, type_name: str, const: str, data) -> str:
    return f"{head}import type {{ {type_name} }} from './types.js';\n\nexport const {const}: {type_name} = {history.ts(data)};\n"


def write(out_dir: str, server: str, text: str) -> None:
    path = os.path.normpath(os.path.join(out_dir, f"{server}.ts"))
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {path} ({text.count(chr(10))} lines)")


if __name__ == "__main__":
    main()
