"""gunicorn: settings (gunicorn/config.py Setting subclasses), built-in workers
(gunicorn/workers/__init__.py SUPPORTED_WORKERS), extra argparse options (Config.parser) and validator
fingerprints, for one version. The worker attributes uvicorn's worker reads are in WORKER_ATTRS."""
import ast
import json
import re
from typing import Any, Dict, List, Optional

from pyeval import Evaluator, Unknown, env_reads, fingerprint_deep, module_names

# Value type of a setting, by the validator gunicorn runs on it. A validator missing here stops the
# generator: a new one must be classified (and implemented in src/servers/validators-gunicorn.ts).
VALUE_TYPES = {
    "validate_bool": "bool", "validate_pos_int": "int", "validate_http2_frame_size": "int",
    "validate_string": "string", "validate_file_exists": "string", "validate_class": "string",
    "validate_user": "string", "validate_group": "string", "validate_chdir": "string",
    "validate_hostport": "string", "validate_statsd_address": "string", "validate_reload_engine": "string",
    "validate_ssl_version": "string", "validate_header_map_behaviour": "string",
    "validate_asgi_loop": "string", "validate_asgi_lifespan": "string", "validate_proxy_protocol": "string",
    "validate_http_parser": "string", "validate_http2_cleartext": "string",
    "validate_list_string": "list", "validate_list_of_existing_files": "list",
    "validate_list_of_files_or_patterns": "list", "validate_string_to_list": "list",
    "validate_string_to_addr_list": "list", "validate_http_protocols": "list",
    "validate_dict": "dict", "validate_callable": "callable", "validate_post_request": "callable",
}
ARG_TYPES = {"int": "int", "auto_int": "auto_int", "str": None, "callable": None}
FIELDS = ("name", "section", "cli", "meta", "validator", "type", "action", "default", "nargs", "const")

# Attributes of gunicorn's Worker that uvicorn's worker passes on, and the settings they come from.
# Checked against the source below (gunicorn/workers/base.py Worker.__init__, gunicorn/arbiter.py
# spawn_worker) so that a change there stops the generator instead of going stale.
WORKER_ATTRS = {
    "timeout": {"settings": ["timeout"], "note": "timeout / 2.0 (gunicorn/arbiter.py spawn_worker)"},
    "max_requests": {"settings": ["max_requests", "max_requests_jitter"],
                     "note": "max_requests + randint(0, max_requests_jitter); sys.maxsize when max_requests is 0 (gunicorn/workers/base.py)"},
}
WORKER_CHECKS = [
    ("gunicorn/arbiter.py", r"self\.timeout / 2\.0"),
    ("gunicorn/workers/base.py", r"self\.max_requests = .*sys\.maxsize"),
    ("gunicorn/workers/base.py", r"randint\(0, cfg\.max_requests_jitter\)"),
]


def check_worker_attrs(read) -> None:
    for path, pattern in WORKER_CHECKS:
        text = read(path) or ""
        if not re.search(pattern, text):
            raise SystemExit(f"gunicorn {path} no longer matches /{pattern}/: review WORKER_ATTRS in gunicorn_src.py")


def extract(read) -> Dict[str, Any]:
    src = read("gunicorn/config.py")
    tree = ast.parse(src)
    names = module_names(tree)
    funcs = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    config_methods = {}
    for n in tree.body:
        if isinstance(n, ast.ClassDef) and n.name == "Config":
            config_methods = {f.name: f for f in n.body if isinstance(f, ast.FunctionDef)}
    settings: Dict[str, Dict[str, Any]] = {}
    classes: Dict[str, Dict[str, Any]] = {}
    for n in tree.body:
        if not isinstance(n, ast.ClassDef):
            continue
        bases = [ast.unparse(b) for b in n.bases]
        if "Setting" not in bases and not any(b in classes for b in bases):
            continue
        inherited = next((classes[b] for b in bases if b in classes), {})
        attrs = _class_attrs(n, names, funcs, inherited)
        classes[n.name] = attrs
        if attrs.get("name"):
            env = set(attrs.pop("_env", set()))
            if attrs["name"] in config_methods:
                env |= env_reads(config_methods[attrs["name"]])
            settings[attrs["name"]] = _form(attrs, sorted(env))
    return {
        "settings": settings,
        "workers": _workers(read("gunicorn/workers/__init__.py") or ""),
        "options": _parser_options(config_methods.get("parser")),
        "validators": _fingerprints(tree, names, funcs, read),
    }


