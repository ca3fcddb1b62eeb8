// Tells test code from production code by path, so rules can stay quiet where a pattern is expected.
const TEST_DIR = /(^|\/)(tests?|testing)(\/)/;
const TEST_FILE = /(^|\/)(test_[^/]*|[^/]*_test|conftest)\.pyi?$/;

export function isTestPath(path: string): boolean {
  return TEST_DIR.test(path) || TEST_FILE.test(path);
}
