"""uvicorn: the command line (click decorators on `main` in uvicorn/main.py), uvicorn.Config's
arguments (uvicorn/config.py) and what a gunicorn worker class passes to Config (uvicorn/workers.py,
uvicorn_worker/_workers.py), for one version. Click's own rules are applied as click 8 does:
option names from the longest flag, types inferred from defaults, UVICORN_<NAME> from
auto_envvar_prefix."""
import ast
import json
from typing import Any, Dict, List, Optional

from pyeval import Evaluator, Unknown, module_names
from gunicorn_src import WORKER_ATTRS, jsonable


class ClickType:
    def __init__(self, name: str, **info: Any):
        self.name, self.info = name, info


class ClickEvaluator(Evaluator):
    def _call(self, n: ast.Call) -> Any:
        f = ast.unparse(n.func)
        if f in ("click.Choice", "click.Path", "click.IntRange", "click.FloatRange", "click.File"):
            args = [self._ev(a) for a in n.args]
            kw = {k.arg: self._ev(k.value) for k in n.keywords}
            if any(isinstance(v, Unknown) for v in [*args, *kw.values()]):
                return Unknown(ast.unparse(n))
            if f == "click.Choice":
                return ClickType("Choice", choices=list(args[0]), **({"caseSensitive": False} if kw.get("case_sensitive") is False else {}))
            return ClickType(f.split(".")[1], **({"path": kw} if f == "click.Path" else kw))
        return super()._call(n)


BUILTIN_TYPES = {"int": "INT", "float": "FLOAT", "bool": "BOOL", "str": "STRING"}
VALUE_TYPES = {"INT": "int", "FLOAT": "float", "BOOL": "bool", "STRING": "string", "Choice": "string", "Path": "string",
               "IntRange": "int", "FloatRange": "float"}


def extract(read) -> Dict[str, Any]:
    config = ast.parse(read("uvicorn/config.py"))
    main = ast.parse(read("uvicorn/main.py"))
    names = module_names(main, module_names(config, _imported(config, read)), ClickEvaluator)
    init = _config_init(config)
    api = _api_params(init, names) if init else {}
    env_by_attr = _init_env(init) if init else {}
    func = next(n for n in main.body if isinstance(n, ast.FunctionDef) and n.name == "main")
    prefix = None
    settings: Dict[str, Dict[str, Any]] = {}
    options: Dict[str, Dict[str, Any]] = {}
    for dec in func.decorator_list:
        if not isinstance(dec, ast.Call):
            continue
        f = ast.unparse(dec.func)
        if f == "click.command":
            ctx = next((k.value for k in dec.keywords if k.arg == "context_settings"), None)
            prefix = (ClickEvaluator(names).ev(ctx) or {}).get("auto_envvar_prefix") if ctx is not None else None
        elif f == "click.option":
            name, form, exposed = _option(dec, names)
            if exposed:
                settings[name] = form
            else:
                options[form["flags"][-1]] = {"flags": form["flags"], "isFlag": True}
    for name, form in settings.items():
        env = list(form.pop("_envvar", []))
        if prefix:
            env.append(f"{prefix}_{name.upper()}")
        env += env_by_attr.get(name, [])
        form["env"] = env
        if name in api:
            a = api[name]
            if a["default"] != form.get("default"):
                form["apiDefault"] = a["default"]
    for name, a in api.items():
        if name not in settings:
            settings[name] = {"flags": [], "env": env_by_attr.get(name, []), "type": a["type"], "validator": "none",
                              "apiDefault": a["default"]}
    return {"settings": settings, "options": options, "prefix": prefix, "worker": worker_passthrough(read("uvicorn/workers.py"))}


def _imported(tree: ast.Module, read) -> Dict[str, Any]:
    """Names a module imports from other uvicorn modules (`from uvicorn.x import NAME`), evaluated there."""
    out: Dict[str, Any] = {}
    for st in tree.body:
        if isinstance(st, ast.ImportFrom) and st.module and st.module.startswith("uvicorn."):
            src = read(st.module.replace(".", "/") + ".py")
            if src is None:
                continue
            names = module_names(ast.parse(src))
            out.update({a.asname or a.name: names[a.name] for a in st.names if a.name in names})
    return out


