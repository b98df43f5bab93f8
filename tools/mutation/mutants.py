"""The mutants of one Python source file: small changes a weakened safety rule would make.

Each mutant replaces one node's text in the source (its other lines are kept byte for byte), so
a mutant's line number is the real file's. The operators (docs/mutation.md):

- a comparison flipped (`==` to `!=`, `<` to `>=`, `in` to `not in`, `is` to `is not`) or its
  boundary shifted (`<` to `<=`, `>=` to `>` ...);
- `and` and `or` swapped; a `not` removed; `+` and `-` swapped;
- a constant changed: a number plus or minus one, a string emptied, True and False swapped;
- a tier name made one step less urgent (emergency to refer, refer to caution ...);
- `return x` made `return None`; a `raise` removed;
- a call to `full_clean` or `select_for_update` removed;
- a list, tuple or set display emptied.

Docstrings, decorators, text inside f-strings and type annotations are left alone: changing
them tells nothing about a rule.
"""

import ast
from dataclasses import dataclass

# One step less urgent: the change that would quietly let a client through.
TIER_DEMOTIONS = {
    "EMERGENCY": "REFER",
    "REFER": "CAUTION",
    "INCOMPLETE": "CAUTION",
    "CAUTION": "CLEAR",
}
COMPARE_FLIPS = {
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Lt: ast.GtE,
    ast.GtE: ast.Lt,
    ast.Gt: ast.LtE,
    ast.LtE: ast.Gt,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
COMPARE_BOUNDARIES = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt}
REMOVABLE_CALLS = ("full_clean", "select_for_update")


@dataclass(frozen=True)
class Mutant:
    path: str  # relative to the repository
    line: int
    col: int
    description: str  # "`<` -> `<=`"
    source: str  # the whole mutated file
    in_function: bool = False  # inside a function's body (not a module-level value)
    end_line: int = 0  # the last line of the changed node
    statement_line: int = 0  # the first line of the statement it is in
    owner: str = ""  # the module-level name it is in: an assigned name, a function or class

    @property
    def where(self):
        return f"{self.path}:{self.line}"

    @property
    def key(self):
        """What names a mutant across edits elsewhere in the file: its line's text and change."""
        line_text = self.original_line.strip()
        return f"{self.path} | {line_text} | {self.description}"

    original_line: str = ""


def _op(op):
    return {
        ast.Eq: "==",
        ast.NotEq: "!=",
        ast.Lt: "<",
        ast.LtE: "<=",
        ast.Gt: ">",
        ast.GtE: ">=",
        ast.In: "in",
        ast.NotIn: "not in",
        ast.Is: "is",
        ast.IsNot: "is not",
    }[type(op)]


def _short(text, width=50):
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."


