"""Where the server sources come from: an installed Debian package directory or tags of a git mirror.

Each Version knows its label (how the catalogue names it), a description for the generated header,
whether it is a release, and how to read a file of the package (path relative to the repository,
e.g. "gunicorn/config.py"). Files are read with `git show <rev>:<path>`; nothing is imported.
"""
import os
import re
import subprocess
from dataclasses import dataclass
from typing import Callable, List, Optional


@dataclass
class Version:
    label: str
    source: str
    released: bool
    read: Callable[[str], Optional[str]]
    # Sort key: release numbers + post, then 1 for a distribution build, then 1 for unreleased code.
    key: tuple


def release_tuple(text: str) -> tuple:
    """'v3.0.2' -> (3, 0, 2, 0); '0.24.0.post1' -> (0, 24, 0, 1): a post release sorts after its release."""
    m = re.match(r"^v?(\d+(?:\.\d+)*)(?:\.post(\d+))?$", text)
    if not m:
        raise ValueError(f"not a release tag: {text}")
    nums = tuple(int(x) for x in m.group(1).split("."))
    nums = nums + (0,) * (3 - len(nums))
    return nums + (int(m.group(2) or 0),)


def _git(mirror: str, *args: str) -> str:
    return subprocess.run(["git", "-C", mirror, *args], check=True, capture_output=True, text=True).stdout


def _git_reader(mirror: str, rev: str) -> Callable[[str], Optional[str]]:
    def read(path: str) -> Optional[str]:
        r = subprocess.run(["git", "-C", mirror, "show", f"{rev}:{path}"], capture_output=True, text=True)
        return r.stdout if r.returncode == 0 else None
    return read


def git_versions(mirror: str, repo: str, tag_re: str, minimum: tuple, files: List[str]) -> List[Version]:
    """Release tags >= minimum, oldest first, and the mirror's HEAD when `files` differ from the newest tag."""
    tags = [t for t in _git(mirror, "tag").split() if re.match(tag_re, t)]
    tags = sorted((t for t in tags if release_tuple(t) >= minimum), key=release_tuple)
    out = [Version(t.lstrip("v"), f"{repo} tag {t}", True, _git_reader(mirror, t), release_tuple(t) + (0, 0)) for t in tags]
    head = _git(mirror, "rev-parse", "--short=7", "HEAD").strip()
    if tags:
        newest = _git_reader(mirror, tags[-1])
        now = _git_reader(mirror, "HEAD")
        if all(newest(f) == now(f) for f in files):
            return out
    last = release_tuple(tags[-1]) if tags else (0, 0, 0, 0)
    out.append(Version(f"main@{head}", f"{repo} {head} (unreleased, after {tags[-1] if tags else 'no tag'})", False,
                       _git_reader(mirror, "HEAD"), last + (0, 1)))
    return out


def debian_version(site_packages: str, dist: str, debian_package: str) -> Version:
    """The package installed by Debian: labelled <upstream version>+debian (it may carry backports)."""
    upstream = None
    for name in sorted(os.listdir(site_packages)):
        m = re.match(rf"^{re.escape(dist)}-([\d.]+)\.(?:egg|dist)-info$", name)
        if m:
            upstream = m.group(1)
    if upstream is None:
        raise SystemExit(f"no {dist} egg-info/dist-info in {site_packages}")
    deb = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", debian_package], capture_output=True, text=True)
    pkg = f"{debian_package} {deb.stdout.strip()}" if deb.returncode == 0 and deb.stdout.strip() else debian_package

    def read(path: str) -> Optional[str]:
        p = os.path.join(site_packages, path)
        if not os.path.exists(p):
            return None
        with open(p, encoding="utf-8") as f:
            return f.read()
    return Version(f"{upstream}+debian", f"Debian {pkg}", True, read, release_tuple(upstream) + (1, 0))


def ordered(versions: List[Version]) -> List[Version]:
    return sorted(versions, key=lambda v: v.key)