def _option(dec: ast.Call, names) -> tuple:
    decls = [a.value for a in dec.args if isinstance(a, ast.Constant)]
    kw = {k.arg: k.value for k in dec.keywords}
    ev = ClickEvaluator(names)
    opts, secondary, name = [], [], None
    for d in decls:
        if "/" in d and d.startswith("-"):
            first, second = d.split("/", 1)
            opts.append(first.strip())
            secondary.append(second.strip())
        elif d.startswith("-"):
            opts.append(d)
        else:
            name = d
    if name is None:  # click: the option with the longest prefix, dashes to underscores
        best = sorted(opts, key=lambda o: -(len(o) - len(o.lstrip("-"))))[0]
        name = best.lstrip("-").replace("-", "_").lower()
    flag = _const(kw.get("is_flag"), ev) is True or bool(secondary)
    default = ev.ev(kw["default"]) if "default" in kw else (False if flag and not secondary else None)
    tnode = kw.get("type")
    if isinstance(tnode, ast.Name) and tnode.id in BUILTIN_TYPES:
        ctype = BUILTIN_TYPES[tnode.id]
    else:
        ctype = ev.ev(tnode) if tnode is not None else None
    if isinstance(ctype, Unknown):
        raise SystemExit(f"uvicorn option {opts}: cannot evaluate type {ctype.text}")
    if ctype is None:  # click infers the type from the flag or the default
        ctype = "BOOL" if flag else BUILTIN_TYPES.get(type(default).__name__, "STRING") if default is not None else "STRING"
    form: Dict[str, Any] = {"flags": opts + secondary}
    tname = ctype.name if isinstance(ctype, ClickType) else ctype
    multiple = _const(kw.get("multiple"), ev) is True
    form["type"] = "list" if multiple else VALUE_TYPES[tname]
    form["validator"] = f"click.{tname}"
    if isinstance(ctype, ClickType):
        form.update({k: jsonable(v) for k, v in ctype.info.items()})
    if flag:
        form["isFlag"] = True
        if secondary:
            form["falseFlags"] = secondary
    if multiple:
        form["multiple"] = True
    if _const(kw.get("hidden"), ev) is True:
        form["hidden"] = True
    if isinstance(default, Unknown):
        form["default"] = {"expr": default.text}
    else:
        form["default"] = {"value": jsonable(default)} if not (isinstance(kw.get("default"), ast.Attribute)) \
            else {"expr": ast.unparse(kw["default"]), "value": jsonable(default)}
    if "envvar" in kw:
        form["_envvar"] = [ev.ev(kw["envvar"])]
    exposed = _const(kw.get("expose_value"), ev) is not False
    return name, form, exposed


def _const(node: Optional[ast.expr], ev: Evaluator) -> Any:
    return None if node is None else ev.ev(node)


def _config_init(config: ast.Module) -> Optional[ast.FunctionDef]:
    for n in config.body:
        if isinstance(n, ast.ClassDef) and n.name == "Config":
            return next((f for f in n.body if isinstance(f, ast.FunctionDef) and f.name == "__init__"), None)
    return None


def _api_params(init: ast.FunctionDef, names) -> Dict[str, Dict[str, Any]]:
    args = init.args.args[1:]
    defaults = [None] * (len(args) - len(init.args.defaults)) + list(init.args.defaults)
    out = {}
    for a, d in zip(args, defaults):
        if a.arg == "app":
            continue
        ann = ast.unparse(a.annotation) if a.annotation is not None else ""
        out[a.arg] = {"type": _annotation_type(ann), "default": _api_default(d, names)}
    return out


def _api_default(node: Optional[ast.expr], names) -> Dict[str, Any]:
    if node is None:
        return {"expr": "(required)"}
    v = Evaluator(names).ev(node)
    if isinstance(node, ast.Constant) or (not isinstance(v, Unknown) and len(json.dumps(jsonable(v))) <= 80
                                          and isinstance(node, (ast.List, ast.Tuple, ast.Dict))):
        return {"value": jsonable(v)}
    out: Dict[str, Any] = {"expr": ast.unparse(node)}
    if not isinstance(v, Unknown) and len(json.dumps(jsonable(v))) <= 80:
        out["value"] = jsonable(v)
    return out