class _Finder(ast.NodeVisitor):
    """Collects (node, replacement text, description) for every mutation of a module."""

    def __init__(self, source):
        self.source = source
        self.found = []  # (node, new text, description, inside a function)
        self.depth = 0  # how many function bodies the visit is inside
        self.statement_line = 0  # the first line of the statement being visited
        self.owner = ""  # the module-level name being visited
        self.skip = set()  # ids of nodes not to mutate (docstrings, f-string parts, annotations)

    def segment(self, node):
        return ast.get_source_segment(self.source, node)

    def add(self, node, new_text, description):
        self.found.append(
            (node, new_text, description, self.depth > 0, self.statement_line, self.owner)
        )

    def visit(self, node):
        if not isinstance(node, ast.stmt):
            return super().visit(node)
        saved, self.statement_line = self.statement_line, node.lineno
        try:
            return super().visit(node)
        finally:
            self.statement_line = saved

    def add_expr(self, node, new_node, description):
        self.add(node, f"({ast.unparse(new_node)})", description)

    # What is left alone.
    def _skip_docstring(self, body):
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            self.skip.add(id(body[0].value))

    def visit_Module(self, node):
        self._skip_docstring(node.body)
        for statement in node.body:
            self.owner = _name_of(statement)
            self.visit(statement)
        self.owner = ""

    def visit_FunctionDef(self, node):
        self._skip_docstring(node.body)
        self._skip_decorators(node)
        for arg in [*node.args.args, *node.args.kwonlyargs, *node.args.posonlyargs]:
            if arg.annotation is not None:
                self._skip_tree(arg.annotation)
        if node.returns is not None:
            self._skip_tree(node.returns)
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node):
        self._skip_docstring(node.body)
        self._skip_decorators(node)
        self.generic_visit(node)

    def visit_AnnAssign(self, node):
        self._skip_tree(node.annotation)
        self.generic_visit(node)

    def visit_JoinedStr(self, node):
        # f-string parts have no reliable source positions; the f-string is left as it is.
        self._skip_tree(node)

    def _skip_decorators(self, node):
        # `@dataclass(frozen=True)` guards against a programming slip; no input reaches it.
        for decorator in node.decorator_list:
            self._skip_tree(decorator)

    def _skip_tree(self, node):
        for child in ast.walk(node):
            self.skip.add(id(child))

    def generic_visit(self, node):
        if id(node) in self.skip:
            return
        super().generic_visit(node)

    # The mutations.
    def visit_Compare(self, node):
        for index, op in enumerate(node.ops):
            for table, kind in ((COMPARE_FLIPS, "flipped"), (COMPARE_BOUNDARIES, "boundary")):
                new_op = table.get(type(op))
                if new_op is None:
                    continue
                ops = list(node.ops)
                ops[index] = new_op()
                new = ast.Compare(left=node.left, ops=ops, comparators=node.comparators)
                self.add_expr(node, new, f"`{_op(op)}` -> `{_op(new_op())}` ({kind})")
        self.generic_visit(node)

    def visit_BoolOp(self, node):
        other = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        names = ("and", "or") if isinstance(node.op, ast.And) else ("or", "and")
        self.add_expr(
            node, ast.BoolOp(op=other, values=node.values), f"`{names[0]}` -> `{names[1]}`"
        )
        self.generic_visit(node)

    def visit_UnaryOp(self, node):
        if isinstance(node.op, ast.Not):
            self.add_expr(node, node.operand, "`not` removed")
        self.generic_visit(node)

    def visit_BinOp(self, node):
        swap = {ast.Add: (ast.Sub, "+", "-"), ast.Sub: (ast.Add, "-", "+")}.get(type(node.op))
        # String or tuple concatenation is not arithmetic.
        if swap and not any(
            isinstance(side, ast.Constant) and isinstance(side.value, str)
            for side in (node.left, node.right)
        ):
            new = ast.BinOp(left=node.left, op=swap[0](), right=node.right)
            self.add_expr(node, new, f"`{swap[1]}` -> `{swap[2]}`")
        self.generic_visit(node)

    def visit_Constant(self, node):
        if id(node) in self.skip:
            return
        value = node.value
        if isinstance(value, bool):
            self.add(node, repr(not value), f"`{value}` -> `{not value}`")
        elif isinstance(value, int | float):
            for delta in (1, -1):
                self.add(node, repr(value + delta), f"`{value!r}` -> `{value + delta!r}`")
        elif isinstance(value, str) and value:
            self.add(node, "''", f"string emptied: {_short(repr(value))}")

    def visit_Name(self, node):
        if id(node) in self.skip:
            return
        demoted = TIER_DEMOTIONS.get(node.id)
        if demoted and isinstance(node.ctx, ast.Load):
            self.add(node, demoted, f"tier `{node.id}` -> `{demoted}`")

    def _visit_display(self, node, empty):
        loaded = isinstance(getattr(node, "ctx", ast.Load()), ast.Load)
        if loaded and node.elts and id(node) not in self.skip:
            self.add(
                node,
                empty,
                f"{type(node).__name__.lower()} emptied: {_short(self.segment(node))}",
            )
        self.generic_visit(node)

    def visit_List(self, node):
        self._visit_display(node, "[]")

    def visit_Tuple(self, node):
        self._visit_display(node, "()")

    def visit_Set(self, node):
        # An empty set display is a dict: set() is the empty set.
        self._visit_display(node, "set()")

    def visit_Return(self, node):
        if node.value is not None and not (
            isinstance(node.value, ast.Constant) and node.value.value is None
        ):
            self.add(node, "return None", "`return ...` -> `return None`")
        self.generic_visit(node)

    def visit_Raise(self, node):
        self.add(node, "pass", "`raise` removed")
        self.generic_visit(node)

    def visit_Expr(self, node):
        call = node.value
        if (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr in REMOVABLE_CALLS
        ):
            self.add(node, "pass", f"call to `{call.func.attr}` removed")
        self.generic_visit(node)

    def visit_Call(self, node):
        # `X.select_for_update().filter(...)`: the lock taken out of a chain.
        func = node.func
        if (
            isinstance(func, ast.Attribute)
            and func.attr in REMOVABLE_CALLS
            and not node.args
            and not node.keywords
        ):
            self.add_expr(node, func.value, f"call to `{func.attr}` removed")
        self.generic_visit(node)


def _name_of(statement):
    if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return statement.name
    targets = getattr(statement, "targets", None) or [getattr(statement, "target", None)]
    names = [t.id for t in targets if isinstance(t, ast.Name)]
    return names[0] if names else ""


def _offset(line_starts, line, col):
    return line_starts[line - 1] + col


def mutants_of(path, source):
    """Every mutant of `source` (the text of the file at `path`), in source order."""
    tree = ast.parse(source)
    finder = _Finder(source)
    finder.visit(tree)
    # Positions are in UTF-8 bytes on a line; work on the encoded text.
    data = source.encode()
    line_starts = [0]
    for line in data.splitlines(keepends=True):
        line_starts.append(line_starts[-1] + len(line))
    lines = source.splitlines()
    seen = set()
    mutants = []
    # The same change twice on one line ("`12` -> `13`" of `index // 12, index % 12`) is
    # numbered from the left, so each mutant has its own key.
    found = sorted(finder.found, key=lambda f: (f[0].lineno, f[0].col_offset))
    repeats = {}
    for node, _text, description, *_ in found:
        repeats.setdefault((node.lineno, description), []).append(node.col_offset)
    for node, new_text, description, in_function, statement_line, owner in found:
        columns = repeats[(node.lineno, description)]
        if len(set(columns)) > 1:
            description += f" (#{sorted(set(columns)).index(node.col_offset) + 1} on the line)"
        start = _offset(line_starts, node.lineno, node.col_offset)
        end = _offset(line_starts, node.end_lineno, node.end_col_offset)
        mutated = (data[:start] + new_text.encode() + data[end:]).decode()
        if mutated in seen or mutated == source:
            continue
        try:
            ast.parse(mutated)
        except SyntaxError:
            continue
        seen.add(mutated)
        mutants.append(
            Mutant(
                path=path,
                line=node.lineno,
                col=node.col_offset,
                description=description,
                source=mutated,
                in_function=in_function,
                end_line=node.end_lineno,
                statement_line=statement_line,
                owner=owner,
                original_line=lines[node.lineno - 1],
            )
        )
    mutants.sort(key=lambda m: (m.line, m.col))
    return mutants
