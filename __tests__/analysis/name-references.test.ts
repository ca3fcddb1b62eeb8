// references(): the reads of the variable a name binds.
import { expect, test } from 'vitest';
import { analyse } from '../helpers/analyse.js';

test('references() lists the reads of a variable, not attribute names, keywords or parameters', async () => {
  const a = await analyse(`
TABLE = {"a"}


def f(x, y=TABLE, *, TABLE2=None):
    obj.TABLE = 1
    g(TABLE=2)
    return x in TABLE


def h(TABLE):
    return TABLE
`);
  const module = a.file.scopes.module.bindings.get('TABLE')![0]!.node;
  const refs = a.file.references(module).map((n) => `${n.startPosition.row}:${n.startPosition.column}`);
  expect(refs).toEqual(['4:11', '7:16']);
  a.done();
});
