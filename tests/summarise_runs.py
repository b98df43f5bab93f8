"""Add up pytest's closing lines of several runs into one: "total: N passed, N failed, N skipped".

Exits 1 when no test ran at all, so an empty selection never reads as a green suite.
"""

import re
import sys

COUNT = re.compile(r"(\d+) (passed|failed|skipped|errors?|deselected|xfailed|xpassed)")


def closing_counts(text):
    """The counts of pytest's last summary line ("=== 3 passed, 1 skipped in 2.0s ===")."""
    for line in reversed(text.splitlines()):
        if line.startswith("=") and " in " in line and COUNT.search(line):
            counts = {}
            for number, word in COUNT.findall(line):
                word = "errors" if word.startswith("error") else word
                counts[word] = counts.get(word, 0) + int(number)
            return counts
    return {}


def main(paths):
    total = {"passed": 0, "failed": 0, "errors": 0, "skipped": 0}
    for path in paths:
        with open(path, encoding="utf-8", errors="replace") as log:
            counts = closing_counts(log.read())
        for word in total:
            total[word] += counts.get(word, 0)
        print(f"{path}: " + ", ".join(f"{n} {w}" for w, n in counts.items() if n))
    failed = total["failed"] + total["errors"]
    print(f"total: {total['passed']} passed, {failed} failed, {total['skipped']} skipped")
    return 0 if total["passed"] and not failed else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