def _class_attrs(cls: ast.ClassDef, names, funcs, inherited) -> Dict[str, Any]:
    attrs: Dict[str, Any] = {k: v for k, v in inherited.items() if k != "name"}
    env: set = set(inherited.get("_env", set()))
    hooks: Dict[str, ast.FunctionDef] = {}

    def run(body: List[ast.stmt]) -> None:
        for st in body:
            if isinstance(st, ast.FunctionDef):
                hooks[st.name] = st
            elif isinstance(st, ast.Assign) and len(st.targets) == 1 and isinstance(st.targets[0], ast.Name):
                key = st.targets[0].id
                if key in FIELDS:
                    attrs[key] = st.value
            elif isinstance(st, ast.If):
                ev = Evaluator(names)
                test = ev.ev(st.test)
                if ev.env:
                    # Depends on the environment: keep both branches as text, take the unset branch.
                    env.update(ev.env)
                    yes, no = _branch_default(st.body), _branch_default(st.orelse)
                    run(st.orelse)
                    if yes is not None and no is not None:
                        attrs["default"] = ast.IfExp(test=st.test, body=yes, orelse=no)
                elif isinstance(test, Unknown):
                    raise SystemExit(f"gunicorn {cls.name}: cannot decide `if {ast.unparse(st.test)}`")
                else:
                    run(st.body if test else st.orelse)

    run(cls.body)
    out: Dict[str, Any] = {}
    for key, node in attrs.items():
        if key == "_env":
            continue
        if key == "default":
            out["default"] = _default(node, names, funcs, hooks, env)
        elif key == "validator":
            out["validator"] = node
        elif key == "type":
            out["type"] = ast.unparse(node)
        else:
            v = Evaluator(names).ev(node)
            if isinstance(v, Unknown):
                raise SystemExit(f"gunicorn {cls.name}.{key}: cannot evaluate {v.text}")
            out[key] = v
    out["_env"] = env
    return out


def _branch_default(body: List[ast.stmt]) -> Optional[ast.expr]:
    for st in body:
        if isinstance(st, ast.Assign) and ast.unparse(st.targets[0]) == "default":
            return st.value
    return None


def _default(node: ast.expr, names, funcs, hooks, env: set) -> Dict[str, Any]:
    if isinstance(node, ast.Call) and ast.unparse(node.func) == "staticmethod" and node.args:
        hook = hooks.get(ast.unparse(node.args[0]))
        if hook is not None:
            return {"expr": f"def {hook.name}({ast.unparse(hook.args)}): ..."}
    if isinstance(node, ast.Dict) or isinstance(node, (ast.Constant, ast.List, ast.Tuple)):
        try:
            return {"value": jsonable(ast.literal_eval(node))}
        except ValueError:
            pass
    ev = Evaluator(names)
    value = ev.ev(node)
    env.update(ev.env)
    for call in ast.walk(node):
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in funcs:
            env.update(env_reads(funcs[call.func.id]))
    out: Dict[str, Any] = {"expr": ast.unparse(node)}
    if not isinstance(value, Unknown):
        out["value"] = jsonable(value)
    return out


def _form(attrs: Dict[str, Any], env: List[str]) -> Dict[str, Any]:
    vnode = attrs["validator"]
    if isinstance(vnode, ast.Call):
        vname, vargs = ast.unparse(vnode.func), [ast.literal_eval(a) for a in vnode.args]
    else:
        vname, vargs = ast.unparse(vnode), []
    if vname not in VALUE_TYPES:
        raise SystemExit(f"gunicorn setting {attrs['name']}: unknown validator {vname}; classify it in VALUE_TYPES")
    action = attrs.get("action") or "store"
    form: Dict[str, Any] = {"section": attrs.get("section"), "flags": list(attrs.get("cli") or []), "env": env,
                            "type": VALUE_TYPES[vname], "validator": vname}
    if vargs:
        form["validatorArgs"] = vargs
    if "default" in attrs:
        form["default"] = attrs["default"]
    if form["flags"]:
        form["action"] = action
        arg_type = ARG_TYPES.get(attrs.get("type", "str"), "?")
        if arg_type == "?":
            raise SystemExit(f"gunicorn setting {attrs['name']}: unknown argparse type {attrs.get('type')}")
        if arg_type and action == "store":  # Setting.add_option drops `type` for other actions
            form["argType"] = arg_type
        for key in ("nargs", "const"):
            if attrs.get(key) is not None:
                form[key] = jsonable(attrs[key])
        if attrs.get("meta"):
            form["metavar"] = attrs["meta"]
    return form


