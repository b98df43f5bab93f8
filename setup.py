"""Which files the wheel carries; the project's metadata is in pyproject.toml.

Every package is found by exclusion, so a new app is packaged without editing anything here
(config/layers.py is the one list of apps). templates/ and static/ stay top-level directories
of the source tree, but an installed app has no source tree beside it: the wheel carries them
inside the config package, as config/templates and config/static, where config/settings.py
looks when they are not beside config/. A setup.py because pyproject's [tool.setuptools]
cannot both find packages and map other directories into one.
"""

from setuptools import find_packages, setup

# What is not the app: tests, benchmarks, developer tools, docs.
NOT_THE_APP = ["tests", "tests.*", "bench", "bench.*", "tools", "tools.*", "docs", "docs.*"]
SITE_DIRS = {"config.templates": "templates", "config.static": "static"}

setup(
    packages=[*find_packages(exclude=NOT_THE_APP), *SITE_DIRS],
    package_dir=SITE_DIRS,
    # Only the files named below: nothing guessed from version control or a MANIFEST.in.
    include_package_data=False,
    package_data={
        **{package: ["**/*"] for package in SITE_DIRS},
        # Files an app reads at run time beside its code (screening/drug_brands.json), and any
        # app's own templates or static files.
        "": ["*.json", "templates/**/*", "static/**/*"],
    },
)
