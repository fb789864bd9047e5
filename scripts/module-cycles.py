#!/usr/bin/env python3
"""Prints the import cycles among the modules of a Rust crate's source directory.

    scripts/module-cycles.py SRC_DIR [--edges]

Starts from SRC_DIR/lib.rs and SRC_DIR/main.rs (each its own crate) and follows `mod name;`
declarations to the module files, in both layouts: `foo.rs` with its children in `foo/`, and
`foo/mod.rs`. An edge A -> B means a file of module A names module B (or an item of B) by a
path: `use crate::b::X;`, `use super::X;`, `use self::b::{X, Y};`, an inline `crate::b::f()`,
or, as 2018 paths allow, a child module by its bare name (`b::f()` in the parent). A name
re-exported with `pub use` (`pub use world::World;` in lib.rs, or renamed: `pub use a::B as C;`)
counts as the module it comes from, and a `#[macro_export]` macro (`crate::t!`) as the module
that defines it. Inline modules (`mod tests { use super::*; }`) belong to their file's module;
their `super::` is resolved from where they sit. Declaring a child module (`mod b;`) is not an
edge. Comments and string literals are ignored.

Prints, for every module caught in a cycle, the shortest cycle through it (`a -> b -> a`, each
cycle once), then each group of modules tangled together, and exits 1; with no cycle, prints
`no cycles among N modules` and exits 0. `--edges` prints every edge first. Exits 2 on bad usage.
"""

import os
import re
import sys

IDENT = r"[A-Za-z_][A-Za-z0-9_]*"
ROOT = "crate"


def strip(source):
    """The source without comments, string and char literals (each replaced by a space), so
    braces and paths inside them do not count."""
    out = []
    i, n = 0, len(source)
    while i < n:
        c = source[i]
        if source.startswith("//", i):
            j = source.find("\n", i)
            i = n if j < 0 else j
        elif source.startswith("/*", i):
            depth, i = 1, i + 2
            while i < n and depth:
                if source.startswith("/*", i):
                    depth, i = depth + 1, i + 2
                elif source.startswith("*/", i):
                    depth, i = depth - 1, i + 2
                else:
                    i += 1
            out.append(" ")
        elif (m := re.match(r'b?r(#*)"', source[i:])) and (i == 0 or not re.match(r"\w", source[i - 1])):
            end = source.find('"' + m.group(1), i + m.end())
            i = n if end < 0 else end + 1 + len(m.group(1))
            out.append(' "" ')
        elif c == '"':
            i += 1
            while i < n and source[i] != '"':
                i += 2 if source[i] == "\\" else 1
            i += 1
            out.append(' "" ')
        elif c == "'" and (m := re.match(r"'(\\(x[0-9a-fA-F]{2}|u\{[0-9a-fA-F]*\}|.)|[^\\'])'", source[i:])):
            i += m.end()
            out.append(" ' ' ")
        else:
            out.append(c)
            i += 1
    return "".join(out)


def expand_use(tree, aliases=False):
    """`a::{b, c::{d, e as f}, self}` -> [a::b, a::c::d, a::c::e, a]; with `aliases`, a renamed
    path keeps its new name after an `@`: a::c::e@f."""
    tree = re.sub(r"\s+as\s+(" + IDENT + ")", r"@\1" if aliases else "", tree)
    tree = re.sub(r"\s+", "", tree).lstrip(":")

    def split_top(s):
        parts, depth, start = [], 0, 0
        for k, ch in enumerate(s):
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
            elif ch == "," and depth == 0:
                parts.append(s[start:k])
                start = k + 1
        parts.append(s[start:])
        return [p for p in parts if p]

    def walk(prefix, s):
        brace = s.find("{")
        if brace < 0:
            path = prefix + s
            return [path[: -len("::self")] if path.endswith("::self") else path]
        head, inner = s[:brace], s[brace + 1 : s.rfind("}")]
        paths = []
        for part in split_top(inner):
            paths += walk(prefix + head, part)
        return paths

    return [p.strip(":") for p in walk("", tree) if p.strip(":")]


