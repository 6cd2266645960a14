"""The test suite. Folders are packages, so test modules of the same name can sit in different folders."""
