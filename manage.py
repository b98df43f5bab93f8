#!/usr/bin/env python
# An installed app has the same commands as `massage-intake` (pyproject.toml [project.scripts]).
from config.cli import main

if __name__ == "__main__":
    main()
