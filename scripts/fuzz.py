"""A longer fuzzing run of the properties of ``tests/test_fuzz.py``, with a larger budget.

    python scripts/fuzz.py                    # 500 examples per property
    python scripts/fuzz.py -n 5000 --seed 7   # more, another seed

Each property (``analyze``, the quantity and time parsers, the text, HTML and JSON Lines readers)
runs under hypothesis with ``-n`` examples and a 5 s deadline per example; the script prints how
many inputs each property tried and, for a failure, the smallest failing input hypothesis found.
Exit status 1 when any property failed.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
import traceback
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, seed, settings

ROOT = Path(__file__).resolve().parent.parent


def _load_properties() -> Any:
    spec = importlib.util.spec_from_file_location("fuzz_properties", ROOT / "tests" / "test_fuzz.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--examples", type=int, default=500, help="examples per property")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    props = _load_properties()
    budget = settings(
        max_examples=args.examples, deadline=timedelta(seconds=5), database=None,
        suppress_health_check=list(HealthCheck),
    )
    tried: Counter[str] = Counter()
    failed: dict[str, str] = {}
    workdir = Path(tempfile.mkdtemp(prefix="fogofwar-fuzz-"))
    from fogofwar import analyze

    analyze("Russian forces killed 12 soldiers near Bakhmut on Friday, officials said.")  # load the models

    def counted(name: str, test: Any, strategies: dict[str, Any], **fixed: Any) -> Any:
        inner = test.hypothesis.inner_test

        def run(**kwargs: Any) -> None:
            tried[name] += 1
            inner(**fixed, **kwargs)

        return seed(args.seed)(budget(given(**strategies)(run)))

    text, when = {"text": props.texts}, {"when": props.published}
    properties = {
        "analyze": counted("analyze", props.test_analyze_any_text, text | when, warm=None),
        "quantities": counted("quantities", props.test_quantity_parser, text),
        "times": counted("times", props.test_time_parser, text | when),
        "text reader": counted("text reader", props.test_text_reader, text),
        "html reader": counted("html reader", props.test_html_reader, {"data": props.html_pages}),
        "jsonl reader": counted("jsonl reader", props.test_jsonl_reader, {"lines": props.jsonl_dumps}, tmp_path=workdir),
    }
    print(f"{'property':<14} {'inputs':>8} {'seconds':>8}  result")
    for name, run in properties.items():
        start = time.perf_counter()
        try:
            run()
            result = "ok"
        except Exception as exc:  # a property failed: report it, go on with the others
            failed[name] = "".join(traceback.format_exception_only(type(exc), exc)).strip()
            result = "FAILED"
        print(f"{name:<14} {tried[name]:>8} {time.perf_counter() - start:>8.1f}  {result}")
        sys.stdout.flush()
    print(f"total inputs tried: {sum(tried.values())}; failures: {len(failed)}")
    for name, message in failed.items():
        print(f"--- {name}\n{message}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
