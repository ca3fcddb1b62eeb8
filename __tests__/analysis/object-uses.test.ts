// methodCallsOn(): the method calls made on the object a constructor call creates.
import { expect, test } from 'vitest';
import { analyse } from '../helpers/analyse.js';

const SOURCE = `
import jinja2

env = jinja2.Environment()
env.get_template("a.html")


def render():
    return env.get_template("b.html")


def other():
    env = object()
    env.get_template("not-this.html")


jinja2.Environment().from_string("c")


class Mailer:
    def __init__(self):
        self.env = jinja2.Environment(autoescape=True)

    def send(self):
        self.env.get_template("d.txt")
        self.other.get_template("e.txt")


def local():
    e = jinja2.Environment(trim_blocks=True)
    e.get_template("f.sql")
    e = None
`;

test('follows names, module globals, chained calls and self attributes, not re-bound names', async () => {
  const a = await analyse(SOURCE);
  try {
    const texts = (creation: string) => a.file.methodCallsOn(a.find(creation)).map((c) => c.text);
    expect(texts('jinja2.Environment()').sort()).toEqual(['jinja2.Environment().from_string("c")']);
    const first = a.file.root.descendantsOfType('call').find((c) => c.text === 'jinja2.Environment()')!;
    expect(a.file.methodCallsOn(first).map((c) => c.text).sort()).toEqual(['env.get_template("a.html")', 'env.get_template("b.html")']);
    expect(texts('jinja2.Environment(autoescape=True)')).toEqual(['self.env.get_template("d.txt")']);
    expect(texts('jinja2.Environment(trim_blocks=True)')).toEqual(['e.get_template("f.sql")']);
  } finally {
    a.done();
  }
});
