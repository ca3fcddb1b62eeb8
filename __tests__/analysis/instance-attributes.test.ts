import { describe, expect, test } from 'vitest';
import { analyse } from '../helpers/analyse.js';

async function values(source: string, text: string): Promise<string[] | undefined> {
  const a = await analyse(source);
  try {
    return a.file.instanceAttributeValues(a.find(text))?.map((n) => n.text);
  } finally {
    a.done();
  }
}

describe('instanceAttributeValues', () => {
  test('self.attr assigned in another method, and a class-body default', async () => {
    const src = [
      'class C:',
      '    session = None',
      '    def __init__(self):',
      '        self.session = make()',
      '    def reset(this):',
      '        this.session = other()',
      '    def use(self):',
      '        return self.session.get()',
      '',
    ].join('\n');
    expect(await values(src, 'self.session')).toEqual(['make()', 'other()', 'None']);
  });

  test('only the same class counts, and only the first parameter of a method', async () => {
    const src = [
      'class A:',
      '    def __init__(self):',
      '        self.x = 1',
      'class B:',
      '    def __init__(self):',
      '        self.x = 2',
      '    def use(self, other):',
      '        return self.x + other.x',
      '',
    ].join('\n');
    expect(await values(src, 'self.x')).toEqual(['2']);
    expect(await values(src, 'other.x')).toBeUndefined();
  });

  test('static methods and plain functions have no self', async () => {
    const src = ['class A:', '    @staticmethod', '    def f(self):', '        return self.x', 'def g(self):', '    self.y = 1', '    return self.y', ''].join('\n');
    expect(await values(src, 'self.x')).toBeUndefined();
    expect(await values(src, 'self.y')).toBeUndefined();
  });
});
