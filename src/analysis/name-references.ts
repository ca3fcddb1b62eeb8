// references(): the places in a file that read the variable a name binds, so a rule can ask how a value stored there is used.
import type { SyntaxNode } from '../parser/python.js';
import type { ScopeTable } from './scopes.js';

/** Identifier positions that name something other than a variable read: attribute names, keywords, definitions, imports. */
function isNameOnly(id: SyntaxNode): boolean {
  const parent = id.parent;
  if (!parent) return false;
  switch (parent.type) {
    case 'attribute':
      return parent.childForFieldName('attribute')?.id === id.id;
    case 'keyword_argument':
      return parent.childForFieldName('name')?.id === id.id;
    case 'function_definition':
    case 'class_definition':
    case 'default_parameter':
    case 'typed_default_parameter':
      return parent.childForFieldName('name')?.id === id.id;
    case 'dotted_name':
    case 'aliased_import':
    case 'parameters':
    case 'typed_parameter':
    case 'list_splat_pattern':
    case 'dictionary_splat_pattern':
    case 'global_statement':
    case 'nonlocal_statement':
      return true;
    default:
      return false;
  }
}

export class NameReferences {
  private byName?: Map<string, SyntaxNode[]>;

  constructor(
    private readonly root: SyntaxNode,
    private readonly scopes: ScopeTable,
  ) {}

  /**
   * Every identifier that reads the variable bound at target (an assignment target or any use of the name), in
   * document order; binding sites themselves (assignment targets, loop targets) are left out. Built on first use.
   */
  of(target: SyntaxNode): SyntaxNode[] {
    if (target.type !== 'identifier') return [];
    const found = this.scopes.lookup(target.text, target);
    if (!found) return [];
    if (!this.byName) {
      this.byName = new Map();
      for (const id of this.root.descendantsOfType('identifier')) {
        const list = this.byName.get(id.text);
        if (list) list.push(id);
        else this.byName.set(id.text, [id]);
      }
    }
    const bindingSites = new Set(found.bindings.map((b) => b.node.id));
    return (this.byName.get(target.text) ?? []).filter(
      (id) => !bindingSites.has(id.id) && !isNameOnly(id) && this.scopes.lookup(id.text, id)?.scope === found.scope,
    );
  }
}
