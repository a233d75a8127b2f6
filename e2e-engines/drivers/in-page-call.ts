import { queryScript } from '../in-page/bundle.js';
import type { Query, QueryApi } from '../in-page/query.js';
import type { PageDriver } from './types.js';

export type Op = Exclude<keyof QueryApi, 'one'>;
export type Answer = { missing: true } | { missing: false; value: unknown };

/**
 * Runs in the page (serialized by each driver): calls the query engine if this document has it. A new
 * document (navigation, reload) has lost it, and the driver installs it again with queryScript().
 */
export function callInPage([op, args]: [Op, unknown[]]): Answer {
  const api = (window as unknown as { __openFloorQuery?: Record<Op, (...a: unknown[]) => unknown> }).__openFloorQuery;
  if (!api) return { missing: true };
  return { missing: false, value: api[op](...args) };
}

/** Runs in the page: the one element a query names (the engine throws unless there is exactly one). */
export function oneInPage(query: unknown): Element {
  return (window as unknown as { __openFloorQuery: QueryApi }).__openFloorQuery.one(query as Parameters<QueryApi['one']>[0]);
}

/** Calls `op` through `run`, installing the engine with `install` first when the document lacks it. */
export async function callWith(run: (call: [Op, unknown[]]) => Promise<Answer>, install: () => Promise<unknown>, op: Op, args: unknown[]): Promise<unknown> {
  let answer = await run([op, args]);
  if (answer.missing) {
    await install();
    answer = await run([op, args]);
  }
  if (answer.missing) throw new Error('the in-page query engine could not be installed');
  return answer.value;
}

/**
 * What every engine's page does the same way: find and read through the in-page query engine. A driver
 * says only how it runs a function in the page (`inPage`) and a script (`install`).
 */
export abstract class InPageQueries {
  protected abstract inPage(call: [Op, unknown[]]): Promise<Answer>;
  protected abstract install(script: string): Promise<unknown>;

  protected call(op: Op, args: unknown[]): Promise<unknown> {
    return callWith((call) => this.inPage(call), () => this.install(queryScript()), op, args);
  }

  find(query: Query, attributes: string[] = []) {
    return this.call('find', [query, attributes]) as ReturnType<PageDriver['find']>;
  }

  facts() {
    return this.call('facts', []) as ReturnType<PageDriver['facts']>;
  }
}
