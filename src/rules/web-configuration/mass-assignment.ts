// mass-assignment: database records built or updated from a whole client-chosen dict (data flow), and model forms and
// serializers that let the client write every field of a model.
import type { ConstValue } from '../../analysis/constants.js';
import { namedChildren, unwrapParentheses } from '../../analysis/syntax.js';
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';
import { flowOf } from '../factories.js';

/** Field names that grant privileges or state the client must never set. */
const SENSITIVE_FIELDS = new Set(['is_admin', 'is_staff', 'is_superuser', 'is_superadmin', 'is_moderator', 'role', 'roles', 'permissions', 'user_permissions', 'groups', 'is_verified', 'email_verified', 'is_approved', 'account_type', 'plan', 'balance', 'credits']);

type FormKind = 'serializer' | 'form' | 'view';

const BASES: readonly [RegExp, FormKind][] = [
  [/^rest_framework\.serializers\.(ModelSerializer|HyperlinkedModelSerializer)$/, 'serializer'],
  [/^django\.forms\.(models\.)?ModelForm$/, 'form'],
  [/^django\.views\.generic\.(edit\.)?(CreateView|UpdateView)$/, 'view'],
];

function kindOf(cls: SyntaxNode, ctx: RuleContext): FormKind | undefined {
  const name = cls.childForFieldName('name');
  if (!name) return undefined;
  const names = ctx.baseClassNames(name) ?? [];
  for (const n of names) for (const [re, kind] of BASES) if (re.test(n)) return kind;
  return undefined;
}

/** `NAME = value` statements directly in a class body. */
function classAssignments(cls: SyntaxNode): Map<string, { node: SyntaxNode; value: SyntaxNode }> {
  const out = new Map<string, { node: SyntaxNode; value: SyntaxNode }>();
  for (const stmt of namedChildren(cls.childForFieldName('body'))) {
    if (stmt.type !== 'expression_statement') continue;
    const a = namedChildren(stmt)[0];
    if (a?.type !== 'assignment') continue;
    const left = a.childForFieldName('left');
    const right = a.childForFieldName('right');
    if (left?.type === 'identifier' && right) out.set(left.text, { node: a, value: right });
  }
  return out;
}

function metaClass(cls: SyntaxNode): SyntaxNode | undefined {
  for (const stmt of namedChildren(cls.childForFieldName('body'))) {
    const def = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
    if (def?.type === 'class_definition' && def.childForFieldName('name')?.text === 'Meta') return def;
  }
  return undefined;
}

function isAllFields(value: SyntaxNode, ctx: RuleContext): boolean {
  if (ctx.stringValue(value) === '__all__') return true;
  const qn = ctx.qualifiedName(unwrapParentheses(value));
  return qn !== undefined && /\.ALL_FIELDS$/.test(qn);
}

