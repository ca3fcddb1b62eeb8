// undici, evaluated on first use. @actions/core imports @actions/http-client, which imports undici at its top level
// for one class (ProxyAgent, used only behind an HTTP proxy); @actions/github imports its `fetch`. Evaluating undici
// took ~45 ms of every start-up although a scan that does not talk to GitHub never uses it. The bundler maps the
// bare specifier `undici` here (tsconfig.json `paths`); this module loads the real package, by a path the mapping does
// not match, the first time one of its exports is read.
'use strict';

let real;
const load = () => (real ??= require('undici/index.js'));

module.exports = new Proxy(
  {},
  {
    get(_target, key) {
      // Bundler interop asks whether this is an ES module before any export is used: answer without loading.
      if (key === '__esModule') return false;
      return load()[key];
    },
    has: (_target, key) => key in load(),
    ownKeys: () => Reflect.ownKeys(load()),
    getOwnPropertyDescriptor(_target, key) {
      const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
      return descriptor ? { ...descriptor, configurable: true } : undefined;
    },
  },
);
