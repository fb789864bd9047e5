"""Tests of scripts/module-cycles.py against the tiny crates in fixtures/module-cycles/.

    python3 -m unittest discover -s scripts/tests      (scripts/test runs it in the lint layer)

Each cycle fixture closes its cycle through one kind of path only, so a parser that stops
seeing that kind loses the cycle and its test fails; the clean fixture holds the traps that
would make a false cycle (comments, strings, a char '}', an inline test module's `super`, a
re-export and an exported macro that must not count as the crate root) and checks every edge.
"""

import importlib.util
import os
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
# MODULE_CYCLES runs the tests against another copy of the tool (a deliberately broken one, to
# see that they fail).
TOOL = os.environ.get("MODULE_CYCLES", os.path.join(HERE, "..", "module-cycles.py"))
FIXTURES = os.path.join(HERE, "fixtures", "module-cycles")


def run(*args):
    """The tool's exit code and its stdout lines."""
    done = subprocess.run([sys.executable, TOOL, *args], capture_output=True, text=True, timeout=30)
    return done.returncode, done.stdout.splitlines()


def fixture(name):
    return os.path.join(FIXTURES, name)


class Cycles(unittest.TestCase):
    def assert_one_cycle(self, name, a, b):
        code, out = run(fixture(name))
        self.assertEqual(
            out,
            [f"{a} -> {b} -> {a}", f"tangled together: {a}, {b}"],
            f"{name}: the cycle {a} -> {b} -> {a} and nothing else",
        )
        self.assertEqual(code, 1, f"{name}: a cycle must fail the run")

    def test_use_crate(self):
        self.assert_one_cycle("use_crate", "crate::a", "crate::b")

    def test_super(self):
        self.assert_one_cycle("super_path", "crate::outer::a", "crate::outer::b")

    def test_inline_path(self):
        self.assert_one_cycle("inline_path", "crate::a", "crate::b")

    def test_reexport(self):
        # `use crate::Two` in a is an edge to b, where lib.rs's `pub use b::Two` takes it from;
        # read as an edge to the root, the cycle would be crate -> b -> a -> crate.
        self.assert_one_cycle("reexport", "crate::a", "crate::b")

    def test_renamed_reexport(self):
        self.assert_one_cycle("reexport_renamed", "crate::a", "crate::b")


class NoCycle(unittest.TestCase):
    def test_clean_crate_passes(self):
        code, out = run(fixture("clean"))
        self.assertEqual(out, ["no cycles among 4 modules"])
        self.assertEqual(code, 0)

    def test_clean_crate_edges(self):
        code, out = run(fixture("clean"), "--edges")
        self.assertEqual(
            out[:-1],
            [
                "crate -> crate::a",  # `a::one()`: a child by its bare name
                "crate -> crate::b",  # `pub use b::Two`
                "crate::a -> crate::a::child",  # `child::three()`
                "crate::a -> crate::b",  # `crate::Two` (re-exported) and `crate::double!` (exported)
                "crate::a::child -> crate::b",  # `super::super::b::Two`
            ],
        )
        self.assertEqual(code, 0)


class Usage(unittest.TestCase):
    def test_no_such_directory(self):
        code, _ = run(fixture("no-such-crate"))
        self.assertEqual(code, 2)

    def test_no_crate_root(self):
        code, _ = run(FIXTURES)
        self.assertEqual(code, 2)


class Parsing(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        spec = importlib.util.spec_from_file_location("module_cycles", TOOL)
        cls.tool = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(cls.tool)

    def test_expand_use(self):
        self.assertEqual(
            self.tool.expand_use("a::{b, c::{d, e as f}, self}"),
            ["a::b", "a::c::d", "a::c::e", "a"],
        )
        self.assertEqual(self.tool.expand_use("b::{Two as Deux, Three}", aliases=True), ["b::Two@Deux", "b::Three"])

    def test_strip(self):
        stripped = self.tool.strip('a(); // crate::x\n/* crate::y /* nested */ */ let s = "crate::z"; let c = \'}\';')
        self.assertNotIn("crate", stripped)
        self.assertNotIn("}", stripped)
        self.assertIn("a();", stripped)


if __name__ == "__main__":
    unittest.main()
