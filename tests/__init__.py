"""The test suite (a package, so that pytest and the test modules share one ``tests.conftest``)."""
