"""Entry point of the PyInstaller bundle: the same `kiosk` command line as the installed package."""

import multiprocessing
import sys

from kiosk.cli import main

if __name__ == "__main__":
    # A frozen Windows program must call this before anything else, or a child process started by
    # a library (multiprocessing's spawn) would run the whole command line again.
    multiprocessing.freeze_support()
    sys.exit(main())
