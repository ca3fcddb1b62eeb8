// Table-driven rule builders: taintRule() turns a sink kind and its metadata into a data-flow rule.
import type { TaintHit } from '../analysis/taint/index.js';
import type { SinkKind } from '../analysis/taint/value.js';
import { regionOf, type FlowStep } from '../engine/finding.js';
import { defineRule, type Rule, type RuleMeta } from '../engine/rule.js';

export interface TaintRuleSpec extends RuleMeta {
  kinds: readonly SinkKind[];
  /** Sentence tail after "<source> reaches <sink>": what to do instead. */
  advice: string;
}

/** SARIF code flow: the source, each step, then the sink. */
export function flowOf(hit: TaintHit): FlowStep[] {
  const steps: FlowStep[] = hit.label.steps.map((s) => ({ region: s.region, message: s.message, ...(s.path ? { path: s.path } : {}) }));
  if (hit.via) steps.push({ region: hit.via.region, message: `reaches ${hit.via.sinkName}`, path: hit.via.path });
  steps.push({ region: regionOf(hit.sink), message: `reaches ${hit.sinkName}` });
  return steps;
}

export function taintRule(spec: TaintRuleSpec): Rule {
  const { kinds, advice, ...meta } = spec;
  return defineRule({
    ...meta,
    dataFlow: true,
    visitors: {
      module(_node, ctx) {
        // One result per sink call: `headers.add(k, v)` with both arguments tainted is one finding.
        const seen = new Set<number>();
        for (const hit of ctx.taintHits(kinds)) {
          let at = hit.sink.parent;
          if (at?.type === 'keyword_argument') at = at.parent;
          const call = at?.type === 'argument_list' ? at.parent : undefined;
          const key = call?.id ?? hit.sink.id;
          if (seen.has(key)) continue;
          seen.add(key);
          const what = hit.label.description;
          ctx.report(hit.sink, `${what.charAt(0).toUpperCase()}${what.slice(1)} reaches ${hit.sinkName}; ${advice}.`, { flow: flowOf(hit) });
        }
      },
    },
  });
}
