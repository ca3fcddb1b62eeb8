// Calls that write fields of database records (ORM model constructors, manager and query writes, insert().values(),
// document-store inserts) and calls that set object attributes by name (`obj.__dict__.update(d)`, `setattr`).
import type { SyntaxNode } from '../parser/python.js';
import { unwrapParentheses } from './syntax.js';

export interface OrmHost {
  callee(call: SyntaxNode): string | undefined;
  qualifiedName(node: SyntaxNode): string | undefined;
  baseClassNames(node: SyntaxNode): string[] | undefined;
}

/** How a call writes a record's fields, and the name to show in messages. */
export interface RecordWrite {
  kind:
    | 'construct' // User(**data)
    | 'manager' // User.objects.create(**data), User.create(**data), query.filter_by(...).update(data)
    | 'values' // insert(User).values(**data)
    | 'document' // db.users.insert_one(doc)
    | 'attributes' // obj.__dict__.update(data), vars(obj).update(data)
    | 'setattr'; // setattr(obj, name, value)
  name: string;
}

/** Base classes of ORM models and documents (qualified names). */
const MODEL_BASES: readonly RegExp[] = [
  /^django\.db\.models\.(base\.)?Model$/,
  /^django\.contrib\.auth\.models\.(AbstractUser|AbstractBaseUser|User|PermissionsMixin)$/,
  /^django\.contrib\.auth\.base_user\.AbstractBaseUser$/,
  /^flask_sqlalchemy\.SQLAlchemy\(\)\.Model$/,
  /^flask_sqlalchemy\.Model$/,
  /^sqlalchemy\.(orm|ext\.declarative|orm\.decl_api)\.(declarative_base\(\)|DeclarativeBase|DeclarativeBaseNoMeta|MappedAsDataclass)$/,
  /^sqlalchemy\.(orm|ext\.declarative)\.as_declarative\(\)/,
  /^peewee\.Model$/,
  /^mongoengine\.(Document|DynamicDocument|document\.Document)$/,
  /^tortoise\.(models\.)?Model$/,
  /^ormar\.Model$/,
  /^beanie\.Document$/,
  /^odmantic\.Model$/,
  /^pony\.orm\.Database\(\)\.Entity$/,
];
/** Validation classes: constructing one from request data is the validation, not a write. */
const VALIDATOR_BASES = /^(pydantic\.|marshmallow\.|rest_framework\.serializers\.|django\.forms\.|wtforms\.|flask_wtf\.|sqlmodel\.SQLModel$|msgspec\.|attrs?\.|dataclasses\.)/;
/** Imported names that stand for models: `app.models.User`, `django.contrib.auth.get_user_model()`. */
const MODEL_MODULE = /(^|\.)(models?|entities|orm|tables|documents|db_models)\.[A-Z][A-Za-z0-9_]*$/;
/** Class names of request/response schemas, which projects also keep in `models` modules (FastAPI's `ItemCreate`). */
const SCHEMA_NAME = /(Schema|Serializer|Form|In|Out|Create|Update|Request|Response|Payload|Params|Query|Input|Output|Dto|DTO|Filter)$/;
const USER_MODEL_FACTORIES = new Set(['django.contrib.auth.get_user_model()', 'django.contrib.auth.models.User']);
const MANAGER_WRITES = new Set(['create', 'update', 'get_or_create', 'update_or_create', 'insert', 'replace', 'insert_many', 'bulk_create']);
const QUERY_CHAIN_METHODS = new Set(['filter', 'filter_by', 'where', 'query', 'exclude', 'all', 'select_for_update', 'get_queryset']);
const DOCUMENT_WRITES = new Set(['insert_one', 'insert_many', 'replace_one', 'update_one', 'update_many', 'find_one_and_update', 'find_one_and_replace', 'put_item']);

function method(call: SyntaxNode): { name: string; receiver: SyntaxNode } | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute') return undefined;
  const name = fn.childForFieldName('attribute')?.text;
  const receiver = fn.childForFieldName('object');
  return name && receiver ? { name, receiver: unwrapParentheses(receiver) } : undefined;
}

export class RecordWrites {
  private readonly memo = new Map<number, RecordWrite | null>();

  constructor(private readonly host: OrmHost) {}