function names(value: ConstValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Sensitive field names of a model class defined in this file (`is_staff = models.BooleanField()`). */
function localModelFields(model: SyntaxNode | undefined, ctx: RuleContext): string[] | undefined {
  const m = model ? unwrapParentheses(model) : undefined;
  if (!m || m.type !== 'identifier') return undefined;
  const bound = ctx.boundValues(m);
  if (bound !== undefined) return undefined; // a variable, not a class statement
  let root: SyntaxNode = m;
  while (root.parent) root = root.parent;
  for (const stmt of namedChildren(root)) {
    const def = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
    if (def?.type === 'class_definition' && def.childForFieldName('name')?.text === m.text) return [...classAssignments(def).keys()].filter((k) => SENSITIVE_FIELDS.has(k));
  }
  return undefined;
}

function checkFormClass(cls: SyntaxNode, ctx: RuleContext): void {
  const kind = kindOf(cls, ctx);
  if (!kind) return;
  const what = kind === 'serializer' ? 'DRF ModelSerializer' : kind === 'form' ? 'Django ModelForm' : 'Django generic edit view';
  const advice = 'list the fields the client may set explicitly and leave privilege fields out (or read-only)';
  const options = kind === 'view' ? classAssignments(cls) : (() => {
    const meta = metaClass(cls);
    return meta ? classAssignments(meta) : undefined;
  })();
  if (!options) return;
  const fields = options.get('fields');
  const readOnly = names(ctx.constantValue(options.get('read_only_fields')?.value));
  if (fields && isAllFields(fields.value, ctx)) {
    if (kind === 'serializer' && readOnly.length > 0) {
      const sensitive = localModelFields(options.get('model')?.value, ctx)?.filter((f) => !readOnly.includes(f));
      if (!sensitive?.length) return;
      ctx.report(fields.node, `${what} exposes every model field for writing (fields = "__all__") and ${sensitive.join(', ')} ${sensitive.length > 1 ? 'are' : 'is'} not read-only, so a client can set ${sensitive.length > 1 ? 'them' : 'it'}; ${advice}.`);
      return;
    }
    const sensitive = localModelFields(options.get('model')?.value, ctx);
    const which = sensitive?.length ? `, including ${sensitive.join(', ')}` : '';
    ctx.report(fields.node, `${what} exposes every model field for writing (fields = "__all__")${which}, so a client can set fields it should not; ${advice}.`);
    return;
  }
  if (fields) {
    const listed = names(ctx.constantValue(fields.value)).filter((f) => SENSITIVE_FIELDS.has(f) && !readOnly.includes(f));
    if (listed.length) ctx.report(fields.node, `${what} lets the client write ${listed.join(', ')}, which grant${listed.length > 1 ? '' : 's'} privileges or state; ${advice}.`);
    return;
  }
  const exclude = options.get('exclude');
  if (exclude && kind === 'form') {
    ctx.report(exclude.node, `${what} selects its fields with exclude only, so every field added to the model later becomes writable by the client; ${advice}.`);
  }
}

export const massAssignment = defineRule({
  id: 'mass-assignment',
  title: 'Database record fields set from a whole client-supplied dict',
  family: 'web-configuration',
  checklist: ['Input Validation', 'API Security'],
  level: 'warning',
  securitySeverity: 5.3,
  precision: 'medium',
  tier: 'extended',
  cwe: [915],
  compatible: {},
  dataFlow: true,
  docs: {
    whatItDoes:
      'Follows request data that arrives as a whole dict whose keys the client chooses (`request.json`, `request.get_json()`, `request.POST.dict()`, DRF `request.data`, a FastAPI body typed `dict`, `json.loads(request.body)`) into the fields of a database record: `User(**data)` for ORM model classes (Django, SQLAlchemy/Flask-SQLAlchemy, peewee, mongoengine, Tortoise, …), `User.objects.create(**data)`, `.update(**data)`, `update_or_create(defaults=data)`, `query.filter_by(...).update(data)`, `insert(User).values(data)`, `obj.__dict__.update(data)`, `collection.insert_one(data)`, and `setattr(obj, key, value)` with a key from the request (`for k, v in request.json.items()`). Dicts built from constant keys (`{"name": data["name"]}`) are not reported. Also reports DRF `ModelSerializer`s with `fields = "__all__"` and no `read_only_fields` (or with a model of this file whose privilege fields such as `is_staff` or `role` are not read-only), serializers and model forms whose field list names such privilege fields, Django `ModelForm`s with `fields = "__all__"` or `exclude` only, and `CreateView`/`UpdateView` with `fields = "__all__"`.',
    whyBad:
      'When the client picks which fields are written, it can set the ones the form never showed: `is_admin`, `is_staff`, `role`, `owner_id`, `balance`, `email_verified`. A sign-up or profile endpoint then becomes a way to grant oneself privileges or take over other records (GitHub\'s 2012 public-key incident was this bug in Rails).',
    example:
      'from flask import Flask, request\n\nfrom app.models import User, db\n\napp = Flask(__name__)\n\n@app.post("/users")\ndef create_user():\n    user = User(**request.get_json())\n    db.session.add(user)\n    db.session.commit()\n    return {"id": user.id}\n',
    useInstead:
      'from flask import Flask, request\n\nfrom app.models import User, db\n\napp = Flask(__name__)\n\n@app.post("/users")\ndef create_user():\n    data = request.get_json()\n    user = User(name=str(data["name"]), email=str(data["email"]))\n    db.session.add(user)\n    db.session.commit()\n    return {"id": user.id}\n',
    references: [
      'https://cheatsheetseries.owasp.org/cheatsheets/Mass_Assignment_Cheat_Sheet.html',
      'https://cwe.mitre.org/data/definitions/915.html',
      'https://docs.djangoproject.com/en/stable/topics/forms/modelforms/#selecting-the-fields-to-use',
      'https://www.django-rest-framework.org/api-guide/serializers/#specifying-which-fields-to-include',
    ],
  },
  visitors: {
    module(_node, ctx) {
      const seen = new Set<number>();
      for (const hit of ctx.taintHits(['mass-assignment'])) {
        if (seen.has(hit.sink.id)) continue;
        seen.add(hit.sink.id);
        const what = hit.label.description;
        const source = `${what.charAt(0).toUpperCase()}${what.slice(1)}`;
        const message =
          hit.sinkName === 'setattr'
            ? `${source} chooses the attribute name given to setattr, so the client can set any field of the object; copy only the fields in an explicit allow-list.`
            : `${source} reaches ${hit.sinkName} as a whole dict, so the client chooses which fields are written (is_admin, role, owner…); pass the allowed fields one by one or validate with a schema that lists them.`;
        ctx.report(hit.sink, message, { flow: flowOf(hit) });
      }
    },
    class_definition(node, ctx) {
      checkFormClass(node, ctx);
    },
  },
});
