/** The UI's languages: bokmål (the default) and English. */
export type Lang = 'nb' | 'en';

/** Message parameters: `{name}` is replaced by the value; `{name|one|other}` picks a form by it. */
export type Params = Record<string, string | number>;

/**
 * Fills a message template: `{count|faktura|fakturaer}` gives the first form when `count` is 1,
 * else the second; `{name}` gives the value. A parameter not given stays as written, visible.
 */
export function fillMessage(template: string, params: Params): string {
  return template
    .replace(/\{(\w+)\|([^|}]*)\|([^}]*)\}/g, (whole, name: string, one: string, other: string) =>
      name in params ? (Number(params[name]) === 1 ? one : other) : whole,
    )
    .replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
