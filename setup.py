# Scrapyd deploys eggs: `scrapyd-deploy` runs `python setup.py bdist_egg`, and without this file it
# writes its own setup.py, which leaves out the package data (spiders/sites.toml). Everything is
# configured in pyproject.toml.
from setuptools import setup

setup()
