"""A small static evaluator for the expressions the servers use as defaults and choices.

It evaluates literals, names bound earlier in the same module/class, comprehensions over them and
a few calls (int, str, list, dict.keys, str.format, f-strings), as Python would with an EMPTY
environment on Linux: os.environ.get("X", d) is d, "X" in os.environ is False, sys.platform is
"linux". Every environment variable it meets is recorded. Standard-library constants (ssl.CERT_NONE)
are read from the running Python's own modules, which is deterministic for a CPython version.
Anything else is Unknown, carrying the source text. Nothing of the server is imported or executed.
"""
import ast
import ssl
from typing import Any, Dict, Optional, Set

STDLIB = {"ssl": ssl}


class Unknown:
    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return f"Unknown({self.text!r})"


class Evaluator:
    def __init__(self, names: Optional[Dict[str, Any]] = None):
        self.names: Dict[str, Any] = dict(names or {})
        self.env: Set[str] = set()

    def ev(self, node: ast.AST) -> Any:
        try:
            return self._ev(node)
        except (KeyError, TypeError, ValueError, AttributeError, IndexError):
            return Unknown(ast.unparse(node))

    def _ev(self, n: ast.AST) -> Any:
        if isinstance(n, ast.Constant):
            return n.value
        if isinstance(n, (ast.List, ast.Tuple, ast.Set)):
            items = [self._ev(e) for e in n.elts]
            if any(isinstance(i, Unknown) for i in items):
                return Unknown(ast.unparse(n))
            return {ast.List: list, ast.Tuple: tuple, ast.Set: set}[type(n)](items)
        if isinstance(n, ast.Dict):
            keys = [self._ev(k) if k is not None else Unknown("**") for k in n.keys]
            vals = [self._ev(v) for v in n.values]
            if any(isinstance(k, Unknown) for k in keys):
                return Unknown(ast.unparse(n))
            # Values may stay Unknown (a dict of classes still has known keys).
            return dict(zip(keys, vals))
        if isinstance(n, ast.Name):
            if n.id in self.names:
                return self.names[n.id]
            if n.id in STDLIB:
                return STDLIB[n.id]
            if n.id in ("True", "False", "None"):
                return {"True": True, "False": False, "None": None}[n.id]
            return Unknown(n.id)
        if isinstance(n, ast.Attribute):
            text = ast.unparse(n)
            if text == "sys.platform":
                return "linux"
            if isinstance(n.value, ast.Name) and n.value.id in STDLIB:
                return getattr(STDLIB[n.value.id], n.attr)
            return Unknown(text)
        if isinstance(n, ast.UnaryOp):
            v = self._ev(n.operand)
            if isinstance(v, Unknown):
                return Unknown(ast.unparse(n))
            return {ast.USub: lambda x: -x, ast.UAdd: lambda x: +x, ast.Not: lambda x: not x}[type(n.op)](v)
        if isinstance(n, ast.BinOp):
            a, b = self._ev(n.left), self._ev(n.right)
            if isinstance(a, Unknown) or isinstance(b, Unknown):
                return Unknown(ast.unparse(n))
            ops = {ast.Add: lambda x, y: x + y, ast.Sub: lambda x, y: x - y, ast.Mult: lambda x, y: x * y,
                   ast.Pow: lambda x, y: x ** y, ast.BitOr: lambda x, y: x | y, ast.Mod: lambda x, y: x % y}
            return ops[type(n.op)](a, b)
        if isinstance(n, ast.JoinedStr):
            parts = []
            for v in n.values:
                x = self._ev(v.value) if isinstance(v, ast.FormattedValue) else v.value
                if isinstance(x, Unknown):
                    return Unknown(ast.unparse(n))
                parts.append(str(x))
            return "".join(parts)
        if isinstance(n, ast.Compare):
            return self._compare(n)
        if isinstance(n, ast.BoolOp):
            vals = [self._ev(v) for v in n.values]
            if any(isinstance(v, Unknown) for v in vals):
                return Unknown(ast.unparse(n))
            return all(vals) if isinstance(n.op, ast.And) else any(vals)
        if isinstance(n, ast.IfExp):
            test = self._ev(n.test)
            return Unknown(ast.unparse(n)) if isinstance(test, Unknown) else self._ev(n.body if test else n.orelse)
        if isinstance(n, ast.Call):
            return self._call(n)
        if isinstance(n, (ast.ListComp, ast.SetComp, ast.GeneratorExp)):
            return self._comp(n)
        return Unknown(ast.unparse(n))

    def _compare(self, n: ast.Compare) -> Any:
        if len(n.ops) != 1:
            return Unknown(ast.unparse(n))
        right = n.comparators[0]
        if isinstance(n.ops[0], (ast.In, ast.NotIn)) and ast.unparse(right) == "os.environ":
            key = self._ev(n.left)
            if isinstance(key, str):
                self.env.add(key)
                return isinstance(n.ops[0], ast.NotIn)
        a, b = self._ev(n.left), self._ev(right)
        if isinstance(a, Unknown) or isinstance(b, Unknown):
            return Unknown(ast.unparse(n))
        ops = {ast.Eq: lambda x, y: x == y, ast.NotEq: lambda x, y: x != y, ast.In: lambda x, y: x in y,
               ast.NotIn: lambda x, y: x not in y, ast.Is: lambda x, y: x is y, ast.IsNot: lambda x, y: x is not y}
        return ops[type(n.ops[0])](a, b)

    def _call(self, n: ast.Call) -> Any:
        f = ast.unparse(n.func)
        args = [self._ev(a) for a in n.args]
        if f in ("os.environ.get", "os.getenv") and args and isinstance(args[0], str):
            self.env.add(args[0])
            return args[1] if len(args) > 1 else None
        if f == "hasattr" and len(args) == 2 and not isinstance(args[0], Unknown):
            return hasattr(args[0], args[1])
        if any(isinstance(a, Unknown) for a in args) or n.keywords:
            return Unknown(ast.unparse(n))
        if f in ("int", "str", "float", "bool", "list", "tuple", "sorted", "frozenset", "set"):
            return {"int": int, "str": str, "float": float, "bool": bool, "list": list, "tuple": tuple,
                    "sorted": sorted, "frozenset": frozenset, "set": set}[f](*args)
        if isinstance(n.func, ast.Attribute):
            obj = self._ev(n.func.value)
            if isinstance(obj, dict) and n.func.attr in ("keys", "values", "items"):
                return list(getattr(obj, n.func.attr)())
            if isinstance(obj, str) and n.func.attr in ("format", "lower", "upper", "strip", "join", "replace"):
                return getattr(obj, n.func.attr)(*args)
        return Unknown(ast.unparse(n))

    def _comp(self, n: Any) -> Any:
        if len(n.generators) != 1 or n.generators[0].is_async or not isinstance(n.generators[0].target, ast.Name):
            return Unknown(ast.unparse(n))
        gen = n.generators[0]
        seq = self._ev(gen.iter)
        if isinstance(seq, Unknown):
            return Unknown(ast.unparse(n))
        out = []
        saved = dict(self.names)
        try:
            for item in seq:
                self.names[gen.target.id] = item
                if all(self._ev(c) is True for c in gen.ifs):
                    v = self._ev(n.elt)
                    if isinstance(v, Unknown):
                        return Unknown(ast.unparse(n))
                    out.append(v)
        finally:
            self.names = saved
        return set(out) if isinstance(n, ast.SetComp) else out