def _annotation_type(ann: str) -> str:
    for key, t in (("Callable", "callable"), ("list", "list"), ("List", "list"), ("dict", "dict"), ("bool", "bool"),
                   ("float", "float"), ("int", "int"), ("str", "string")):
        if key in ann:
            return t
    return "string"


def _init_env(init: ast.FunctionDef) -> Dict[str, List[str]]:
    """Config.__init__ statements that read the environment, by the attributes they set."""
    from pyeval import env_reads
    out: Dict[str, List[str]] = {}
    for st in init.body:
        env = sorted(env_reads(st))
        if not env:
            continue
        for n in ast.walk(st):
            if isinstance(n, ast.Attribute) and isinstance(n.ctx, ast.Store) and ast.unparse(n.value) == "self":
                out.setdefault(n.attr, [])
                out[n.attr] += [e for e in env if e not in out[n.attr]]
    return out


def worker_passthrough(src: Optional[str]) -> Optional[Dict[str, Any]]:
    """A gunicorn worker module: its classes (the fixed CONFIG_KWARGS, a module-level deprecation warning)
    and what UvicornWorker.__init__ passes to uvicorn.Config: {uvicorn name: {expr, gunicorn: [settings]}}."""
    if src is None:
        return None
    tree = ast.parse(src)
    deprecated = None
    for st in tree.body:
        if isinstance(st, ast.Expr) and isinstance(st.value, ast.Call) and ast.unparse(st.value.func) == "warnings.warn":
            msg = ast.literal_eval(st.value.args[0])
            if "deprecat" in msg.lower():
                deprecated = msg.split("\n")[0]
    classes: Dict[str, Any] = {}
    kwargs: Dict[str, Dict[str, Any]] = {}
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
        for st in cls.body:
            target = st.target if isinstance(st, ast.AnnAssign) else st.targets[0] if isinstance(st, ast.Assign) else None
            if target is not None and ast.unparse(target) == "CONFIG_KWARGS":
                classes[cls.name] = {"config": ast.literal_eval(st.value), **({"deprecated": deprecated} if deprecated else {})}
        init = next((f for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == "__init__"), None)
        for n in ast.walk(init) if init else []:
            if isinstance(n, ast.Dict):
                for k, v in zip(n.keys, n.values):
                    if isinstance(k, ast.Constant) and ast.unparse(v).startswith("self."):
                        kwargs[k.value] = _from_gunicorn(v)
            elif isinstance(n, ast.Assign) and isinstance(n.targets[0], ast.Subscript) \
                    and ast.unparse(n.targets[0].value) == "config_kwargs":
                kwargs[ast.literal_eval(n.targets[0].slice)] = _from_gunicorn(n.value)
    return {"classes": classes, "kwargs": dict(sorted(kwargs.items()))}


def _from_gunicorn(v: ast.expr) -> Dict[str, Any]:
    text = ast.unparse(v)
    settings: List[str] = []
    for n in ast.walk(v):
        t = ast.unparse(n)
        if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Attribute) and ast.unparse(n.value) == "self.cfg" \
                and n.attr not in ("settings", "ssl_options", "is_ssl"):
            settings.append(n.attr)
        elif isinstance(n, ast.Subscript) and ast.unparse(n.value) == "self.cfg.settings":
            settings.append(ast.literal_eval(n.slice))
        elif isinstance(n, ast.Call) and ast.unparse(n.func) == "self.cfg.ssl_options.get":
            settings.append(ast.literal_eval(n.args[0]))
        elif isinstance(n, ast.Attribute) and ast.unparse(n.value) == "self" and n.attr in WORKER_ATTRS and t == text:
            settings += WORKER_ATTRS[n.attr]["settings"]
    out: Dict[str, Any] = {"expr": text, "gunicorn": list(dict.fromkeys(settings))}
    attr = text[5:] if text.startswith("self.") else None
    if attr in WORKER_ATTRS:
        out["note"] = WORKER_ATTRS[attr]["note"]
    return out