  /** The class a name or attribute stands for is an ORM model or document class. */
  isModelClass(node: SyntaxNode): boolean {
    const n = unwrapParentheses(node);
    if (n.type !== 'identifier' && n.type !== 'attribute') return false;
    const bases = this.host.baseClassNames(n);
    if (bases !== undefined) {
      if (bases.some((b) => VALIDATOR_BASES.test(b))) return false;
      return bases.some((b) => MODEL_BASES.some((re) => re.test(b)));
    }
    const qn = this.host.qualifiedName(n);
    if (qn === undefined) return false;
    if (USER_MODEL_FACTORIES.has(qn)) return true;
    return MODEL_MODULE.test(qn) && !VALIDATOR_BASES.test(qn) && !SCHEMA_NAME.test(qn);
  }

  /** The receiver is a Django manager or queryset (`User.objects`, `User.objects.filter(...)`), a model class, or a query chain. */
  private isQueryReceiver(receiver: SyntaxNode, depth = 0): boolean {
    if (depth > 8) return false;
    if (receiver.type === 'attribute') {
      const attr = receiver.childForFieldName('attribute')?.text;
      if (attr === 'objects' || attr === '_default_manager' || attr === 'query') return true;
      return this.isModelClass(receiver);
    }
    if (receiver.type === 'identifier') return this.isModelClass(receiver);
    if (receiver.type === 'call') {
      const m = method(receiver);
      if (m && QUERY_CHAIN_METHODS.has(m.name)) return this.isQueryReceiver(m.receiver, depth + 1) || m.name === 'query';
      return false;
    }
    return false;
  }

  /** `insert(User)`, `update(User)`, `users.insert()`: the statement that `.values(...)` fills in. */
  private isInsertStatement(node: SyntaxNode): boolean {
    if (node.type !== 'call') return false;
    const callee = this.host.callee(node);
    if (callee !== undefined && /^sqlalchemy\.(sql\.(expression\.)?)?(insert|update)$/.test(callee)) return true;
    if (callee !== undefined && /^sqlalchemy\.dialects\.\w+\.insert$/.test(callee)) return true;
    // users.insert(), users.update().where(...), User.insert() (peewee)
    const m = method(node);
    if (m && (m.name === 'insert' || m.name === 'update')) return true;
    if (m && (m.name === 'where' || m.name === 'filter')) return this.isInsertStatement(m.receiver);
    return false;
  }

  of(call: SyntaxNode): RecordWrite | undefined {
    const cached = this.memo.get(call.id);
    if (cached !== undefined) return cached ?? undefined;
    const result = this.compute(call);
    this.memo.set(call.id, result ?? null);
    return result;
  }

  private compute(call: SyntaxNode): RecordWrite | undefined {
    const fn = call.childForFieldName('function');
    if (!fn) return undefined;
    const callee = this.host.callee(call);
    if (callee === 'setattr' || callee === 'builtins.setattr') return { kind: 'setattr', name: 'setattr' };
    const m = method(call);
    if (!m) {
      if (fn.type === 'identifier' && this.isModelClass(fn)) return { kind: 'construct', name: fn.text };
      return undefined;
    }
    if (m.name === 'update') {
      // obj.__dict__.update(d), vars(obj).update(d)
      if (m.receiver.type === 'attribute' && m.receiver.childForFieldName('attribute')?.text === '__dict__') return { kind: 'attributes', name: `${m.receiver.text}.update` };
      if (m.receiver.type === 'call' && ['vars', 'builtins.vars'].includes(this.host.callee(m.receiver) ?? '')) return { kind: 'attributes', name: `${m.receiver.text}.update` };
    }
    if (MANAGER_WRITES.has(m.name) && this.isQueryReceiver(m.receiver)) return { kind: 'manager', name: `${m.receiver.text.length > 40 ? '…' : m.receiver.text}.${m.name}` };
    if (m.name === 'values' && this.isInsertStatement(m.receiver)) return { kind: 'values', name: 'values' };
    if (DOCUMENT_WRITES.has(m.name) && (m.receiver.type === 'subscript' || m.receiver.type === 'attribute' || m.receiver.type === 'identifier')) {
      const qn = this.host.qualifiedName(m.receiver) ?? '';
      const looksLikeCollection = qn.startsWith('pymongo.') || qn.startsWith('motor.') || m.receiver.type === 'subscript' || /\b(db|database|collection|coll|table)\b/i.test(m.receiver.text.replace(/[._]/g, ' '));
      if (looksLikeCollection) return { kind: 'document', name: `${m.receiver.text.length > 40 ? '…' : m.receiver.text}.${m.name}` };
    }
    if (fn.type === 'attribute' && this.isModelClass(fn)) return { kind: 'construct', name: fn.text };
    return undefined;
  }
}
