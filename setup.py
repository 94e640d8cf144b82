"""Package list for setuptools (metadata lives in pyproject.toml).

``resources/`` is kept at the top of the checkout, as the project layout asks, and is
shipped inside the wheel as ``journal._resources`` so ``pip install .`` is self-contained.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["journal", "journal.*"]), "journal._resources"],
    package_dir={"journal._resources": "resources"},
)