class Crate:
    def __init__(self, src_dir):
        self.src_dir = src_dir
        self.files = {}  # module path -> file
        self.children = {}  # module path -> set of child names
        self.text = {}  # module path -> stripped source
        self.reexports = {}  # module path -> {name: path segments as written}
        self.exported_macros = {}  # crate root -> {macro name: module that defines it}
        for root_file in ("lib.rs", "main.rs"):
            path = os.path.join(src_dir, root_file)
            if os.path.exists(path):
                root = ROOT if root_file == "lib.rs" else "main"
                self.load(root, path, child_dir=src_dir)

    def load(self, module, path, child_dir):
        with open(path, encoding="utf-8") as f:
            text = strip(f.read())
        self.files[module], self.text[module] = path, text
        self.children[module] = set()
        self.reexports[module] = {}
        for m in re.finditer(r"\bmod\s+(" + IDENT + r")\s*;", text):
            name = m.group(1)
            candidates = [os.path.join(child_dir, name + ".rs"), os.path.join(child_dir, name, "mod.rs")]
            found = next((c for c in candidates if os.path.exists(c)), None)
            if found is None:
                print(f"warning: {path}: no file for `mod {name};`", file=sys.stderr)
                continue
            self.children[module].add(name)
            sub_dir = os.path.dirname(found) if found.endswith("mod.rs") else os.path.join(child_dir, name)
            self.load(f"{module}::{name}", found, sub_dir)
        # `#[macro_export]` puts a macro at the crate root, though its module defines it.
        for m in re.finditer(r"#\[macro_export[^\]]*\]\s*macro_rules!\s*(" + IDENT + ")", text):
            self.exported_macros.setdefault(self.crate_of(module), {})[m.group(1)] = module
        for m in re.finditer(r"\bpub(?:\([^)]*\))?\s+use\s+([^;]+);", text):
            for p in expand_use(m.group(1), aliases=True):
                path, _, alias = p.partition("@")
                segments = path.split("::")
                if segments[-1] == "self":  # `pub use b::{self as bee}`
                    segments = segments[:-1]
                if segments and segments[-1] != "*":
                    # `pub use b::Two as Deux;` is found under the name it is re-exported as.
                    self.reexports[module][alias or segments[-1]] = segments

    def crate_of(self, module):
        return module.split("::")[0]

    def resolve(self, module, scope, segments, depth=0):
        """The module a path written in `scope` (the file's module plus any inline modules it
        sits in) points into, or None for another crate or std."""
        crate = self.crate_of(module)
        first = segments[0]
        if first == "crate":
            at, rest = crate, segments[1:]
        elif first in ("super", "self"):
            at_parts = scope.split("::")
            rest = segments
            while rest and rest[0] in ("super", "self"):
                if rest[0] == "super":
                    at_parts = at_parts[:-1]
                rest = rest[1:]
            if not at_parts:
                return None
            at = "::".join(at_parts)
            # An inline module has no file of its own: it belongs to the file's module.
            while at not in self.files and "::" in at:
                at = at.rsplit("::", 1)[0]
        elif scope == module and first in self.children.get(module, ()):
            at, rest = module, segments
        else:
            return None
        while rest and rest[0] in self.children.get(at, ()):
            at, rest = f"{at}::{rest[0]}", rest[1:]
        if rest and at == crate and rest[0] in self.exported_macros.get(crate, {}):
            return self.exported_macros[crate][rest[0]]
        if rest and depth < 8 and rest[0] in self.reexports.get(at, {}):
            target = self.resolve(at, at, self.reexports[at][rest[0]], depth + 1)
            if target is not None:
                return target
        return at

    def edges(self):
        graph = {m: set() for m in self.files}
        path_re = re.compile(r"(?<![\w:])((?:crate|super|self|" + IDENT + r")(?:\s*::\s*" + IDENT + r")+)")
        for module, text in self.text.items():
            for scope, chunk in self.scoped_chunks(module, text):
                paths = []
                for m in re.finditer(r"\buse\s+([^;]+);", chunk):
                    paths += [p.split("::") for p in expand_use(m.group(1))]
                chunk = re.sub(r"\buse\s+[^;]+;", " ", chunk)
                paths += [re.sub(r"\s+", "", m.group(1)).split("::") for m in path_re.finditer(chunk)]
                for segments in paths:
                    target = self.resolve(module, scope, segments)
                    if target is not None and target != module:
                        graph[module].add(target)
        return graph

    def scoped_chunks(self, module, text):
        """The text of a file cut into runs, each with the module path it is written in:
        inside `mod inner { ... }` that is `module::inner`."""
        chunks, stack, depth, start, scope = [], [], 0, 0, module
        tokens = re.finditer(r"\bmod\s+(" + IDENT + r")\s*\{|\{|\}", text)
        for t in tokens:
            if t.group(0) == "}":
                depth -= 1
                if stack and stack[-1][1] == depth:
                    chunks.append((scope, text[start : t.start()]))
                    stack.pop()
                    scope = stack[-1][0] if stack else module
                    start = t.end()
            elif t.group(1):
                chunks.append((scope, text[start : t.start()]))
                scope = f"{scope}::{t.group(1)}"
                stack.append((scope, depth))
                depth += 1
                start = t.end()
            else:
                depth += 1
        chunks.append((scope, text[start:]))
        return chunks


def cycles(graph):
    """One cycle per strongly connected component of more than one module (Tarjan)."""
    index, low, on_stack, stack, components = {}, {}, set(), [], []
    counter = [0]

    def connect(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    sys.setrecursionlimit(10_000)
    for v in sorted(graph):
        if v not in index:
            connect(v)

    found, seen = [], set()
    for component in components:
        members = set(component)
        for start in component:
            cycle = shortest_cycle(graph, members, start)
            # The same cycle read from another of its modules is not printed again.
            at = cycle.index(min(cycle[:-1]))
            key = tuple(cycle[at:-1] + cycle[:at])
            if key not in seen:
                seen.add(key)
                found.append((cycle, component))
    return found


def shortest_cycle(graph, members, start):
    """The shortest way from `start` back to itself, through `members` only (breadth first)."""
    previous, frontier, back = {start: None}, [start], None
    while frontier and back is None:
        following = []
        for v in frontier:
            if start in graph[v]:
                back = v
                break
            for w in sorted(graph[v] & members):
                if w not in previous:
                    previous[w] = v
                    following.append(w)
        frontier = following
    path, v = [], back
    while v is not None:
        path.append(v)
        v = previous[v]
    return list(reversed(path)) + [start]


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    if len(args) != 1 or not os.path.isdir(args[0]):
        print("usage: " + __doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    crate = Crate(args[0])
    if not crate.files:
        print(f"{args[0]}: no lib.rs or main.rs", file=sys.stderr)
        return 2
    graph = crate.edges()
    if "--edges" in argv:
        for module in sorted(graph):
            for target in sorted(graph[module]):
                print(f"{module} -> {target}")
    found = cycles(graph)
    for cycle, _ in found:
        print(" -> ".join(cycle))
    if found:
        tangles = {tuple(component) for _, component in found}
        for component in sorted(tangles):
            print(f"tangled together: {', '.join(component)}")
        print(f"{len(found)} cycle(s) among {len(graph)} modules", file=sys.stderr)
        return 1
    print(f"no cycles among {len(graph)} modules")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
