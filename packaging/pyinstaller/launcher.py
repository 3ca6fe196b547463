"""Entry point of the PyInstaller bundle: the same `main` as the `selfcare-app` console script."""

import sys

from selfcare_app.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