def _workers(src: str) -> Dict[str, Dict[str, Any]]:
    tree = ast.parse(src)
    lines = src.splitlines()
    out: Dict[str, Dict[str, Any]] = {}
    for st in tree.body:
        if isinstance(st, ast.Assign) and ast.unparse(st.targets[0]) == "SUPPORTED_WORKERS":
            for k, v in zip(st.value.keys, st.value.values):
                form: Dict[str, Any] = {"class": ast.literal_eval(v)}
                comment = lines[k.lineno - 1].split("#", 1)
                if len(comment) == 2 and "deprecat" in comment[1].lower():
                    form["deprecated"] = comment[1].strip()
                out[ast.literal_eval(k)] = form
    if not out:
        raise SystemExit("gunicorn/workers/__init__.py: no SUPPORTED_WORKERS")
    return out


def _parser_options(parser: Optional[ast.FunctionDef]) -> Dict[str, Dict[str, Any]]:
    out: Dict[str, Dict[str, Any]] = {}
    for n in ast.walk(parser) if parser else []:
        if isinstance(n, ast.Call) and ast.unparse(n.func) == "parser.add_argument":
            flags = [a.value for a in n.args if isinstance(a, ast.Constant)]
            kw = {k.arg: ast.unparse(k.value) for k in n.keywords}
            if flags and flags[0].startswith("-"):
                out[flags[-1]] = {"flags": flags, "action": ast.literal_eval(kw.get("action", "'store'"))}
            elif flags:
                out[flags[0]] = {"positional": True, "nargs": ast.literal_eval(kw.get("nargs", "None"))}
    return out


def _fingerprints(tree: ast.Module, names, funcs, read) -> Dict[str, str]:
    engines = _reloader_engines(read("gunicorn/reloader.py") or "")
    util = {n.name: n for n in ast.parse(read("gunicorn/util.py") or "").body if isinstance(n, ast.FunctionDef)}
    out = {}
    for name, fn in funcs.items():
        if not (name.startswith("validate_") or name == "auto_int"):
            continue
        used = sorted({n.id for n in ast.walk(fn) if isinstance(n, ast.Name) and n.id in names and n.id not in funcs})
        # Constants the validator reads count too (sets in a stable order: frozenset repr is hash-ordered).
        extra = "".join(f"{u}={json.dumps(jsonable(names[u]), sort_keys=True)};" for u in used if _known(names[u]))
        # gunicorn.util helpers it calls (util.parse_address, util.is_glob_pattern) count too.
        for n in ast.walk(fn):
            if isinstance(n, ast.Attribute) and ast.unparse(n.value) == "util" and n.attr in util:
                extra += ast.dump(util[n.attr])
        if any(isinstance(n, ast.Name) and n.id == "reloader_engines" for n in ast.walk(fn)):
            extra += f"reloader_engines={engines!r}"
        out[name] = fingerprint_deep(fn, funcs, extra)
    return out


def _known(v: Any) -> bool:
    try:
        jsonable(v)
        return True
    except (ValueError, TypeError):
        return False


def _reloader_engines(src: str) -> List[str]:
    for st in ast.parse(src).body:
        if isinstance(st, ast.Assign) and ast.unparse(st.targets[0]) == "reloader_engines" and isinstance(st.value, ast.Dict):
            return [ast.literal_eval(k) for k in st.value.keys]
    return []


def jsonable(v: Any) -> Any:
    if isinstance(v, (set, frozenset)):
        return sorted(jsonable(x) for x in v)
    if isinstance(v, (list, tuple)):
        return [jsonable(x) for x in v]
    if isinstance(v, dict):
        return {str(k): jsonable(x) for k, x in v.items()}
    if isinstance(v, Unknown):
        raise ValueError(v.text)
    if hasattr(v, "value") and not isinstance(v, (int, float, str, bool)):
        return v.value
    return int(v) if isinstance(v, int) and not isinstance(v, bool) else v
