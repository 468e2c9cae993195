"""waitress: the adjustments (Adjustments._params: name and converter), their defaults (class
attributes) and the waitress-serve options built by Adjustments.parse_args, for one version."""
import ast
import json
import re
from typing import Any, Dict

from pyeval import Evaluator, Unknown, fingerprint_deep, module_names
from gunicorn_src import jsonable

# Value type by converter; a converter missing here stops the generator (classify it, and implement
# it in src/servers/validators-waitress.ts).
VALUE_TYPES = {"str": "string", "int": "int", "asbool": "bool", "aslist": "list", "asset": "list", "asoctal": "int",
               "str_iftruthy": "string", "slash_fixed_str": "string", "as_socket_list": "list"}
# Markers waitress uses to tell "left at the default" from "set": their value is their argument.
MARKERS = ("_str_marker", "_int_marker")


# A default left as _bool_marker is replaced in __init__ (after a DeprecationWarning) by False;
# checked against the source in extract().
MARKER_VALUES = {"_bool_marker": {"value": False}}
BOOL_MARKER_RE = r"if self\.(\w+) is _bool_marker:.*?self\.\1 = False"


class MarkerEvaluator(Evaluator):
    def _call(self, n: ast.Call) -> Any:
        if ast.unparse(n.func) in MARKERS and len(n.args) == 1:
            return self._ev(n.args[0])
        return super()._call(n)


def extract(read) -> Dict[str, Any]:
    tree = ast.parse(read("src/waitress/adjustments.py") or read("waitress/adjustments.py"))
    funcs = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Adjustments")
    ev = MarkerEvaluator(module_names(tree))
    params, defaults = [], {}
    for st in cls.body:
        if isinstance(st, ast.Assign) and len(st.targets) == 1 and isinstance(st.targets[0], ast.Name):
            key = st.targets[0].id
            if key == "_params":
                params = [(ast.literal_eval(e.elts[0]), ast.unparse(e.elts[1])) for e in st.value.elts]
                continue
            value = ev.ev(st.value)
            ev.names[key] = value
            defaults[key] = (st.value, value)
    if "_bool_marker" in ast.unparse(cls) and not re.search(BOOL_MARKER_RE, ast.unparse(cls), re.S):
        raise SystemExit("waitress: _bool_marker is no longer resolved to False in __init__: review MARKER_VALUES")
    parse_args = next(f for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == "parse_args")
    if "if cast is asbool" not in ast.unparse(parse_args):
        raise SystemExit("waitress parse_args no longer builds --name/--no-name from `cast is asbool`: review waitress_src.py")
    settings: Dict[str, Dict[str, Any]] = {}
    for name, conv in params:
        if conv not in VALUE_TYPES:
            raise SystemExit(f"waitress adjustment {name}: unknown converter {conv}; classify it in VALUE_TYPES")
        flag = "--" + name.replace("_", "-")
        form: Dict[str, Any] = {"flags": [flag, "--no-" + flag[2:]] if conv == "asbool" else [flag], "env": [],
                                "type": VALUE_TYPES[conv], "validator": conv}
        if conv == "asbool":
            form["falseFlags"] = ["--no-" + flag[2:]]
        if name in defaults:
            form["default"] = _default(*defaults[name])
        settings[name] = form
    return {"settings": settings, "options": _options(parse_args), "validators": _fingerprints(funcs, module_names(tree))}


def _default(node: ast.expr, value: Any) -> Dict[str, Any]:
    if isinstance(value, Unknown):
        return {"expr": ast.unparse(node), **MARKER_VALUES.get(ast.unparse(node), {})}
    if isinstance(node, (ast.Constant, ast.List, ast.Tuple, ast.Dict)) and not isinstance(node, ast.JoinedStr):
        try:
            return {"value": jsonable(ast.literal_eval(node))}
        except ValueError:
            pass
    return {"expr": ast.unparse(node), "value": jsonable(value)}


def _options(parse_args: ast.FunctionDef) -> Dict[str, Dict[str, Any]]:
    """The getopt options that are not adjustments: the initial long_opts list and constant appends."""
    out: Dict[str, Dict[str, Any]] = {}
    for n in ast.walk(parse_args):
        names = []
        if isinstance(n, ast.Assign) and ast.unparse(n.targets[0]) == "long_opts" and isinstance(n.value, ast.List):
            names = [ast.literal_eval(e) for e in n.value.elts]
        elif isinstance(n, ast.Call) and ast.unparse(n.func) == "long_opts.append" and isinstance(n.args[0], ast.Constant):
            names = [n.args[0].value]
        for opt in names:
            out["--" + opt.rstrip("=")] = {"flags": ["--" + opt.rstrip("=")], "takesValue": opt.endswith("=")}
    return out


def _fingerprints(funcs: Dict[str, ast.FunctionDef], names: Dict[str, Any]) -> Dict[str, str]:
    """Converter fingerprints, with the module constants they read (asbool's `truthy`) in a stable form."""
    out = {}
    for name, fn in funcs.items():
        if name not in VALUE_TYPES:
            continue
        used = sorted({n.id for n in ast.walk(fn) if isinstance(n, ast.Name) and n.id in names and n.id not in funcs})
        extra = "".join(f"{u}={json.dumps(jsonable(names[u]), sort_keys=True)};" for u in used if not isinstance(names[u], Unknown))
        out[name] = fingerprint_deep(fn, funcs, extra)
    return out
