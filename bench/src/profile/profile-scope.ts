/**
 * Workload (b) for Threadline alone, for `node --cpu-prof`: entering and leaving a scope of
 * 2 or 8 fields while a recording request span is active.
 * Usage: node --cpu-prof --import tsx --conditions=@threadline/source bench/src/profile/profile-scope.ts [2|8] [iterations]
 */
import { context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { propagateAttributes, ThreadlineSpanProcessor } from '@threadline/core';
import { EIGHT_FIELDS, TWO_FIELDS } from '../fields';
import { installGlobals } from '../setups/globals';

const [fields = '2', count = '1000000'] = process.argv.slice(2);
installGlobals();
const tracer = new BasicTracerProvider({
  spanProcessors: [new ThreadlineSpanProcessor()],
}).getTracer('profile');
const request = tracer.startSpan('request');
const ctx = trace.setSpan(ROOT_CONTEXT, request);
const attributes = fields === '8' ? EIGHT_FIELDS : TWO_FIELDS;
const nothing = () => undefined;
const scope = () => propagateAttributes(attributes, nothing);
const start = process.cpuUsage();
for (let i = 0; i < Number(count); i++) context.with(ctx, scope);
const used = process.cpuUsage(start);
console.log(`${(((used.user + used.system) * 1000) / Number(count)).toFixed(0)} ns per scope`);
request.end();
