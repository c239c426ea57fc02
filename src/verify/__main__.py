"""`python -m verify`: the same command line as `verify`."""
import sys

from verify.cli import main

sys.exit(main())