def module_names(tree: ast.Module, base: Optional[Dict[str, Any]] = None, evaluator: type = Evaluator) -> Dict[str, Any]:
    """Module-level NAME = expr bindings, evaluated in order (later ones may use earlier ones)."""
    ev = evaluator(base)
    for st in tree.body:
        if isinstance(st, ast.Assign) and len(st.targets) == 1 and isinstance(st.targets[0], ast.Name):
            ev.names[st.targets[0].id] = ev.ev(st.value)
        elif isinstance(st, ast.AnnAssign) and isinstance(st.target, ast.Name) and st.value is not None:
            ev.names[st.target.id] = ev.ev(st.value)
    return ev.names


def env_reads(node: ast.AST) -> Set[str]:
    """Environment variables a piece of code reads: os.environ.get/os.getenv/os.environ[...]/in os.environ."""
    found: Set[str] = set()
    for n in ast.walk(node):
        if isinstance(n, ast.Call) and ast.unparse(n.func) in ("os.environ.get", "os.getenv") and n.args \
                and isinstance(n.args[0], ast.Constant) and isinstance(n.args[0].value, str):
            found.add(n.args[0].value)
        elif isinstance(n, ast.Subscript) and ast.unparse(n.value) == "os.environ" \
                and isinstance(n.slice, ast.Constant) and isinstance(n.slice.value, str):
            found.add(n.slice.value)
        elif isinstance(n, ast.Compare) and len(n.ops) == 1 and isinstance(n.ops[0], (ast.In, ast.NotIn)) \
                and ast.unparse(n.comparators[0]) == "os.environ" and isinstance(n.left, ast.Constant):
            found.add(n.left.value)
    return found


def fingerprint_deep(fn: ast.FunctionDef, funcs: Dict[str, ast.FunctionDef], extra: str = "") -> str:
    """A short hash of a function's code and of every module function it calls, directly or not
    (docstrings, comments and layout left out), plus `extra` (the constants it reads)."""
    seen, todo, parts = {fn.name}, [fn], []
    while todo:
        f = todo.pop(0)
        parts.append(ast.dump(_strip_docstrings(f)))
        for n in ast.walk(f):
            if isinstance(n, ast.Name) and n.id in funcs and n.id not in seen:
                seen.add(n.id)
                todo.append(funcs[n.id])
    import hashlib
    return hashlib.sha256(("".join(parts) + extra).encode()).hexdigest()[:10]


def _strip_docstrings(node: ast.AST) -> ast.AST:
    import copy
    node = copy.deepcopy(node)
    for n in ast.walk(node):
        body = getattr(n, "body", None)
        if isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)) and body \
                and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                and isinstance(body[0].value.value, str):
            n.body = body[1:] or [ast.Pass()]
    return node
