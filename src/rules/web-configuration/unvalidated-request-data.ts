// unvalidated-request-data (audit): request bodies stored in the database by a handler that validates nothing.
import { namedChildren } from '../../analysis/syntax.js';
import type { RuleContext } from '../../engine/context.js';
import type { Region } from '../../engine/finding.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';
import { flowOf } from '../factories.js';

/** Sources that are request bodies (JSON, forms, raw bodies), not URL parts or headers. */
const BODY_SOURCE = /\b(json|get_json|form|forms|values|data|POST|body|media|get_media|json_body|get_body|post)\b/;
/** Validation libraries: any call into them counts as validating in that function. */
const VALIDATION_MODULES = /^(pydantic|marshmallow|jsonschema|cerberus|voluptuous|schema|wtforms|flask_wtf|webargs|msgspec|attrs|cattrs|trafaret|schematics|django\.forms|rest_framework\.serializers|fastjsonschema|validators|email_validator)\b/;
/** Methods that validate their receiver's data or their argument. */
const VALIDATION_METHODS = new Set(['is_valid', 'validate', 'validate_on_submit', 'model_validate', 'model_validate_json', 'parse_obj', 'parse_raw', 'full_clean', 'validate_python', 'validate_json', 'iter_errors']);
/** Class-name suffixes of schemas, forms and serializers constructed from the data. */
const VALIDATOR_NAME = /(Schema|Serializer|Form|Validator|Model(In|Create|Update)|In|Create|Update|Payload|Request)$/;

function within(region: Region, node: SyntaxNode): boolean {
  const start = node.startPosition;
  const end = node.endPosition;
  const afterStart = region.startLine - 1 > start.row || (region.startLine - 1 === start.row && region.startColumn - 1 >= start.column);
  const beforeEnd = region.endLine - 1 < end.row || (region.endLine - 1 === end.row && region.endColumn - 1 <= end.column);
  return afterStart && beforeEnd;
}

interface Validation {
  node: SyntaxNode;
  /** A Django/DRF form or serializer's is_valid(): its cleaned data, not the raw request, should be used afterwards. */
  isValidCall: boolean;
}

function validationsIn(fn: SyntaxNode, ctx: RuleContext): Validation[] {
  const out: Validation[] = [];
  for (const call of ctx.callsWithin(fn)) {
    const callee = ctx.callee(call);
    const f = call.childForFieldName('function');
    const method = f?.type === 'attribute' ? f.childForFieldName('attribute')?.text : undefined;
    if (method && VALIDATION_METHODS.has(method)) {
      out.push({ node: call, isValidCall: method === 'is_valid' });
      continue;
    }
    // marshmallow `schema.load(data)`
    if (method === 'load' || method === 'loads') {
      const receiver = f?.childForFieldName('object');
      if (receiver && /schema/i.test(receiver.text)) {
        out.push({ node: call, isValidCall: false });
        continue;
      }
    }
    if (callee !== undefined && VALIDATION_MODULES.test(callee)) {
      out.push({ node: call, isValidCall: false });
      continue;
    }
    const name = f?.type === 'identifier' ? f : f?.type === 'attribute' ? f.childForFieldName('attribute') : undefined;
    if (name && /^[A-Z]/.test(name.text) && VALIDATOR_NAME.test(name.text)) {
      out.push({ node: call, isValidCall: false });
      continue;
    }
    const bases = f ? ctx.baseClassNames(f) : undefined;
    if (bases?.some((b) => VALIDATION_MODULES.test(b))) out.push({ node: call, isValidCall: false });
  }
  return out;
}

/** A handler parameter annotated with a schema class (FastAPI body model, a dataclass): validated by the framework. */
function isTypedParameter(fn: SyntaxNode, description: string): boolean {
  const m = /^request parameter (\w+)$/.exec(description);
  if (!m) return false;
  for (const p of namedChildren(fn.childForFieldName('parameters'))) {
    if (p.type !== 'typed_parameter' && p.type !== 'typed_default_parameter') continue;
    const name = p.type === 'typed_parameter' ? namedChildren(p).find((c) => c.type === 'identifier')?.text : p.childForFieldName('name')?.text;
    if (name !== m[1]) continue;
    const type = p.childForFieldName('type')?.text.replace(/\s+/g, '') ?? '';
    return !/^(typing\.)?(dict|Dict|Any|Mapping|Json|list|List)\b/.test(type);
  }
  return false;
}

