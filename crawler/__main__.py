import sys

from crawler.cli import main

# The guard matters: extraction worker processes are spawned, and spawn re-imports __main__.
if __name__ == "__main__":
    sys.exit(main())
