# For tools that still call setup.py; pip and bench use pyproject.toml (flit_core).
import re

from setuptools import find_packages, setup

with open("school_office/__init__.py") as f:
	version = re.search(r'__version__\s*=\s*"([^"]+)"', f.read()).group(1)

setup(
	name="school_office",
	version=version,
	description="A school's general office on Frappe and ERPNext",
	author="school_office contributors",
	author_email="school-office@example.org",
	packages=find_packages(exclude=("tests", "tests.*", "benchmarks")),
	zip_safe=False,
	include_package_data=True,
	install_requires=[],
)
