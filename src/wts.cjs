// CommonJS shim so ncc bundles web-tree-sitter's CJS build (its ESM build breaks under ncc; see toolchain notes §2).
module.exports = require('web-tree-sitter');
