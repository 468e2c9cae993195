"""From one description per version to one entry per item: the spans of versions that have it and
the forms it took (a new form starts wherever its definition changes), plus TypeScript output."""
import json
import re
from typing import Any, Dict, List, Tuple

# Per version (oldest first): the version label and {item name: form dict} in source order.
PerVersion = List[Tuple[str, Dict[str, Dict[str, Any]]]]


def entries(per_version: PerVersion) -> List[Dict[str, Any]]:
    """Items ordered by the version that introduced them, then by their place in that version's source."""
    order: List[str] = []
    for _, items in per_version:
        for name in items:
            if name not in order:
                order.append(name)
    out = []
    for name in order:
        spans: List[Dict[str, str]] = []
        forms: List[Dict[str, Any]] = []
        present = False
        for label, items in per_version:
            form = items.get(name)
            if form is None:
                if present:
                    spans[-1]["until"] = label
                present = False
                continue
            if not present:
                spans.append({"since": label})
                present = True
            if not forms or _strip(forms[-1]) != form:
                forms.append({"since": label, **form})
        out.append({"name": name, "spans": spans, "forms": forms})
    return out


def changes(per_version: List[Tuple[str, Dict[str, str]]]) -> Dict[str, List[Dict[str, str]]]:
    """{name: [{since, fingerprint}]} listing only the versions where a fingerprint changed."""
    out: Dict[str, List[Dict[str, str]]] = {}
    for label, prints in per_version:
        for name, fp in prints.items():
            hist = out.setdefault(name, [])
            if not hist or hist[-1]["fingerprint"] != fp:
                hist.append({"since": label, "fingerprint": fp})
    return dict(sorted(out.items()))


def _strip(form: Dict[str, Any]) -> Dict[str, Any]:
    return {k: v for k, v in form.items() if k != "since"}


_IDENT = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")


def ts(value: Any, indent: str = "", width: int = 120) -> str:
    """A TypeScript literal: JSON with bare identifier keys; one line when it fits in `width`."""
    one = _ts_line(value)
    # A form or span (it has `since`) stays on one line, whatever its length: one line per version change.
    flat = isinstance(value, dict) and "since" in value
    if flat or len(indent) + len(one) <= width or not isinstance(value, (list, dict)) or not value:
        return one
    inner = indent + "  "
    if isinstance(value, list):
        return "[\n" + "".join(f"{inner}{ts(v, inner, width)},\n" for v in value) + f"{indent}]"
    return "{\n" + "".join(f"{inner}{_key(k)}: {ts(v, inner, width)},\n" for k, v in value.items()) + f"{indent}}}"


def _ts_line(value: Any) -> str:
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{_key(k)}: {_ts_line(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_ts_line(v) for v in value) + "]"
    if isinstance(value, float) and value != value:
        return "NaN"
    return json.dumps(value, ensure_ascii=False)


def _key(k: str) -> str:
    return k if _IDENT.match(k) else json.dumps(k)


def header(title: str, command: str, versions: List[Dict[str, Any]]) -> str:
    released = [v["version"] for v in versions if v["released"] and "+" not in v["version"]]
    others = [f"{v['version']} ({v['source']})" for v in versions if not v["released"] or "+" in v["version"]]
    lines = [
        f"// {title}",
        "// GENERATED FILE, do not edit: a data file, longer than the usual 300 lines. Regenerate with",
        f"//   {command}",
        f"// from the releases {released[0]} … {released[-1]} ({len(released)} tags)" + (f" and {', '.join(others)}." if others else "."),
        "// How to read it: src/servers/README.md. Facts derived from the servers' sources; no source is copied.",
    ]
    return "\n".join(lines) + "\n"