export const unvalidatedRequestData = defineRule({
  id: 'unvalidated-request-data',
  title: 'Request body stored without schema validation',
  family: 'web-configuration',
  checklist: ['Input Validation', 'API Security'],
  level: 'note',
  securitySeverity: 3.7,
  precision: 'low',
  tier: 'audit',
  cwe: [20],
  compatible: {},
  dataFlow: true,
  docs: {
    whatItDoes:
      'Audit rule. Follows request bodies (Flask `request.json`/`get_json()`/`form`, Django `request.POST`/`request.body`, DRF `request.data`, Starlette `await request.json()`, FastAPI bodies typed `dict`/`Any`) into database writes (ORM model constructors, `objects.create`/`update`, `insert().values()`, document-store inserts) in a handler that calls no validation: no pydantic model, marshmallow or jsonschema schema, WTForms/Django form, DRF serializer, or `validate`/`is_valid` call, and no conversion such as `int()` on the value. Also reports raw `request.POST`/`request.data` stored after `form.is_valid()` where the form\'s `cleaned_data` should be used. Values in FastAPI parameters typed with a model class are validated by the framework and not reported.',
    whyBad:
      'Data stored without validation has whatever type, size and shape the client sent: strings where numbers were expected, nested objects, megabyte-long fields, values outside the allowed set. It breaks invariants the rest of the code relies on, turns into stored XSS or injection later when other code trusts the database, and makes authorization checks on fields unreliable.',
    example:
      'from flask import Flask, request\n\nfrom app.models import Comment, db\n\napp = Flask(__name__)\n\n@app.post("/comments")\ndef add_comment():\n    data = request.get_json()\n    comment = Comment(text=data["text"], rating=data["rating"])\n    db.session.add(comment)\n    return {"id": comment.id}\n',
    useInstead:
      'from flask import Flask, request\nfrom pydantic import BaseModel, Field\n\nfrom app.models import Comment, db\n\napp = Flask(__name__)\n\nclass CommentIn(BaseModel):\n    text: str = Field(max_length=2000)\n    rating: int = Field(ge=1, le=5)\n\n@app.post("/comments")\ndef add_comment():\n    data = CommentIn.model_validate(request.get_json())\n    comment = Comment(text=data.text, rating=data.rating)\n    db.session.add(comment)\n    return {"id": comment.id}\n',
    references: [
      'https://cheatsheetseries.owasp.org/cheatsheets/Input_Validation_Cheat_Sheet.html',
      'https://cwe.mitre.org/data/definitions/20.html',
      'https://docs.pydantic.dev/latest/concepts/models/',
      'https://docs.djangoproject.com/en/stable/ref/forms/api/#accessing-clean-data',
    ],
  },
  visitors: {
    module(_node, ctx) {
      const seen = new Set<number>();
      const memo = new Map<number, Validation[]>();
      for (const hit of ctx.taintHits(['record-write'])) {
        const description = hit.label.description;
        if (hit.label.structured !== 'json' && !BODY_SOURCE.test(description) && !/^request parameter /.test(description)) continue;
        const fn = ctx.enclosingFunction(hit.sink);
        if (!fn) continue;
        if (isTypedParameter(fn, description)) continue;
        let call: SyntaxNode | null = hit.sink;
        while (call && call.type !== 'call') call = call.parent;
        const key = call?.id ?? hit.sink.id;
        if (seen.has(key)) continue;
        let validations = memo.get(fn.id);
        if (!validations) memo.set(fn.id, (validations = validationsIn(fn, ctx)));
        // The value was read inside a validator's construction (`CommentForm(request.POST)` → `form.cleaned_data`).
        const source = hit.label.steps[0]?.region;
        if (source && validations.some((v) => within(source, v.node))) continue;
        const before = validations.filter((v) => v.node.startIndex < hit.sink.startIndex);
        const rawAfterIsValid = before.some((v) => v.isValidCall) && /\b(POST|data)\b/.test(description);
        if (validations.length > 0 && !rawAfterIsValid) continue;
        seen.add(key);
        const what = `${description.charAt(0).toUpperCase()}${description.slice(1)}`;
        const message = rawAfterIsValid
          ? `${what} is stored through ${hit.sinkName} after is_valid() instead of the validated cleaned_data / validated_data; store the validated values.`
          : `${what} is stored through ${hit.sinkName} without any schema validation in this handler; validate the body with a pydantic model, marshmallow schema, form or serializer first.`;
        ctx.report(hit.sink, message, { flow: flowOf(hit) });
      }
    },
  },
});
